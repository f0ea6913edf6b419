#pragma once
// Numeric datasets: extendible ones that grow one frame at a time along their first
// dimension (time series, field snapshots) and fixed 1-D ones (agent columns).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/hdf5_handle.hpp"

namespace mscsim::hdf5 {

// Shape of an extendible dataset: dims are [frames, frame_dims...] with frames unlimited.
struct ExtendibleLayout {
  hid_t stored_type = H5T_IEEE_F64LE;
  std::vector<hsize_t> frame_dims;  // empty for a 1-D series of scalars
  hsize_t frames_per_chunk = 1;
  bool compress = false;  // shuffle + gzip level 1
  // Attributes kept in dense storage (a fractal heap) from the start, so one may exceed the
  // 64 KiB an object header holds: the REFERENCE_LIST of a dimension scale attached to
  // thousands of series.
  bool dense_attributes = false;
  // Frames never written read back as NaN; integer datasets (nan_fill = false) as 0.
  bool nan_fill = true;
};

// Created with zero frames; frames never written read back as the fill value.
Dataset create_extendible(hid_t parent, const std::string& name, const ExtendibleLayout& layout);

// Grows the first dimension to at least `frames`; new frames read as NaN.
void grow_to(hid_t dataset, hsize_t frames);
// Writes `frame_count` frames starting at frame `first`, growing the dataset if needed.
// `data` holds frame_count * prod(frame_dims) values of `memory_type`, last dimension fastest.
void write_frames(hid_t dataset, hsize_t first, hsize_t frame_count, hid_t memory_type, const void* data);

// Writes frame `frame` of a dataset chunked one frame per chunk as bytes already encoded by
// its filter pipeline (H5Dwrite_chunk, every filter applied), growing the dataset if needed.
void write_encoded_frame(hid_t dataset, hsize_t frame, const std::vector<std::uint8_t>& encoded);

// A fixed-length 1-D dataset of `count` values; compressed in chunks when not empty
// (a chunk cannot have zero size, so an empty dataset is stored contiguously).
Dataset write_vector(hid_t parent, const std::string& name, hid_t stored_type, hid_t memory_type,
                  const void* data, std::size_t count);

// Dimension scales (hdf5_hl, H5DS): `scale` becomes a dimension scale named `name`, and
// dimension `dim` of `dataset` is attached to it (h5py: dataset.dims[dim][0] is the scale).
void make_scale(hid_t scale, const std::string& name);
void attach_scale(hid_t dataset, hid_t scale, unsigned dim);

std::vector<std::uint64_t> dims_of(hid_t dataset);
// The whole dataset, flattened, converted by HDF5 to double or float.
std::vector<double> read_doubles(hid_t dataset);
// Elements [first, first + count) of a 1-D dataset, converted by HDF5 to double.
std::vector<double> read_doubles(hid_t dataset, std::uint64_t first, std::uint64_t count);
std::vector<float> read_floats(hid_t dataset);

}  // namespace mscsim::hdf5
