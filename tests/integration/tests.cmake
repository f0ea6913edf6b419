# Integration tests: run the mscsim binary as a user would.
mscsim_add_gtest(test_cli_bad_input LABEL integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_bad_input.cpp)
mscsim_add_gtest(test_cli_runs LABEL integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_runs.cpp)
add_dependencies(test_cli_bad_input mscsim)
add_dependencies(test_cli_runs mscsim)
mscsim_add_gtest(test_cli_sweep LABEL integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_sweep.cpp)
add_dependencies(test_cli_sweep mscsim)
mscsim_add_gtest(test_cli_threads LABEL integration RUN_SERIAL SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_threads.cpp)
add_dependencies(test_cli_threads mscsim)
