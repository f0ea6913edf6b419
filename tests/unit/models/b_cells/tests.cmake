# Unit tests of the B-cell model (models/b_cells).
mscsim_add_gtest(unit_models_b_cells LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_b_cell_rules.cpp LIBS mscsim::models)
