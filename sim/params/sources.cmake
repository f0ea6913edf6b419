# sources of sim/params
list(APPEND MSCSIM_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/value.cpp
  ${CMAKE_CURRENT_LIST_DIR}/key_path.cpp
  ${CMAKE_CURRENT_LIST_DIR}/value_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/toml_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parameter_catalogue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/suggestions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/markdown.cpp)
