# Unit tests of the innate models (models/innate).
mscsim_add_gtest(unit_models_innate LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_innate_rules.cpp LIBS mscsim::models)
mscsim_add_gtest(unit_models_macrophage_efferocytosis LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_macrophage_efferocytosis.cpp LIBS mscsim::models)
