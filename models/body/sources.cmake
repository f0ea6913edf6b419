list(APPEND MSCSIM_MODEL_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/register.cpp
  ${CMAKE_CURRENT_LIST_DIR}/body_parameters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_matrix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/routes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dosing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lattice_coupling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/biodistribution.cpp
  ${CMAKE_CURRENT_LIST_DIR}/body_model.cpp)
