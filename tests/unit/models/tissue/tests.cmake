mscsim_add_gtest(test_tissue LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_tissue.cpp LIBS mscsim::models)
mscsim_add_gtest(test_disease_drivers LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_disease_drivers.cpp LIBS mscsim::models)
mscsim_add_gtest(test_recruitment_newcomers LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_recruitment_newcomers.cpp LIBS mscsim::models)
