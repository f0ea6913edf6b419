list(APPEND MSCSIM_MODEL_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/register.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tissue_health.cpp
  ${CMAKE_CURRENT_LIST_DIR}/recruitment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/immune_readouts.cpp)
