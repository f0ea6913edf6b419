#pragma once
// The checkpoint file of a run (docs/checkpoint.md): an HDF5 file with
//   attributes on /     format "mscsim-checkpoint", format_version, version, git_commit,
//                       output_path, steps_done, time_h, checkpoint_every_h, written_utc,
//                       model_states
//   /scenario           the resolved scenario (TOML, --set overrides applied)
//   /state              the simulation's state, a ByteWriter record (byte_archive.hpp)
//   /output_trajectory  the bytes of the trajectory file as it stood at the checkpoint
// The trajectory travels inside the checkpoint so that a restart never depends on an
// output file that a killed process may have left half-written.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace mscsim {

inline constexpr int kCheckpointFormatVersion = 1;

struct CheckpointHeader {
  std::string version;     // mscsim version that wrote it
  std::string git_commit;  // and its commit: a restart by another build is refused
  std::string scenario_toml;
  std::string output_path;  // the final trajectory path of the run
  std::uint64_t steps_done = 0;
  double time_h = 0.0;
  double checkpoint_every_h = 0.0;  // 0: written only because the run was stopped
  std::string written_utc;
  std::vector<std::string> model_states;  // names of the models' saved state (ModelStateHook)
};

struct Checkpoint {
  CheckpointHeader header;
  std::vector<std::uint8_t> state;
  std::vector<std::uint8_t> output_trajectory;
};

// Writes `path` atomically: everything goes to "<path>.tmp", which is flushed to disk
// (fsync) and renamed over `path`, and the folder is synced; until the rename the previous
// checkpoint stays whole. `trajectory` is the (flushed) output file to embed. Throws
// OutputError; the temporary file is removed on failure.
void write_checkpoint(const std::filesystem::path& path, const CheckpointHeader& header,
                      std::span<const std::uint8_t> state, const std::filesystem::path& trajectory);

// Throws InputError naming `path` when it is missing, not HDF5, not a checkpoint, or of
// another checkpoint format version.
Checkpoint read_checkpoint(const std::filesystem::path& path);
CheckpointHeader read_checkpoint_header(const std::filesystem::path& path);

// "<output>.checkpoint": where `mscsim run -o OUTPUT --checkpoint-every-h` writes by default.
std::filesystem::path default_checkpoint_path(const std::filesystem::path& output);

}  // namespace mscsim
