#pragma once
// One extendible float64 series (/timeseries/...) fed one value per output row. Values
// wait in memory and are written in blocks: an HDF5 write per value per row would cost
// more than the rows themselves.
#include <string>
#include <vector>

#include "sim/io/hdf5_handle.hpp"

namespace mscsim::hdf5 {

class BufferedSeries {
 public:
  // Creates parent/name with zero rows and a "unit" attribute.
  // dense_attributes: see ExtendibleLayout (for the time axis, a dimension scale).
  BufferedSeries(hid_t parent, const std::string& name, const std::string& unit, bool dense_attributes = false);
  // Continues an existing series (a run restarted from a checkpoint) after its last row.
  explicit BufferedSeries(Dataset existing);

  void push(double value) { pending_.push_back(value); }
  std::size_t pending() const { return pending_.size(); }
  // Appends the pending values to the dataset.
  void flush();
  void close() { dataset_.reset(); }
  hid_t id() const { return dataset_.get(); }

 private:
  Dataset dataset_;
  std::vector<double> pending_;
  hsize_t rows_written_ = 0;
};

}  // namespace mscsim::hdf5
