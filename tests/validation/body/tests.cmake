# Validation of the body facts of docs/ODD.md section 4 (fact 7) and of the compartment
# chain and its books (scenarios/body).
mscsim_add_gtest(validation_body_matrix_exponential LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_biodistribution_matrix_exponential.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_body_iv_biodistribution LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_iv_biodistribution.cpp LIBS mscsim::models)
mscsim_add_gtest(validation_body_bookkeeping LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_dose_bookkeeping.cpp LIBS mscsim::models)
# docs/ODD.md section 4 fact 9 (Polchert 2008) and the product/route directions in the aGVHD
# disease scenario (scenarios/disease/agvhd_steroid_refractory_iv.toml).
mscsim_add_gtest(validation_body_agvhd_product_facts LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_agvhd_product_facts.cpp LIBS mscsim::models)
# Persistence by route (local weeks, iv days), scenarios/body/persistence_by_route.toml.
mscsim_add_gtest(validation_body_msc_persistence_by_route LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_msc_persistence_by_route.cpp LIBS mscsim::models)
