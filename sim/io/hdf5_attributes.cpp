#include "sim/io/hdf5_attributes.hpp"

#include <charconv>
#include <cstring>
#include <functional>

#include "sim/core/errors.hpp"

namespace mscsim::hdf5 {

namespace {

Datatype variable_utf8_string() {
  auto type = make<Kind::datatype>(H5Tcopy(H5T_C_S1), "copy string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "make string type variable-length");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set string character set");
  return type;
}

Dataspace scalar_space() { return make<Kind::dataspace>(H5Screate(H5S_SCALAR), "create scalar dataspace"); }

Dataspace vector_space(std::size_t count) {
  const hsize_t dims[1] = {count};
  return make<Kind::dataspace>(H5Screate_simple(1, dims, nullptr), "create dataspace");
}

void write_raw_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                         hid_t space, const void* data) {
  if (H5Aexists(object, name.c_str()) > 0) check(H5Adelete(object, name.c_str()), "cannot replace attribute " + name);
  const auto attribute = make<Kind::attribute>(
      H5Acreate2(object, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT), "cannot create attribute " + name);
  check(H5Awrite(attribute.get(), memory_type, data), "cannot write attribute " + name);
}

template <class Number>
void write_number_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                            Number value) {
  const Dataspace space = scalar_space();
  write_raw_attribute(object, name, file_type, memory_type, space.get(), &value);
}

// Reads into `buffer` through either H5Aread or H5Dread; the caller supplies which.
using RawRead = std::function<herr_t(hid_t memory_type, void* buffer)>;

// Strings in a memory type that keeps the stored character set and padding, because HDF5
// refuses to convert between ASCII and UTF-8.
std::vector<std::string> read_strings(hid_t stored_type, std::size_t count, const RawRead& read) {
  std::vector<std::string> out;
  out.reserve(count);
  if (H5Tis_variable_str(stored_type) > 0) {
    const Datatype memory = variable_utf8_string();
    check(H5Tset_cset(memory.get(), H5Tget_cset(stored_type)), "set string character set");
    std::vector<char*> pointers(count, nullptr);
    check(read(memory.get(), pointers.data()), "cannot read strings");
    for (char* text : pointers) {
      out.emplace_back(text != nullptr ? text : "");
      H5free_memory(text);
    }
    return out;
  }
  const std::size_t size = H5Tget_size(stored_type);
  const auto memory = make<Kind::datatype>(H5Tcopy(stored_type), "copy string type");
  std::vector<char> bytes(size * count, '\0');
  check(read(memory.get(), bytes.data()), "cannot read strings");
  const bool space_padded = H5Tget_strpad(stored_type) == H5T_STR_SPACEPAD;
  for (std::size_t i = 0; i < count; ++i) {
    std::string text(bytes.data() + i * size, strnlen(bytes.data() + i * size, size));
    if (space_padded) text.erase(text.find_last_not_of(' ') + 1);
    out.push_back(std::move(text));
  }
  return out;
}

std::string shortest_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// Numbers of any stored integer or float type, converted by HDF5 to 64-bit native types.
std::vector<std::string> read_numbers(hid_t stored_type, std::size_t count, const RawRead& read) {
  std::vector<std::string> out;
  if (H5Tget_class(stored_type) == H5T_FLOAT) {
    std::vector<double> values(count);
    check(read(H5T_NATIVE_DOUBLE, values.data()), "cannot read numbers");
    for (double v : values) out.push_back(shortest_text(v));
  } else if (H5Tget_sign(stored_type) == H5T_SGN_NONE) {
    std::vector<std::uint64_t> values(count);
    check(read(H5T_NATIVE_UINT64, values.data()), "cannot read numbers");
    for (std::uint64_t v : values) out.push_back(std::to_string(v));
  } else {
    std::vector<std::int64_t> values(count);
    check(read(H5T_NATIVE_INT64, values.data()), "cannot read numbers");
    for (std::int64_t v : values) out.push_back(std::to_string(v));
  }
  return out;
}

std::size_t element_count(hid_t space) {
  return static_cast<std::size_t>(checked(H5Sget_simple_extent_npoints(space), "cannot size dataspace"));
}

}  // namespace

void write_attribute(hid_t object, const std::string& name, double value) {
  write_number_attribute(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}
void write_attribute(hid_t object, const std::string& name, int value) {
  write_number_attribute(object, name, H5T_STD_I32LE, H5T_NATIVE_INT, value);
}
void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  write_number_attribute(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, value);
}
void write_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  write_number_attribute(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, value);
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  const Datatype type = variable_utf8_string();
  const Dataspace space = scalar_space();
  const char* text = value.c_str();
  write_raw_attribute(object, name, type.get(), type.get(), space.get(), &text);
}

