#include "sim/agents/population.hpp"

#include "sim/agents/row_chunks.hpp"
#include "sim/core/errors.hpp"

namespace mscsim {

Population::Population(std::string name, std::vector<ColumnSpec> columns)
    : name_(std::move(name)), specs_(std::move(columns)) {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (specs_[j].name == specs_[i].name)
        throw ConfigurationError("population '" + name_ + "' declares column '" + specs_[i].name + "' twice");
    if (specs_[i].type == ColumnType::Real) {
      slot_.push_back(static_cast<std::uint32_t>(reals_.size()));
      reals_.emplace_back();
    } else {
      slot_.push_back(static_cast<std::uint32_t>(ints_.size()));
      ints_.emplace_back();
    }
  }
}

ColumnId Population::column_id(const std::string& column_name) const {
  for (std::size_t i = 0; i < specs_.size(); ++i)
    if (specs_[i].name == column_name) return static_cast<ColumnId>(i);
  throw ConfigurationError("population '" + name_ + "' has no column '" + column_name + "'");
}

bool Population::has_column(const std::string& column_name) const {
  for (const auto& s : specs_)
    if (s.name == column_name) return true;
  return false;
}

void Population::name_values(ColumnId c, std::vector<std::string> names) {
  if (c >= specs_.size() || specs_[c].type != ColumnType::Integer)
    throw ConfigurationError("population '" + name_ + "': only an integer column can name its values");
  specs_[c].value_names = std::move(names);
}

double Population::value_as_real(ColumnId c, std::size_t row) const {
  return specs_[c].type == ColumnType::Real ? reals_[slot_[c]][row] : static_cast<double>(ints_[slot_[c]][row]);
}

std::size_t Population::append(std::uint64_t agent_id, std::uint32_t voxel_index) {
  const std::size_t row = size();
  id.push_back(agent_id);
  voxel.push_back(voxel_index);
  move_to.push_back(kNoVoxel);
  divide_to.push_back(kNoVoxel);
  fate.push_back(Fate::Stay);
  convert_to.push_back(0);
  killed.push_back(0);
  for (std::size_t c = 0; c < specs_.size(); ++c) {
    if (specs_[c].type == ColumnType::Real)
      reals_[slot_[c]].push_back(specs_[c].initial);
    else
      ints_[slot_[c]].push_back(static_cast<std::int32_t>(specs_[c].initial));
  }
  return row;
}

std::size_t Population::append_copy(std::size_t parent, std::uint64_t agent_id, std::uint32_t voxel_index) {
  const std::size_t row = append(agent_id, voxel_index);
  for (auto& column : reals_) column[row] = column[parent];
  for (auto& column : ints_) column[row] = column[parent];
  return row;
}

std::vector<std::uint32_t> Population::remove_rows(const std::vector<std::uint32_t>& rows) {
  // Highest first: every removed row above the current one is already gone, so the row
  // moved into the hole is always a survivor.
  std::vector<std::uint32_t> moved;
  for (std::size_t k = rows.size(); k-- > 0;) {
    const std::size_t hole = rows[k];
    const std::size_t last = size() - 1;
    if (hole != last) {
      id[hole] = id[last];
      voxel[hole] = voxel[last];
      move_to[hole] = move_to[last];
      divide_to[hole] = divide_to[last];
      fate[hole] = fate[last];
      convert_to[hole] = convert_to[last];
      killed[hole] = killed[last];
      for (auto& column : reals_) column[hole] = column[last];
      for (auto& column : ints_) column[hole] = column[last];
      moved.push_back(static_cast<std::uint32_t>(hole));
    }
    id.pop_back();
    voxel.pop_back();
    move_to.pop_back();
    divide_to.pop_back();
    fate.pop_back();
    convert_to.pop_back();
    killed.pop_back();
    for (auto& column : reals_) column.pop_back();
    for (auto& column : ints_) column.pop_back();
  }
  // A row filled twice (the survivor moved in was itself moved later) is still listed
  // once per move; callers re-point all listed rows that are still in range.
  std::vector<std::uint32_t> valid;
  for (std::uint32_t r : moved)
    if (r < size()) valid.push_back(r);
  return valid;
}

namespace {
template <class Column>
void permute_vector(Column& v, const std::vector<std::uint32_t>& order, Column& scratch) {
  scratch.resize(v.size());
  const std::size_t n = order.size();
  const std::int64_t chunks = row_chunk_count(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t c = 0; c < chunks; ++c)
    for (std::size_t i = row_chunk_begin(c); i < row_chunk_end(c, n); ++i) scratch[i] = v[order[i]];
  v.swap(scratch);
}
}  // namespace

void Population::permute(const std::vector<std::uint32_t>& order) {
  if (order.size() != size()) throw ConfigurationError("permutation of the wrong length for '" + name_ + "'");
  CacheAlignedVector<std::uint64_t> s64;
  CacheAlignedVector<std::uint32_t> s32;
  CacheAlignedVector<Fate> sf;
  CacheAlignedVector<std::uint8_t> s8;
  CacheAlignedVector<double> sd;
  CacheAlignedVector<std::int32_t> si;
  permute_vector(id, order, s64);
  permute_vector(voxel, order, s32);
  permute_vector(move_to, order, s32);
  permute_vector(divide_to, order, s32);
  permute_vector(fate, order, sf);
  permute_vector(convert_to, order, s8);
  permute_vector(killed, order, s8);
  for (auto& column : reals_) permute_vector(column, order, sd);
  for (auto& column : ints_) permute_vector(column, order, si);
}

void Population::reserve(std::size_t n) {
  id.reserve(n);
  voxel.reserve(n);
  move_to.reserve(n);
  divide_to.reserve(n);
  fate.reserve(n);
  convert_to.reserve(n);
  killed.reserve(n);
  for (auto& column : reals_) column.reserve(n);
  for (auto& column : ints_) column.reserve(n);
}

void Population::clear_intents(std::size_t begin, std::size_t end) {
  for (std::size_t r = begin; r < end; ++r) {
    move_to[r] = kNoVoxel;
    divide_to[r] = kNoVoxel;
    fate[r] = Fate::Stay;
    killed[r] = 0;
  }
}

std::size_t Population::bytes() const {
  std::size_t b = id.capacity() * 8 + voxel.capacity() * 4 + move_to.capacity() * 4 + divide_to.capacity() * 4 +
                  fate.capacity() + convert_to.capacity() + killed.capacity();
  for (const auto& column : reals_) b += column.capacity() * sizeof(double);
  for (const auto& column : ints_) b += column.capacity() * sizeof(std::int32_t);
  return b;
}

}  // namespace mscsim
