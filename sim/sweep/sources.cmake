# sources of sim/sweep: sweep files, run tables, executors and summaries (docs/sweeps.md).
# mpi_executor.cpp is compiled into the executable, the only target that links MPI.
list(APPEND MSCSIM_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/sweep_spec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sweep_folder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/child_process.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/endpoints.cpp
  ${CMAKE_CURRENT_LIST_DIR}/summary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/slurm_submission.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mpi_launcher.cpp)
