# sources of sim/fields
list(APPEND MSCSIM_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/field_set.cpp
  ${CMAKE_CURRENT_LIST_DIR}/thomas.cpp
  ${CMAKE_CURRENT_LIST_DIR}/explicit_reference.cpp)
