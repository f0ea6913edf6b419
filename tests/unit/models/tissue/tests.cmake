mscsim_add_gtest(test_tissue LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_tissue.cpp LIBS mscsim::models)
