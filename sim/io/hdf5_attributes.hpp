#pragma once
// Attributes (small named values on a group or dataset) and scalar string datasets.
// They live together because both need the same variable-length string handling.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/hdf5_handle.hpp"

namespace mscsim::hdf5 {

// Each writer replaces an attribute of the same name if one exists.
void write_attribute(hid_t object, const std::string& name, double value);         // float64
void write_attribute(hid_t object, const std::string& name, int value);            // int32
void write_attribute(hid_t object, const std::string& name, std::int64_t value);   // int64
void write_attribute(hid_t object, const std::string& name, std::uint64_t value);  // uint64
// Strings are variable-length UTF-8, which h5py returns as str.
void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, const char* value);
void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values);

// An attribute as text: integers in decimal, reals in the shortest form that reads back
// to the same double, strings as stored (fixed- or variable-length), arrays joined with
// ','. std::nullopt when the attribute does not exist.
std::optional<std::string> read_attribute_text(hid_t object, const std::string& name);
// A string attribute (scalar or 1-D) as its elements; empty when it does not exist.
std::vector<std::string> read_attribute_strings(hid_t object, const std::string& name);

// A scalar variable-length UTF-8 string dataset (for long text such as a whole TOML file).
void write_string_dataset(hid_t parent, const std::string& name, const std::string& text);
// Reads a scalar (or the first element of a 1-D) string dataset, fixed- or variable-length.
std::string read_string_dataset(hid_t parent, const std::string& name);

// A 1-D dataset of variable-length UTF-8 strings (text columns of the event log).
Dataset write_string_vector(hid_t parent, const std::string& name, const std::vector<std::string>& values);
// Every element of a scalar or 1-D string dataset, fixed- or variable-length.
std::vector<std::string> read_string_vector(hid_t parent, const std::string& name);

}  // namespace mscsim::hdf5
