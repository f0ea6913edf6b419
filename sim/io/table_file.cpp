#include "sim/io/table_file.hpp"

#include <cstring>

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_handle.hpp"

namespace mscsim {

std::size_t TableColumn::size() const {
  switch (type) {
    case Type::real: return reals.size();
    case Type::integer: return integers.size();
    case Type::unsigned_integer: return unsigned_values.size();
    case Type::text: return texts.size();
  }
  return 0;
}

namespace {

hid_t native_type(TableColumn::Type type, hid_t text_type) {
  switch (type) {
    case TableColumn::Type::real: return H5T_NATIVE_DOUBLE;
    case TableColumn::Type::integer: return H5T_NATIVE_INT64;
    case TableColumn::Type::unsigned_integer: return H5T_NATIVE_UINT64;
    case TableColumn::Type::text: return text_type;
  }
  return H5T_NATIVE_DOUBLE;
}

std::size_t field_size(TableColumn::Type type) {
  return type == TableColumn::Type::text ? sizeof(const char*) : 8;
}

void write_table(hid_t file, const Table& table, hid_t text_type) {
  const std::size_t rows = table.columns.empty() ? 0 : table.columns.front().size();
  std::size_t row_bytes = 0;
  for (const TableColumn& c : table.columns) {
    if (c.size() != rows) throw OutputError("table " + table.name + ": column " + c.name + " has a different length");
    row_bytes += field_size(c.type);
  }
  if (row_bytes == 0) row_bytes = 8;
  auto type = hdf5::make<hdf5::Kind::datatype>(H5Tcreate(H5T_COMPOUND, row_bytes), "create table type");
  std::size_t offset = 0;
  std::vector<std::size_t> offsets;
  for (const TableColumn& c : table.columns) {
    hdf5::check(H5Tinsert(type.get(), c.name.c_str(), offset, native_type(c.type, text_type)),
                "table " + table.name + ": column " + c.name);
    offsets.push_back(offset);
    offset += field_size(c.type);
  }
  std::vector<unsigned char> buffer(rows * row_bytes);
  for (std::size_t j = 0; j < table.columns.size(); ++j) {
    const TableColumn& c = table.columns[j];
    for (std::size_t i = 0; i < rows; ++i) {
      unsigned char* at = buffer.data() + i * row_bytes + offsets[j];
      switch (c.type) {
        case TableColumn::Type::real: std::memcpy(at, &c.reals[i], 8); break;
        case TableColumn::Type::integer: std::memcpy(at, &c.integers[i], 8); break;
        case TableColumn::Type::unsigned_integer: std::memcpy(at, &c.unsigned_values[i], 8); break;
        case TableColumn::Type::text: {
          const char* text = c.texts[i].c_str();
          std::memcpy(at, &text, sizeof text);
          break;
        }
      }
    }
  }
  const hsize_t dims[1] = {rows};
  auto space = hdf5::make<hdf5::Kind::dataspace>(H5Screate_simple(1, dims, nullptr), "create table space");
  auto dataset = hdf5::make<hdf5::Kind::dataset>(
      H5Dcreate2(file, table.name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      "create table " + table.name);
  if (rows > 0) {
    hdf5::check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
                "write table " + table.name);
  }
}

}  // namespace

void write_table_file(const std::filesystem::path& path, const std::vector<NamedAttribute>& root_attributes,
                      const std::vector<Table>& tables) {
  const hdf5::QuietErrors quiet;
  const std::filesystem::path partial = path.string() + ".partial";
  try {
    auto file = hdf5::make<hdf5::Kind::file>(H5Fcreate(partial.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                                             "create " + partial.string());
    // Members, not a structured binding: clang before 16 cannot capture those in a lambda.
    for (const NamedAttribute& attribute : root_attributes) {
      std::visit([&](const auto& v) { hdf5::write_attribute(file.get(), attribute.first, v); }, attribute.second);
    }
    auto text_type = hdf5::make<hdf5::Kind::datatype>(H5Tcopy(H5T_C_S1), "string type");
    hdf5::check(H5Tset_size(text_type.get(), H5T_VARIABLE), "string type");
    hdf5::check(H5Tset_cset(text_type.get(), H5T_CSET_UTF8), "string type");
    for (const Table& table : tables) write_table(file.get(), table, text_type.get());
    text_type.reset();
    file.close_or_throw("close " + partial.string());
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    throw OutputError("cannot rename " + partial.string() + " to " + path.string() + ": " + ec.message());
  }
}

std::string read_root_attribute_text(const std::filesystem::path& path, const std::string& name) {
  const hdf5::QuietErrors quiet;
  auto file = hdf5::make<hdf5::Kind::file>(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open " + path.string());
  return hdf5::read_attribute_text(file.get(), name).value_or("");
}

}  // namespace mscsim
