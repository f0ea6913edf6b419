#pragma once
// The MPI executor: `mpirun -np N mscsim sweep ... --executor mpi`. Rank 0 hands out runs
// one at a time as ranks ask for them (dynamic load balancing) and runs runs itself between
// requests; every rank runs one run at a time as a child process. The run files are the same
// as a local sweep's: a run's result depends on its scenario and seed only.
#include <memory>
#include <vector>

#include "sim/sweep/run_pool.hpp"

namespace mscsim::sweep {

// MPI_Init on construction and MPI_Finalize on destruction (RAII at the C API boundary).
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Every rank learns whether rank 0's value was true.
  bool broadcast_flag(bool value) const;
  void barrier() const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

// True when this build has MPI (otherwise MpiSession throws InputError).
bool mpi_available();

// Runs plan[todo[i]] across the ranks; `todo` matters on rank 0 only. Returns this rank's
// report (rank 0's covers its own runs; every rank's failures are in the sweep folder).
ExecutionReport execute_mpi(const MpiSession& mpi, const SweepFolder& folder, const std::vector<PlannedRun>& plan,
                            const std::vector<std::size_t>& todo, const LaunchSettings& launch);

}  // namespace mscsim::sweep
