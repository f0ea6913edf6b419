# sources of sim/compartments
list(APPEND MSCSIM_ENGINE_SOURCES ${CMAKE_CURRENT_LIST_DIR}/compartment_chain.cpp)
