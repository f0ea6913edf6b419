# Unit tests of sim/fields.
mscsim_add_gtest(test_diffusion LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_diffusion.cpp)
mscsim_add_gtest(test_field_conservation LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_field_conservation.cpp)
mscsim_add_gtest(test_field_threads LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_field_threads.cpp)
mscsim_add_gtest(test_field_set LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_field_set.cpp)
mscsim_add_gtest(test_source_step LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_source_step.cpp)
mscsim_add_gtest(test_field_quiescent LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_field_quiescent.cpp)
