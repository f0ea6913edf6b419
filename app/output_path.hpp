#pragma once
// Where `mscsim run` writes, decided and checked before anything runs: a run must never
// replace its own scenario, a device, a folder or a file that is not a trajectory, nor
// write outside out/ because of its run.name.
#include <filesystem>
#include <optional>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace mscsim::cli {

// The output file of a run: `option` (the -o value, when given) or out/<run.name>.h5.
// Throws InputError (exit 2) naming -o, or run.name with its location, when the path is
// empty, names a folder or a special file (/dev/full), is the scenario file itself, or
// exists as a file that is not HDF5.
std::filesystem::path checked_output_path(const std::optional<std::string>& option,
                                          const std::optional<std::string>& scenario_file, const Scenario& scenario);

// Whether a file starts with the HDF5 signature (our writer puts no user block before it).
bool looks_like_hdf5(const std::filesystem::path& path);

}  // namespace mscsim::cli
