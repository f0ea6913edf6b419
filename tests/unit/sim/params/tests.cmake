# Unit tests of sim/params.
mscsim_add_gtest(test_parameter_catalogue LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_parameter_catalogue.cpp)
