#pragma once
// RAII ownership of HDF5 identifiers, and the one place where HDF5 failures become
// OutputError. Private to sim/io: no header outside this folder includes <hdf5.h>, so the
// rest of the engine never sees an hid_t.
#include <hdf5.h>

#include <string>
#include <string_view>
#include <utility>

namespace mscsim::hdf5 {

// Each kind of identifier has its own close function in the C API (H5Fclose, H5Dclose, ...).
enum class Kind { file, group, dataset, dataspace, datatype, property_list, attribute, object };

// Calls the close function for `kind`; returns its status.
herr_t close_id(Kind kind, hid_t id) noexcept;

// Owns one identifier and closes it exactly once. Move-only.
template <Kind K>
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  // Destructors cannot report a failed close; finish() uses close_or_throw for the file,
  // whose close is where buffered data actually reaches the disk.
  void reset() noexcept {
    if (id_ >= 0) close_id(K, std::exchange(id_, H5I_INVALID_HID));
  }
  void close_or_throw(std::string_view what);

 private:
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<Kind::file>;
using Group = Handle<Kind::group>;
using Dataset = Handle<Kind::dataset>;
using Dataspace = Handle<Kind::dataspace>;
using Datatype = Handle<Kind::datatype>;
using PropertyList = Handle<Kind::property_list>;
using Attribute = Handle<Kind::attribute>;
using Object = Handle<Kind::object>;  // a group or dataset opened without knowing which

// HDF5 prints its whole error stack to stderr by default. We report failures ourselves
// (as OutputError), so every entry point into sim/io turns the printing off for its
// duration and restores whatever handler was installed before.
class QuietErrors {
 public:
  QuietErrors() noexcept;
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t saved_function_ = nullptr;
  void* saved_data_ = nullptr;
};

// The path of an open object inside its file ("/fields/oxygen"), for error messages.
std::string name_of(hid_t object);

// The most specific message on HDF5's current error stack ("" when the stack is empty).
std::string last_error_detail();

// Throws OutputError("<what>: <HDF5's reason>") when status is negative.
void check(herr_t status, std::string_view what);
// Returns an identifier or count when it is not negative; otherwise throws like check().
template <class SignedValue>
SignedValue checked(SignedValue value, std::string_view what) {
  check(value < 0 ? -1 : 0, what);
  return value;
}
// checked() wrapped in a handle of the right kind.
template <Kind K>
Handle<K> make(hid_t id, std::string_view what) {
  return Handle<K>(checked(id, what));
}

template <Kind K>
void Handle<K>::close_or_throw(std::string_view what) {
  if (id_ < 0) return;
  check(close_id(K, std::exchange(id_, H5I_INVALID_HID)), what);
}

}  // namespace mscsim::hdf5
