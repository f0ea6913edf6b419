# Unit tests of the MSC model (models/msc).
mscsim_add_gtest(unit_models_msc LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_msc_rules.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_msc_overexpression.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_msc_source_tlr4.cpp LIBS mscsim::models)
