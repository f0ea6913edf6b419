# Unit tests of the body compartments, routes, dosing and lattice coupling (models/body).
mscsim_add_gtest(unit_models_body LABEL unit SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_rate_matrix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_routes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_dosing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_lattice_coupling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_body_model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_biodistribution.cpp
  LIBS mscsim::models)
