# sources of sim/io: trajectory output in HDF5 (the only folder that calls the HDF5 C API)
list(APPEND MSCSIM_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/hdf5_handle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hdf5_tree.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hdf5_attributes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hdf5_datasets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_frame_codec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/buffered_series.cpp
  ${CMAKE_CURRENT_LIST_DIR}/output_lock.cpp
  ${CMAKE_CURRENT_LIST_DIR}/byte_archive.cpp
  ${CMAKE_CURRENT_LIST_DIR}/checkpoint_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trajectory_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trajectory_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xdmf_sidecar.cpp)
