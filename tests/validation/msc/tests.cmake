# Validation of the MSC facts of docs/ODD.md section 4 (in vitro scenarios in scenarios/in_vitro).
mscsim_add_gtest(validation_msc_mhc2_bell LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_mhc2_bell.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_msc_ido_dose_and_time LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_ido_dose_and_time.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_msc_licensing_needs_tnfa LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_licensing_needs_tnfa.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_msc_tlr_priming LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_tlr_priming.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_msc_thawed LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_thawed_msc.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_msc_tissue_tlr_ligands LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_tissue_tlr_ligands_polarize_mscs.cpp LIBS mscsim::models)
