#pragma once
// Every dataset of an HDF5 file as raw bytes (text as its characters), for exact
// comparisons of two trajectories. /meta is left out: it describes the process that wrote
// the file (start time, wall time, threads), not the trajectory.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mscsim::test_support {

struct DatasetBytes {
  std::vector<hsize_t> dims;
  std::vector<std::uint8_t> bytes;
  bool operator==(const DatasetBytes&) const = default;
};

namespace trajectory_datasets_detail {

inline DatasetBytes read_dataset(hid_t dataset) {
  DatasetBytes out;
  const hid_t space = H5Dget_space(dataset);
  const int rank = H5Sget_simple_extent_ndims(space);
  out.dims.resize(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, out.dims.data(), nullptr);
  const auto points = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
  const hid_t type = H5Dget_type(dataset);
  if (H5Tis_variable_str(type) > 0) {
    const hid_t memory = H5Tcopy(H5T_C_S1);
    H5Tset_size(memory, H5T_VARIABLE);
    H5Tset_cset(memory, H5Tget_cset(type));  // HDF5 converts no text between character sets
    std::vector<char*> texts(points, nullptr);
    if (points > 0 && H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()) < 0)
      ADD_FAILURE() << "cannot read dataset " << dataset;
    for (char* t : texts) {
      const std::string s = t ? t : "";
      out.bytes.insert(out.bytes.end(), s.begin(), s.end());
      out.bytes.push_back(0);
    }
    if (points > 0) H5Dvlen_reclaim(memory, space, H5P_DEFAULT, texts.data());
    H5Tclose(memory);
  } else {
    const hid_t native = H5Tget_native_type(type, H5T_DIR_ASCEND);
    out.bytes.resize(points * H5Tget_size(native));
    if (points > 0 && H5Dread(dataset, native, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.bytes.data()) < 0)
      ADD_FAILURE() << "cannot read dataset " << dataset;
    H5Tclose(native);
  }
  H5Tclose(type);
  H5Sclose(space);
  return out;
}

inline herr_t visit(hid_t group, const char* name, const H5L_info_t*, void* data) {
  auto& all = *static_cast<std::map<std::string, DatasetBytes>*>(data);
  const std::string path = name;
  if (path == "meta" || path.rfind("meta/", 0) == 0) return 0;
  const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
  if (object < 0) return -1;
  if (H5Iget_type(object) == H5I_DATASET) all[path] = read_dataset(object);
  H5Oclose(object);
  return 0;
}

}  // namespace trajectory_datasets_detail

// Path -> contents of every dataset outside /meta; empty when the file cannot be opened.
inline std::map<std::string, DatasetBytes> trajectory_datasets(const std::filesystem::path& path) {
  std::map<std::string, DatasetBytes> all;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return all;
  H5Lvisit(file, H5_INDEX_NAME, H5_ITER_INC, trajectory_datasets_detail::visit, &all);
  H5Fclose(file);
  return all;
}

// The names of the datasets that differ or exist in only one of the two maps.
inline std::string differing_datasets(const std::map<std::string, DatasetBytes>& a,
                                      const std::map<std::string, DatasetBytes>& b) {
  std::string out;
  for (const auto& [name, data] : a) {
    const auto it = b.find(name);
    if (it == b.end())
      out += name + " (only in the first) ";
    else if (!(it->second == data))
      out += name + " ";
  }
  for (const auto& [name, data] : b)
    if (!a.count(name)) out += name + " (only in the second) ";
  return out;
}

}  // namespace mscsim::test_support