void write_attribute(hid_t object, const std::string& name, const char* value) {
  write_attribute(object, name, std::string(value));
}

void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values) {
  const Datatype type = variable_utf8_string();
  const Dataspace space = vector_space(values.size());
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const std::string& v : values) texts.push_back(v.c_str());
  // HDF5 rejects a null buffer even for zero elements.
  const char* none = nullptr;
  write_raw_attribute(object, name, type.get(), type.get(), space.get(), texts.empty() ? &none : texts.data());
}

std::optional<std::string> read_attribute_text(hid_t object, const std::string& name) {
  if (H5Aexists(object, name.c_str()) <= 0) return std::nullopt;
  const auto attribute = make<Kind::attribute>(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                                               "cannot open attribute " + name);
  const auto type = make<Kind::datatype>(H5Aget_type(attribute.get()), "cannot read type of attribute " + name);
  const auto space = make<Kind::dataspace>(H5Aget_space(attribute.get()), "cannot read shape of attribute " + name);
  const std::size_t count = element_count(space.get());
  const RawRead read = [&](hid_t memory_type, void* buffer) { return H5Aread(attribute.get(), memory_type, buffer); };

  std::vector<std::string> parts;
  switch (H5Tget_class(type.get())) {
    case H5T_STRING: parts = read_strings(type.get(), count, read); break;
    case H5T_INTEGER:
    case H5T_FLOAT: parts = read_numbers(type.get(), count, read); break;
    default: throw OutputError("attribute " + name + " has a type this reader does not convert to text");
  }
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) joined += (i == 0 ? "" : ",") + parts[i];
  return joined;
}

std::vector<std::string> read_attribute_strings(hid_t object, const std::string& name) {
  if (H5Aexists(object, name.c_str()) <= 0) return {};
  const auto attribute = make<Kind::attribute>(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                                               "cannot open attribute " + name);
  const auto type = make<Kind::datatype>(H5Aget_type(attribute.get()), "cannot read type of attribute " + name);
  if (H5Tget_class(type.get()) != H5T_STRING) throw OutputError("attribute " + name + " does not hold text");
  const auto space = make<Kind::dataspace>(H5Aget_space(attribute.get()), "cannot read shape of attribute " + name);
  const RawRead read = [&](hid_t memory_type, void* buffer) { return H5Aread(attribute.get(), memory_type, buffer); };
  return read_strings(type.get(), element_count(space.get()), read);
}

void write_string_dataset(hid_t parent, const std::string& name, const std::string& text) {
  const Datatype type = variable_utf8_string();
  const Dataspace space = scalar_space();
  const auto dataset = make<Kind::dataset>(
      H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      "cannot create dataset " + name);
  const char* pointer = text.c_str();
  check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), "cannot write dataset " + name);
}

std::string read_string_dataset(hid_t parent, const std::string& name) {
  const auto dataset = make<Kind::dataset>(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open dataset " + name);
  const auto type = make<Kind::datatype>(H5Dget_type(dataset.get()), "cannot read type of dataset " + name);
  if (H5Tget_class(type.get()) != H5T_STRING) throw OutputError("dataset " + name + " does not hold text");
  const auto space = make<Kind::dataspace>(H5Dget_space(dataset.get()), "cannot read shape of dataset " + name);
  const std::size_t count = element_count(space.get());
  if (count == 0) return "";
  const RawRead read = [&](hid_t memory_type, void* buffer) {
    return H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
  };
  return read_strings(type.get(), count, read).front();
}

Dataset write_string_vector(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  const Datatype type = variable_utf8_string();
  const Dataspace space = vector_space(values.size());
  auto dataset = make<Kind::dataset>(
      H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      "cannot create dataset " + name);
  if (!values.empty()) {
    std::vector<const char*> texts;
    texts.reserve(values.size());
    for (const std::string& v : values) texts.push_back(v.c_str());
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()),
          "cannot write dataset " + name);
  }
  return dataset;
}

std::vector<std::string> read_string_vector(hid_t parent, const std::string& name) {
  const auto dataset = make<Kind::dataset>(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open dataset " + name);
  const auto type = make<Kind::datatype>(H5Dget_type(dataset.get()), "cannot read type of dataset " + name);
  if (H5Tget_class(type.get()) != H5T_STRING) throw OutputError("dataset " + name + " does not hold text");
  const auto space = make<Kind::dataspace>(H5Dget_space(dataset.get()), "cannot read shape of dataset " + name);
  const std::size_t count = element_count(space.get());
  if (count == 0) return {};
  const RawRead read = [&](hid_t memory_type, void* buffer) {
    return H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
  };
  return read_strings(type.get(), count, read);
}

}  // namespace mscsim::hdf5
