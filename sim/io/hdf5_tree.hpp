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
// Opens an existing file read-only, or read-write when `writable`. Read-only, a file that
// a writer holds in SWMR mode is opened as a SWMR reader (it shows the last flush).
File open_file(const std::filesystem::path& path, bool writable = false);
// Opens read-write a copy of a file whose writer was in SWMR mode when it was copied (a
// checkpoint's trajectory), clearing the flags that say it is still open for writing.
File open_file_left_live(const std::filesystem::path& path);
// Reopens for writing a file its writer closed a moment ago, while SWMR readers may still
// have it open (their shared file lock is not in the way; the caller holds an OutputLock).
File reopen_for_writing(const std::filesystem::path& path);
// Switches a file opened read-write to SWMR writing: from here readers may open it while it
// grows, and the writer may only append to existing datasets (no new objects or attributes).
void start_live_writing(hid_t file);

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
