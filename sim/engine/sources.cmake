list(APPEND MSCSIM_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/world.cpp
  ${CMAKE_CURRENT_LIST_DIR}/event_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/commit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulation_state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/world_state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/engine_parameters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_parameters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_allocation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/progress.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stop_signal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/preflight.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run.cpp)
