mscsim_add_gtest(test_lattice LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_lattice.cpp)
