# Unit tests of sim/scenario.
mscsim_add_gtest(test_scenario_loading LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_scenario_loading.cpp)
mscsim_add_gtest(test_scenario_overrides LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_scenario_overrides.cpp)
mscsim_add_gtest(test_scenario_toml LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_scenario_toml.cpp)
mscsim_add_gtest(test_toml_defects LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_toml_defects.cpp)
