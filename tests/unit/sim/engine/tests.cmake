mscsim_add_gtest(test_simulation LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_simulation.cpp)
mscsim_add_gtest(test_cpu_allocation LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cpu_allocation.cpp)
mscsim_add_gtest(test_checkpoint_state LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_checkpoint_state.cpp)
