mscsim_add_gtest(test_dt_convergence LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_dt_convergence.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_cytokine_levels_physiological LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cytokine_levels_physiological.cpp LIBS mscsim::models)
