# Unit tests of the shared biology (co-therapy modifiers).
mscsim_add_gtest(test_cotherapy LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cotherapy.cpp LIBS mscsim::models)
mscsim_add_gtest(test_receptor_uptake LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_receptor_uptake.cpp LIBS mscsim::models)
