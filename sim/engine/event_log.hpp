#pragma once
// A log of things that happen at one moment of a run (a dose given, say), kept in memory
// and written to /events/<kind> at the end (docs/output-format.md). Each kind of event is
// a small table: the time and named columns, numbers or text. Models declare a kind while
// they build and record events from serial contexts (scheduled events, world rules).
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "sim/io/trajectory_writer.hpp"

namespace mscsim {

struct EventColumnSpec {
  std::string name;
  std::string unit;  // "cells", "1", "text"
  bool is_text = false;
};

using EventValue = std::variant<double, std::string>;

class EventLog {
 public:
  // Declares a kind of event with its columns and returns its index. Throws
  // ConfigurationError for a kind declared twice, a repeated column, a column named
  // time_h, or a name that cannot be an HDF5 link.
  std::size_t declare(std::string kind, std::vector<EventColumnSpec> columns);

  // One event of a declared kind: one value per column, in declaration order, text for
  // text columns and a number otherwise (ConfigurationError if not).
  void record(std::size_t kind, double time_h, const std::vector<EventValue>& values);

  std::size_t kind_count() const { return tables_.size(); }
  const std::vector<EventTableData>& tables() const { return tables_; }
  // Replaces the recorded events with `tables` (from a checkpoint), which must have the
  // declared kinds and columns in declaration order; throws InputError otherwise.
  void restore(std::vector<EventTableData> tables);

 private:
  std::vector<EventTableData> tables_;
};

}  // namespace mscsim
