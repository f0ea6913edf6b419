#pragma once
// Small tabular HDF5 files: named tables stored as compound datasets (one field per column,
// so h5py and pandas read a table in one call) with attributes on the root. Used for sweep
// summaries. Written as <path>.partial and renamed: a reader never sees half a file.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mscsim {

struct TableColumn {
  enum class Type { real, integer, unsigned_integer, text };
  std::string name;
  Type type = Type::real;
  std::vector<double> reals;
  std::vector<std::int64_t> integers;
  std::vector<std::uint64_t> unsigned_values;
  std::vector<std::string> texts;  // variable-length UTF-8
  std::size_t size() const;
};

struct Table {
  std::string name;  // dataset path below the root, e.g. "runs"
  std::vector<TableColumn> columns;
};

using AttributeValue = std::variant<std::string, std::int64_t, std::uint64_t, double>;
using NamedAttribute = std::pair<std::string, AttributeValue>;

// Throws OutputError on failure (and leaves no file at `path` or `path.partial`).
void write_table_file(const std::filesystem::path& path, const std::vector<NamedAttribute>& root_attributes,
                      const std::vector<Table>& tables);

// Reads the root attribute `name` of a table file as text; empty when absent.
// Throws OutputError when the file cannot be opened.
std::string read_root_attribute_text(const std::filesystem::path& path, const std::string& name);

}  // namespace mscsim
