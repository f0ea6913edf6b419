# Disease effects of the scenario library (scenarios/disease/): the direction of a trial's
# result, treated against untreated with the same seeds.
mscsim_add_gtest(validation_disease_effects LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_disease_effects.cpp LIBS mscsim::models)
