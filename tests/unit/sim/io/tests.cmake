# Trajectory output (sim/io). The tests that forge files of another schema use the private
# HDF5 helpers of sim/io, so they need HDF5's headers too.
mscsim_add_gtest(test_trajectory_io LABEL unit SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/test_trajectory_round_trip.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_trajectory_files.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_trajectory_live.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_field_frames.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_trajectory_schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_trajectory_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_checkpoint_file.cpp)
target_include_directories(test_trajectory_io PRIVATE ${HDF5_INCLUDE_DIRS})
target_compile_definitions(test_trajectory_io PRIVATE ${HDF5_DEFINITIONS})
# Dimension scales are checked with hdf5_hl's H5DS calls.
target_link_libraries(test_trajectory_io PRIVATE ${HDF5_HL_LIBRARIES} ${HDF5_C_LIBRARIES})
