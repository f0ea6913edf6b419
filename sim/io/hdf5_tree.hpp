#pragma once
// Files, groups and links: creating, opening, and listing the tree of an HDF5 file.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/io/hdf5_handle.hpp"

namespace mscsim::hdf5 {

// Creates (truncating any existing file) for writing. Objects still open when the file is
// closed are closed with it, so no descriptor outlives the close before a rename or delete.
File create_file(const std::filesystem::path& path);
// Pushes buffered data and metadata to disk, so a reader (or a crash) sees a valid file.
void flush(hid_t file);
// Opens an existing file read-only, or read-write when `writable`.
File open_file(const std::filesystem::path& path, bool writable = false);

// `track_order` records link creation order, so a reader can list members in the order
// they were written rather than alphabetically.
Group create_group(hid_t parent, const std::string& name, bool track_order = false);
Group open_group(hid_t parent, const std::string& path);

// True when every component of a relative or absolute '/'-separated path exists.
bool exists(hid_t parent, const std::string& path);
// True when the object at `path` is a group (false for datasets and missing paths).
bool is_group(hid_t parent, const std::string& path);
// Names of the direct members of a group: in creation order where it was tracked,
// otherwise alphabetical.
std::vector<std::string> member_names(hid_t group);

}  // namespace mscsim::hdf5
