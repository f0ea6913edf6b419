#pragma once
// All agents of one cell type, stored as structure-of-arrays: one contiguous column per
// declared state variable, plus the built-in id, voxel and per-step intents. Rows are
// dense; births are appended and the dead removed at the end of each step in a fixed
// order, so a row index is valid for one step and the id for the agent's whole life.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/cache_aligned.hpp"

namespace mscsim {

enum class ColumnType { Real, Integer };

struct ColumnSpec {
  std::string name;     // "licensing_level"
  ColumnType type = ColumnType::Real;
  std::string unit;     // "1", "h", ...
  double initial = 0.0; // value of a new agent unless its initializer sets another
  bool in_snapshot = true;
  // For an Integer column of category codes (a cell state): value_names[i] names code i.
  // Written with every agent snapshot (attribute value_names); empty for plain numbers.
  std::vector<std::string> value_names = {};
};

using ColumnId = std::uint32_t;
using PopulationId = std::uint32_t;

// What an agent asks for during a step; resolved by the engine's commit.
enum class Fate : std::uint8_t { Stay = 0, Die = 1, Convert = 2 };

class Population {
 public:
  static constexpr std::uint32_t kNoVoxel = 0xFFFFFFFFu;

  Population(std::string name, std::vector<ColumnSpec> columns);

  const std::string& name() const { return name_; }
  std::size_t size() const { return id.size(); }
  const std::vector<ColumnSpec>& columns() const { return specs_; }
  ColumnId column_id(const std::string& column_name) const;  // throws ConfigurationError
  bool has_column(const std::string& column_name) const;
  // Names the codes of Integer column c (ColumnSpec::value_names).
  void name_values(ColumnId c, std::vector<std::string> names);

  double* real(ColumnId c) { return reals_[slot_[c]].data(); }
  const double* real(ColumnId c) const { return reals_[slot_[c]].data(); }
  std::int32_t* integer(ColumnId c) { return ints_[slot_[c]].data(); }
  const std::int32_t* integer(ColumnId c) const { return ints_[slot_[c]].data(); }
  // Column value as double whatever its type (for output).
  double value_as_real(ColumnId c, std::size_t row) const;

  // Appends a row with every column at its initial value and no intents; returns the row.
  std::size_t append(std::uint64_t agent_id, std::uint32_t voxel_index);
  // Appends a copy of row `parent` (a daughter inherits its mother's state).
  std::size_t append_copy(std::size_t parent, std::uint64_t agent_id, std::uint32_t voxel_index);
  // Removes the given rows (ascending, distinct) by moving the last rows into the holes,
  // so the cost is proportional to the removals, not the population. Returns the new
  // rows of the agents that moved (their lattice entries must be updated).
  std::vector<std::uint32_t> remove_rows(const std::vector<std::uint32_t>& rows);
  // Reorders rows: new row i is old row order[i] (order is a permutation of all rows).
  void permute(const std::vector<std::uint32_t>& order);
  void reserve(std::size_t n);
  // Resets the intents of rows [begin, end) to none (the commit calls it per row chunk).
  void clear_intents(std::size_t begin, std::size_t end);

  std::size_t bytes() const;

  // Built-in columns, public because every rule reads them in hot loops.
  // Every column starts on a cache line, so the row chunks that threads own
  // (row_chunks.hpp) share no line.
  CacheAlignedVector<std::uint64_t> id;
  CacheAlignedVector<std::uint32_t> voxel;
  // Intents, reset each step: target voxel of a move or of a daughter (kNoVoxel: none),
  // the agent's own fate, the population it converts to, and deaths inflicted by others
  // (set atomically to 1, so concurrent killers agree whatever their order).
  CacheAlignedVector<std::uint32_t> move_to;
  CacheAlignedVector<std::uint32_t> divide_to;
  CacheAlignedVector<Fate> fate;
  CacheAlignedVector<std::uint8_t> convert_to;
  CacheAlignedVector<std::uint8_t> killed;

 private:
  std::string name_;
  std::vector<ColumnSpec> specs_;
  std::vector<std::uint32_t> slot_;  // column id -> index into reals_ or ints_
  std::vector<CacheAlignedVector<double>> reals_;
  std::vector<CacheAlignedVector<std::int32_t>> ints_;
};

}  // namespace mscsim
