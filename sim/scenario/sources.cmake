# sources of sim/scenario
list(APPEND MSCSIM_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/scenario.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scenario_toml.cpp
  ${CMAKE_CURRENT_LIST_DIR}/override.cpp
  ${CMAKE_CURRENT_LIST_DIR}/toml_value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/toml_defects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/toml_parse.cpp
  ${CMAKE_CURRENT_LIST_DIR}/document_walker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/override_apply.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loading_steps.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scenario_loader.cpp)
