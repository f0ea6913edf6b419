#include "sim/io/hdf5_tree.hpp"

#include <algorithm>

#include "sim/core/errors.hpp"

namespace mscsim::hdf5 {

namespace {

PropertyList closing_strongly() {
  auto access = make<Kind::property_list>(H5Pcreate(H5P_FILE_ACCESS), "create file access list");
  check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG), "set file close degree");
  return access;
}

}  // namespace

File create_file(const std::filesystem::path& path) {
  const PropertyList access = closing_strongly();
  // The HDF5 1.10 file format: the oldest that SWMR readers can follow while the file
  // grows (docs/output-format.md, "Reading a run while it goes"). Like the 1.8 format it
  // keeps attributes in dense storage when they outgrow 64 KiB, as the REFERENCE_LIST of a
  // time axis attached to thousands of series does; unlike it, HDF5 1.8 cannot read it.
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_V110), "set file format version");
  return make<Kind::file>(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()),
                          "cannot create HDF5 file " + path.string());
}

File open_file(const std::filesystem::path& path, bool writable) {
  PropertyList access = closing_strongly();
  // What is added to a file continued after a checkpoint is written as create_file writes.
  if (writable) {
    check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_V110), "set file format version");
    return make<Kind::file>(H5Fopen(path.c_str(), H5F_ACC_RDWR, access.get()), "cannot open HDF5 file " + path.string());
  }
  const hid_t plain = H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.get());
  if (plain >= 0) return File(plain);
  // A file still being written in SWMR mode refuses plain readers ("already open for
  // write"); as a SWMR reader we see it as it stood at its writer's last flush.
  const std::string detail = last_error_detail();
  H5Eclear2(H5E_DEFAULT);
  access = closing_strongly();
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST), "set file format version");
  const hid_t live = H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, access.get());
  if (live >= 0) return File(live);
  H5Eclear2(H5E_DEFAULT);
  throw OutputError("cannot open HDF5 file " + path.string() + (detail.empty() ? std::string() : ": " + detail));
}

File open_file_left_live(const std::filesystem::path& path) {
  const PropertyList access = closing_strongly();
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_V110), "set file format version");
  // The bytes of a file copied while its writer had it open in SWMR mode still carry the
  // superblock's "open for SWMR write" flags, which make HDF5 refuse to open it. The
  // property h5clear sets ("clear_status_flags", HDF5 1.10) clears them on open; every
  // buffer had been flushed before the copy, so nothing else is left unfinished.
  hbool_t clear = true;
  check(H5Pset(access.get(), "clear_status_flags", &clear), "clear the file's status flags");
  return make<Kind::file>(H5Fopen(path.c_str(), H5F_ACC_RDWR, access.get()), "cannot open HDF5 file " + path.string());
}

File reopen_for_writing(const std::filesystem::path& path) {
  const PropertyList access = closing_strongly();
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_V110), "set file format version");
  // SWMR readers keep a shared lock on the file, which would refuse this writer the
  // exclusive one; the writer's own output lock already keeps any other writer out.
  check(H5Pset_file_locking(access.get(), false, true), "turn off HDF5 file locking");
  return make<Kind::file>(H5Fopen(path.c_str(), H5F_ACC_RDWR, access.get()), "cannot open HDF5 file " + path.string());
}

void start_live_writing(hid_t file) { check(H5Fstart_swmr_write(file), "cannot start SWMR writing"); }

void flush(hid_t file) {
  if (H5Fflush(file, H5F_SCOPE_LOCAL) >= 0) return;
  // Read the reason before H5Fget_name, which clears HDF5's error stack.
  const std::string detail = last_error_detail();
  // The file's name, not the object's ("/"), says which output failed.
  std::string name(1024, '\0');
  const ssize_t length = H5Fget_name(file, name.data(), name.size());
  name.resize(length > 0 ? std::min<std::size_t>(static_cast<std::size_t>(length), name.size() - 1) : 0);
  H5Eclear2(H5E_DEFAULT);
  throw OutputError("cannot write " + (name.empty() ? std::string("HDF5 file") : name) +
                    (detail.empty() ? std::string() : ": " + detail));
}

Group create_group(hid_t parent, const std::string& name, bool track_order) {
  PropertyList creation;
  if (track_order) {
    creation = make<Kind::property_list>(H5Pcreate(H5P_GROUP_CREATE), "create group property list");
    check(H5Pset_link_creation_order(creation.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "track link creation order");
  }
  return make<Kind::group>(
      H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, creation.valid() ? creation.get() : H5P_DEFAULT,
                 H5P_DEFAULT),
      "cannot create HDF5 group " + name);
}

Group open_group(hid_t parent, const std::string& path) {
  return make<Kind::group>(H5Gopen2(parent, path.c_str(), H5P_DEFAULT), "cannot open HDF5 group " + path);
}

bool exists(hid_t parent, const std::string& path) {
  // H5Lexists fails (rather than answering false) when an intermediate group is missing,
  // so walk the path one component at a time.
  std::string prefix = path.starts_with('/') ? "/" : "";
  std::size_t start = prefix.size();
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) {
      prefix += path.substr(start, end - start);
      if (H5Lexists(parent, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
      prefix += '/';
    }
    start = end + 1;
  }
  return true;
}

bool is_group(hid_t parent, const std::string& path) {
  if (!exists(parent, path)) return false;
  // Opening the object and asking its identifier type works the same in HDF5 1.10 and
  // 1.12+, where the H5Oget_info family changed signature.
  const auto object = make<Kind::object>(H5Oopen(parent, path.c_str(), H5P_DEFAULT), "cannot open " + path);
  return H5Iget_type(object.get()) == H5I_GROUP;
}

std::vector<std::string> member_names(hid_t group) {
  H5G_info_t info;
  check(H5Gget_info(group, &info), "cannot list HDF5 group");
  const auto creation = make<Kind::property_list>(H5Gget_create_plist(group), "read group properties");
  unsigned order_flags = 0;
  check(H5Pget_link_creation_order(creation.get(), &order_flags), "read group link order");
  const H5_index_t index = (order_flags & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;

  std::vector<std::string> names;
  names.reserve(info.nlinks);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length = checked(
        H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT), "cannot read HDF5 link name");
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    checked(H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT),
            "cannot read HDF5 link name");
    name.resize(static_cast<std::size_t>(length));
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace mscsim::hdf5
