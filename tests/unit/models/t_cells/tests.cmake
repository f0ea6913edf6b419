# Unit tests of the T-cell models (CD4, CD8, Treg, readouts).
mscsim_add_gtest(test_t_cell_rules LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_t_cell_rules.cpp LIBS mscsim::models)
