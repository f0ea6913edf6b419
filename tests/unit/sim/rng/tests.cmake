mscsim_add_gtest(test_random_stream LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_random_stream.cpp)
