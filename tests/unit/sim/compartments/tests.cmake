# Unit tests of sim/compartments.
mscsim_add_gtest(test_compartment_chain LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_compartment_chain.cpp)
