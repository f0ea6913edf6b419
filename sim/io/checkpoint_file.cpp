#include "sim/io/checkpoint_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_datasets.hpp"
#include "sim/io/hdf5_tree.hpp"

namespace mscsim {

namespace {

constexpr const char* kFormatName = "mscsim-checkpoint";
constexpr const char* kScenario = "scenario";
constexpr const char* kState = "state";
constexpr const char* kTrajectory = "output_trajectory";

// Bytes as one contiguous uint8 dataset: uncompressed, since the trajectory's fields are
// compressed already and the state is written and read once.
void write_bytes(hid_t parent, const std::string& name, std::span<const std::uint8_t> bytes) {
  const hsize_t dims[1] = {bytes.size()};
  const auto space = hdf5::make<hdf5::Kind::dataspace>(H5Screate_simple(1, dims, nullptr), "create dataspace");
  const auto dataset = hdf5::make<hdf5::Kind::dataset>(
      H5Dcreate2(parent, name.c_str(), H5T_STD_U8LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      "cannot create checkpoint dataset " + name);
  if (!bytes.empty())
    hdf5::check(H5Dwrite(dataset.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()),
                "cannot write checkpoint dataset " + name);
}

std::vector<std::uint8_t> read_bytes(hid_t parent, const std::string& name) {
  const auto dataset =
      hdf5::make<hdf5::Kind::dataset>(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open " + name);
  const std::vector<std::uint64_t> dims = hdf5::dims_of(dataset.get());
  std::vector<std::uint8_t> bytes(dims.size() == 1 ? static_cast<std::size_t>(dims[0]) : 0);
  if (!bytes.empty())
    hdf5::check(H5Dread(dataset.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()),
                "cannot read " + name);
  return bytes;
}

std::vector<std::uint8_t> file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw OutputError("cannot read " + path.string() + " for the checkpoint");
  std::vector<std::uint8_t> bytes(std::filesystem::file_size(path));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!in) throw OutputError("cannot read " + path.string() + " for the checkpoint");
  return bytes;
}

void sync_path(const std::filesystem::path& path, bool folder) {
  const int fd = ::open(path.c_str(), (folder ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw OutputError("cannot open " + path.string() + " to sync it: " + std::strerror(errno));
  const int status = ::fsync(fd);
  const int reason = errno;
  ::close(fd);
  // Some file systems cannot sync a folder (EINVAL); the rename is still atomic there.
  if (status != 0 && !(folder && reason == EINVAL))
    throw OutputError("cannot sync " + path.string() + ": " + std::strerror(reason));
}

std::string text_attribute(hid_t file, const char* name, const std::filesystem::path& path) {
  const auto value = hdf5::read_attribute_text(file, name);
  if (!value) throw InputError({}, {}, path.string() + ": checkpoint lacks attribute '" + std::string(name) + "'");
  return *value;
}

hdf5::File open_checkpoint(const std::filesystem::path& path, CheckpointHeader& header) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw InputError({}, {}, path.string() + ": no such checkpoint file");
  hdf5::File file;
  try {
    file = hdf5::open_file(path);
  } catch (const OutputError&) {
    throw InputError({}, {}, path.string() + ": not a checkpoint (not an HDF5 file, or damaged)");
  }
  const hid_t f = file.get();
  if (hdf5::read_attribute_text(f, "format").value_or("") != kFormatName)
    throw InputError({}, {}, path.string() + ": not an mscsim checkpoint");
  const std::string format = text_attribute(f, "format_version", path);
  if (format != std::to_string(kCheckpointFormatVersion))
    throw InputError({}, {},
                     path.string() + ": checkpoint format " + format + ", this build reads format " +
                         std::to_string(kCheckpointFormatVersion));
  header.version = text_attribute(f, "version", path);
  header.git_commit = text_attribute(f, "git_commit", path);
  header.output_path = text_attribute(f, "output_path", path);
  header.steps_done = std::stoull(text_attribute(f, "steps_done", path));
  header.time_h = std::stod(text_attribute(f, "time_h", path));
  header.checkpoint_every_h = std::stod(text_attribute(f, "checkpoint_every_h", path));
  header.written_utc = text_attribute(f, "written_utc", path);
  header.scenario_toml = hdf5::read_string_dataset(f, kScenario);
  return file;
}

}  // namespace

void write_checkpoint(const std::filesystem::path& path, const CheckpointHeader& header,
                      std::span<const std::uint8_t> state, const std::filesystem::path& trajectory) {
  const hdf5::QuietErrors quiet;
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  try {
    {
      hdf5::File file = hdf5::create_file(temporary);
      const hid_t f = file.get();
      hdf5::write_attribute(f, "format", kFormatName);
      hdf5::write_attribute(f, "format_version", kCheckpointFormatVersion);
      hdf5::write_attribute(f, "version", header.version);
      hdf5::write_attribute(f, "git_commit", header.git_commit);
      hdf5::write_attribute(f, "output_path", header.output_path);
      hdf5::write_attribute(f, "steps_done", header.steps_done);
      hdf5::write_attribute(f, "time_h", header.time_h);
      hdf5::write_attribute(f, "checkpoint_every_h", header.checkpoint_every_h);
      hdf5::write_attribute(f, "written_utc", header.written_utc);
      hdf5::write_attribute(f, "model_states", header.model_states);
      hdf5::write_string_dataset(f, kScenario, header.scenario_toml);
      write_bytes(f, kState, state);
      write_bytes(f, kTrajectory, file_bytes(trajectory));
      file.close_or_throw("cannot close checkpoint " + temporary.string());
    }
    sync_path(temporary, false);
    std::filesystem::rename(temporary, path);
    sync_path(path.has_parent_path() ? path.parent_path() : std::filesystem::path("."), true);
  } catch (const std::filesystem::filesystem_error& e) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw OutputError("cannot write checkpoint " + path.string() + ": " + e.code().message());
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

Checkpoint read_checkpoint(const std::filesystem::path& path) {
  const hdf5::QuietErrors quiet;
  Checkpoint checkpoint;
  const hdf5::File file = open_checkpoint(path, checkpoint.header);
  try {
    checkpoint.state = read_bytes(file.get(), kState);
    checkpoint.output_trajectory = read_bytes(file.get(), kTrajectory);
  } catch (const OutputError& e) {
    throw InputError({}, {}, path.string() + ": damaged checkpoint (" + e.what() + ")");
  }
  return checkpoint;
}

CheckpointHeader read_checkpoint_header(const std::filesystem::path& path) {
  const hdf5::QuietErrors quiet;
  CheckpointHeader header;
  open_checkpoint(path, header);
  return header;
}

std::filesystem::path default_checkpoint_path(const std::filesystem::path& output) {
  std::filesystem::path path = output;
  path += ".checkpoint";
  return path;
}

}  // namespace mscsim
