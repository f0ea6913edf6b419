#include "sim/io/buffered_series.hpp"

#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_datasets.hpp"
#include "sim/io/trajectory_layout.hpp"

namespace mscsim::hdf5 {

namespace {
// 256 rows (2 KiB) per chunk: HDF5 allocates whole chunks, so a run with hundreds of
// series and few rows stays small, while long runs still write few chunks.
constexpr hsize_t kRowsPerChunk = 256;
}  // namespace

BufferedSeries::BufferedSeries(hid_t parent, const std::string& name, const std::string& unit,
                               bool dense_attributes) {
  ExtendibleLayout layout;
  layout.dense_attributes = dense_attributes;
  layout.stored_type = H5T_IEEE_F64LE;
  layout.frames_per_chunk = kRowsPerChunk;
  dataset_ = create_extendible(parent, name, layout);
  write_attribute(dataset_.get(), trajectory_layout::kUnitAttribute, unit);
}

BufferedSeries::BufferedSeries(Dataset existing)
    : dataset_(std::move(existing)), rows_written_(dims_of(dataset_.get()).at(0)) {}

void BufferedSeries::flush() {
  if (pending_.empty()) return;
  write_frames(dataset_.get(), rows_written_, pending_.size(), H5T_NATIVE_DOUBLE, pending_.data());
  rows_written_ += pending_.size();
  pending_.clear();
}

}  // namespace mscsim::hdf5
