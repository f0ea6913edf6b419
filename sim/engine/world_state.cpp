// World::save_state / restore_state: the world as a checkpoint holds it (docs/checkpoint.md).
// Rows are saved in their current order, which later steps depend on (rules walk rows in
// order, the commit lists events in row order), and intents too, although a step leaves
// them cleared: the record is then the whole population, not a judgement of what matters.
#include <cstring>

#include "sim/core/errors.hpp"
#include "sim/engine/world.hpp"

namespace mscsim {

namespace {

[[noreturn]] void mismatch(const ByteReader& in, const std::string& what) {
  throw InputError({}, {}, in.origin() + ": " + what + " (the checkpoint was written for another scenario or build)");
}

void save_population(ByteWriter& out, const Population& pop) {
  out.text(pop.name());
  out.value<std::uint64_t>(pop.size());
  out.array_of(pop.id);
  out.array_of(pop.voxel);
  out.array_of(pop.move_to);
  out.array_of(pop.divide_to);
  out.array_of(pop.fate);
  out.array_of(pop.convert_to);
  out.array_of(pop.killed);
  out.value<std::uint64_t>(pop.columns().size());
  for (ColumnId c = 0; c < pop.columns().size(); ++c) {
    const ColumnSpec& spec = pop.columns()[c];
    out.text(spec.name);
    if (spec.type == ColumnType::Real)
      out.array(std::span<const double>(pop.real(c), pop.size()));
    else
      out.array(std::span<const std::int32_t>(pop.integer(c), pop.size()));
  }
}

template <class Column>
void restore_builtin(ByteReader& in, Column& column, std::size_t rows, const Population& pop) {
  in.array_into(column);
  if (column.size() != rows) mismatch(in, "population '" + pop.name() + "' has columns of different lengths");
}

template <class T>
void restore_column(ByteReader& in, T* destination, std::size_t rows, const std::string& what) {
  const std::vector<T> values = in.array<T>();
  if (values.size() != rows) mismatch(in, what + " has the wrong length");
  if (rows > 0) std::memcpy(destination, values.data(), rows * sizeof(T));
}

void restore_population(ByteReader& in, Population& pop) {
  if (in.text() != pop.name()) mismatch(in, "populations differ from '" + pop.name() + "'");
  const auto rows = static_cast<std::size_t>(in.value<std::uint64_t>());
  // Empty the population, then make `rows` rows whose values are all overwritten below.
  std::vector<std::uint32_t> all(pop.size());
  for (std::size_t r = 0; r < all.size(); ++r) all[r] = static_cast<std::uint32_t>(r);
  pop.remove_rows(all);
  pop.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) pop.append(0, 0);
  restore_builtin(in, pop.id, rows, pop);
  restore_builtin(in, pop.voxel, rows, pop);
  restore_builtin(in, pop.move_to, rows, pop);
  restore_builtin(in, pop.divide_to, rows, pop);
  restore_builtin(in, pop.fate, rows, pop);
  restore_builtin(in, pop.convert_to, rows, pop);
  restore_builtin(in, pop.killed, rows, pop);
  if (in.value<std::uint64_t>() != pop.columns().size())
    mismatch(in, "population '" + pop.name() + "' has other columns");
  for (ColumnId c = 0; c < pop.columns().size(); ++c) {
    const ColumnSpec& spec = pop.columns()[c];
    if (in.text() != spec.name) mismatch(in, "population '" + pop.name() + "' has other columns");
    if (spec.type == ColumnType::Real)
      restore_column(in, pop.real(c), rows, "column '" + pop.name() + "/" + spec.name + "'");
    else
      restore_column(in, pop.integer(c), rows, "column '" + pop.name() + "/" + spec.name + "'");
  }
}

void save_events(ByteWriter& out, const std::vector<EventTableData>& tables) {
  out.value<std::uint64_t>(tables.size());
  for (const EventTableData& table : tables) {
    out.text(table.kind);
    out.array_of(table.time_h);
    out.value<std::uint64_t>(table.columns.size());
    for (const EventColumnData& column : table.columns) {
      out.text(column.name);
      out.text(column.unit);
      out.value<std::uint8_t>(column.is_text ? 1 : 0);
      out.array_of(column.reals);
      out.value<std::uint64_t>(column.texts.size());
      for (const std::string& t : column.texts) out.text(t);
    }
  }
}

std::vector<EventTableData> restore_events(ByteReader& in) {
  std::vector<EventTableData> tables(static_cast<std::size_t>(in.value<std::uint64_t>()));
  for (EventTableData& table : tables) {
    table.kind = in.text();
    in.array_into(table.time_h);
    table.columns.resize(static_cast<std::size_t>(in.value<std::uint64_t>()));
    for (EventColumnData& column : table.columns) {
      column.name = in.text();
      column.unit = in.text();
      column.is_text = in.value<std::uint8_t>() != 0;
      in.array_into(column.reals);
      column.texts.resize(static_cast<std::size_t>(in.value<std::uint64_t>()));
      for (std::string& t : column.texts) t = in.text();
    }
  }
  return tables;
}

}  // namespace

void World::save_state(ByteWriter& out) const {
  out.value(next_id_);
  out.value<std::uint64_t>(populations_.size());
  for (const Population& pop : populations_) save_population(out, pop);
  out.value<std::uint64_t>(fields_.size());
  const std::size_t voxels = shape().voxel_count();
  for (FieldId f = 0; f < fields_.size(); ++f) {
    out.text(fields_.spec(f).name);
    out.array(std::span<const double>(fields_.data(f), voxels));
  }
  save_events(out, events_.tables());
}

void World::restore_state(ByteReader& in) {
  next_id_ = in.value<std::uint64_t>();
  if (in.value<std::uint64_t>() != populations_.size()) mismatch(in, "the number of populations differs");
  for (Population& pop : populations_) restore_population(in, pop);
  lattice_.clear_all();
  const std::size_t voxels = shape().voxel_count();
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    const Population& pop = populations_[p];
    for (std::size_t r = 0; r < pop.size(); ++r) {
      const std::uint32_t v = pop.voxel[r];
      if (v >= voxels || !lattice_.is_free(v)) mismatch(in, "agents of '" + pop.name() + "' overlap or lie outside");
      lattice_.place(v, {p, static_cast<std::uint32_t>(r)});
    }
  }
  std::fill(claims_.begin(), claims_.end(), 0);
  if (in.value<std::uint64_t>() != fields_.size()) mismatch(in, "the number of fields differs");
  for (FieldId f = 0; f < fields_.size(); ++f) {
    if (in.text() != fields_.spec(f).name) mismatch(in, "fields differ from '" + fields_.spec(f).name + "'");
    restore_column(in, fields_.data(f), voxels, "field '" + fields_.spec(f).name + "'");
  }
  events_.restore(restore_events(in));
}

}  // namespace mscsim
