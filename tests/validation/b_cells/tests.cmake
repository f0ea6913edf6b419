# Validation of the B-cell model against docs/ODD.md section 4 fact 5.
mscsim_add_gtest(validation_breg_induction_by_msc LABEL validation
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_breg_induction_by_msc.cpp LIBS mscsim::models)
