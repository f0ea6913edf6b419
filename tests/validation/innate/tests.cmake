# Validation of the innate models (DC, macrophage, NK) against docs/ODD.md section 4 facts 5 and 6.
mscsim_add_gtest(validation_nk_suppression_by_msc LABEL validation
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_nk_suppression_by_msc.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_dc_maturation_with_msc LABEL validation
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_dc_maturation_with_msc.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_macrophage_conversion_by_msc LABEL validation
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_macrophage_conversion_by_msc.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_efferocytosis_of_apoptotic_mscs LABEL validation
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_efferocytosis_of_apoptotic_mscs.cpp LIBS mscsim::models)
