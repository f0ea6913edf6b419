# Validation suite: one test per published fact the model reproduces (docs/ODD.md section 4),
# named after the fact and citing its source. Label: validation.
# Each file: mscsim_add_gtest(<name> LABEL validation SOURCES ${CMAKE_CURRENT_LIST_DIR}/<file>.cpp LIBS mscsim::models)
foreach(part tissue msc body t_cells innate b_cells disease)
  include(${CMAKE_CURRENT_LIST_DIR}/${part}/tests.cmake OPTIONAL)
endforeach()
