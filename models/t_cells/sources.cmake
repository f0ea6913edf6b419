list(APPEND MSCSIM_MODEL_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/register.cpp
  ${CMAKE_CURRENT_LIST_DIR}/t_cell_common.cpp
  ${CMAKE_CURRENT_LIST_DIR}/t_cell_shared.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cd4_t_cell.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cd8_t_cell.cpp
  ${CMAKE_CURRENT_LIST_DIR}/regulatory_t_cell.cpp
  ${CMAKE_CURRENT_LIST_DIR}/t_cell_readouts.cpp)
