mscsim_add_gtest(test_run_plan LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_run_plan.cpp)
mscsim_add_gtest(test_sweep_endpoints LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_sweep_endpoints.cpp)
