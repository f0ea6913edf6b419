# Virtual cohorts: the cohort file and the patients drawn from it (app/cohort_*.cpp).
mscsim_add_gtest(test_cohort_patients LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cohort_patients.cpp ${PROJECT_SOURCE_DIR}/app/cohort_spec.cpp
          ${PROJECT_SOURCE_DIR}/app/cohort_patients.cpp
  LIBS tomlplusplus::tomlplusplus)
