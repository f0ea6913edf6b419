#include "sim/io/hdf5_datasets.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <limits>

namespace mscsim::hdf5 {

namespace {

void add_compression(hid_t creation) {
  // Shuffling groups the bytes of neighbouring values, so smooth fields and slowly
  // varying columns compress far better; level 1 keeps writing cheap.
  check(H5Pset_shuffle(creation), "enable shuffle filter");
  check(H5Pset_deflate(creation, 1), "enable gzip compression");
}

std::size_t product(const std::vector<std::uint64_t>& dims) {
  std::size_t n = 1;
  for (std::uint64_t d : dims) n *= static_cast<std::size_t>(d);
  return n;
}

template <class Value>
std::vector<Value> read_all(hid_t dataset, hid_t memory_type) {
  std::vector<Value> values(product(dims_of(dataset)));
  if (!values.empty())
    check(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "cannot read dataset " + name_of(dataset));
  return values;
}

}  // namespace

Dataset create_extendible(hid_t parent, const std::string& name, const ExtendibleLayout& layout) {
  std::vector<hsize_t> dims{0};
  std::vector<hsize_t> max_dims{H5S_UNLIMITED};
  std::vector<hsize_t> chunk{layout.frames_per_chunk};
  for (hsize_t d : layout.frame_dims) {
    dims.push_back(d);
    max_dims.push_back(d);
    chunk.push_back(d);
  }
  const int rank = static_cast<int>(dims.size());
  const auto space = make<Kind::dataspace>(H5Screate_simple(rank, dims.data(), max_dims.data()),
                                           "cannot create dataspace for " + name);
  const auto creation = make<Kind::property_list>(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
  check(H5Pset_chunk(creation.get(), rank, chunk.data()), "cannot set chunking of " + name);
  if (layout.compress) add_compression(creation.get());
  if (layout.dense_attributes) check(H5Pset_attr_phase_change(creation.get(), 0, 0), "set dense attribute storage");
  if (layout.nan_fill) {
    const double fill = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(creation.get(), H5T_NATIVE_DOUBLE, &fill), "cannot set fill value of " + name);
  }
  return make<Kind::dataset>(H5Dcreate2(parent, name.c_str(), layout.stored_type, space.get(), H5P_DEFAULT,
                                        creation.get(), H5P_DEFAULT),
                             "cannot create dataset " + name);
}

void grow_to(hid_t dataset, hsize_t frames) {
  const std::vector<std::uint64_t> current = dims_of(dataset);
  if (frames <= current[0]) return;
  std::vector<hsize_t> dims(current.begin(), current.end());
  dims[0] = frames;
  check(H5Dset_extent(dataset, dims.data()), "cannot extend dataset " + name_of(dataset));
}

void write_frames(hid_t dataset, hsize_t first, hsize_t frame_count, hid_t memory_type, const void* data) {
  if (frame_count == 0) return;
  grow_to(dataset, first + frame_count);
  const std::vector<std::uint64_t> current = dims_of(dataset);
  std::vector<hsize_t> dims(current.begin(), current.end());
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> count = dims;
  start[0] = first;
  count[0] = frame_count;
  const auto file_space = make<Kind::dataspace>(H5Dget_space(dataset), "cannot read dataset shape");
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
        "cannot select frames of " + name_of(dataset));
  const auto memory_space = make<Kind::dataspace>(
      H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), "cannot create memory dataspace");
  check(H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data),
        "cannot write frames of " + name_of(dataset));
}

void write_encoded_frame(hid_t dataset, hsize_t frame, const std::vector<std::uint8_t>& encoded) {
  grow_to(dataset, frame + 1);
  std::vector<hsize_t> offset(dims_of(dataset).size(), 0);
  offset[0] = frame;
  check(H5Dwrite_chunk(dataset, H5P_DEFAULT, /*filters: none skipped=*/0, offset.data(), encoded.size(), encoded.data()),
        "cannot write frame of " + name_of(dataset));
}

Dataset write_vector(hid_t parent, const std::string& name, hid_t stored_type, hid_t memory_type,
                  const void* data, std::size_t count) {
  const hsize_t dims[1] = {count};
  const auto space = make<Kind::dataspace>(H5Screate_simple(1, dims, nullptr), "cannot create dataspace for " + name);
  const auto creation = make<Kind::property_list>(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
  if (count > 0) {
    // 64 Ki values per chunk: large enough to compress well, small enough to read a slice.
    const hsize_t chunk[1] = {std::min<hsize_t>(count, hsize_t{1} << 16)};
    check(H5Pset_chunk(creation.get(), 1, chunk), "cannot set chunking of " + name);
    add_compression(creation.get());
  }
  auto dataset = make<Kind::dataset>(
      H5Dcreate2(parent, name.c_str(), stored_type, space.get(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
      "cannot create dataset " + name);
  if (count > 0)
    check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot write dataset " + name);
  return dataset;
}

void make_scale(hid_t scale, const std::string& name) {
  check(H5DSset_scale(scale, name.c_str()), "cannot make " + name_of(scale) + " a dimension scale");
}

void attach_scale(hid_t dataset, hid_t scale, unsigned dim) {
  check(H5DSattach_scale(dataset, scale, dim),
        "cannot attach dimension scale " + name_of(scale) + " to " + name_of(dataset));
}

std::vector<std::uint64_t> dims_of(hid_t dataset) {
  const auto space = make<Kind::dataspace>(H5Dget_space(dataset), "cannot read dataset shape");
  const int rank = checked(H5Sget_simple_extent_ndims(space.get()), "cannot read dataset rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), "cannot read dataset shape");
  return {dims.begin(), dims.end()};
}

std::vector<double> read_doubles(hid_t dataset) { return read_all<double>(dataset, H5T_NATIVE_DOUBLE); }
std::vector<double> read_doubles(hid_t dataset, std::uint64_t first, std::uint64_t count) {
  std::vector<double> values(static_cast<std::size_t>(count));
  if (count == 0) return values;
  const hsize_t start[1] = {first};
  const hsize_t size[1] = {count};
  const auto file_space = make<Kind::dataspace>(H5Dget_space(dataset), "cannot read dataset shape");
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, size, nullptr),
        "cannot select rows of " + name_of(dataset));
  const auto memory_space = make<Kind::dataspace>(H5Screate_simple(1, size, nullptr), "cannot create memory dataspace");
  check(H5Dread(dataset, H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT, values.data()),
        "cannot read rows of " + name_of(dataset));
  return values;
}

std::vector<float> read_floats(hid_t dataset) { return read_all<float>(dataset, H5T_NATIVE_FLOAT); }

}  // namespace mscsim::hdf5
