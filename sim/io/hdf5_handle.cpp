#include "sim/io/hdf5_handle.hpp"

#include "sim/core/errors.hpp"

namespace mscsim::hdf5 {

herr_t close_id(Kind kind, hid_t id) noexcept {
  const QuietErrors quiet;
  switch (kind) {
    case Kind::file: return H5Fclose(id);
    case Kind::group: return H5Gclose(id);
    case Kind::dataset: return H5Dclose(id);
    case Kind::dataspace: return H5Sclose(id);
    case Kind::datatype: return H5Tclose(id);
    case Kind::property_list: return H5Pclose(id);
    case Kind::attribute: return H5Aclose(id);
    case Kind::object: return H5Oclose(id);
  }
  return -1;
}

QuietErrors::QuietErrors() noexcept {
  // Every entry point into sim/io starts here, before any other HDF5 call, so this runs
  // before the library initialises itself. Without it HDF5 closes whatever is still open
  // at exit, and a file whose close failed (a full disk) crashes that clean-up (NULL read
  // in H5F__close_cb): the process would die with SIGSEGV after reporting the error. Our
  // writers close their files explicitly, so the clean-up at exit has nothing to save.
  static const bool library_cleanup_skipped = [] { return H5dont_atexit() >= 0; }();
  (void)library_cleanup_skipped;
  if (H5Eget_auto2(H5E_DEFAULT, &saved_function_, &saved_data_) < 0) {
    saved_function_ = nullptr;
    saved_data_ = nullptr;
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, saved_function_, saved_data_); }

namespace {

// Walking upward visits the innermost frame first: the one that says what actually went
// wrong ("Permission denied"), rather than which API call was made.
herr_t take_first_description(unsigned /*depth*/, const H5E_error2_t* error, void* out) {
  auto* text = static_cast<std::string*>(out);
  if (text->empty() && error != nullptr && error->desc != nullptr) *text = error->desc;
  return 0;
}

}  // namespace

std::string name_of(hid_t object) {
  const ssize_t length = H5Iget_name(object, nullptr, 0);
  if (length <= 0) return "(unnamed object)";
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(object, name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

std::string last_error_detail() {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, take_first_description, &detail);
  // The POSIX driver's description spans lines ("file write failed: time = ...\n,
  // filename = ..., errno = 28, error message = 'No space left on device', buf = ...");
  // the system's reason is what the user needs.
  const std::string marker = "error message = '";
  const std::size_t start = detail.find(marker);
  if (start != std::string::npos) {
    const std::size_t from = start + marker.size();
    const std::size_t end = detail.find('\'', from);
    const std::size_t colon = detail.find(':');
    const std::string reason = detail.substr(from, end == std::string::npos ? std::string::npos : end - from);
    detail = (colon != std::string::npos && colon < start ? detail.substr(0, colon) + ": " : std::string()) + reason;
  }
  for (char& c : detail) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return detail;
}

void check(herr_t status, std::string_view what) {
  if (status >= 0) return;
  std::string message(what);
  const std::string detail = last_error_detail();
  if (!detail.empty()) message += ": " + detail;
  H5Eclear2(H5E_DEFAULT);
  throw OutputError(message);
}

}  // namespace mscsim::hdf5
