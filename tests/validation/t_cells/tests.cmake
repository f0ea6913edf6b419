# T-cell validation facts (docs/ODD.md section 4, facts 3-6, T-cell parts), each run on the
# mixed lymphocyte reaction of scenarios/in_vitro/mlr.toml.
foreach(test test_mlr_suppression test_tryptophan_restores_t_proliferation test_tlr_priming_t_cells test_msc2_treg_th17
             test_very_low_msc_ratios_stimulate test_cd8_suppressed_more_than_cd4)
  mscsim_add_gtest(${test} LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp LIBS mscsim::models)
endforeach()
