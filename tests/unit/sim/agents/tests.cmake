mscsim_add_gtest(test_population LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_population.cpp)
