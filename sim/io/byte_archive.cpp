#include "sim/io/byte_archive.hpp"

#include "sim/core/errors.hpp"

namespace mscsim {

void ByteReader::fail() const {
  throw InputError({}, {}, origin_ + " is truncated or was written by other code (restart refused)");
}

void ByteReader::expect_end() const {
  if (!at_end())
    throw InputError(
        {}, {},
        origin_ + " holds " + std::to_string(remaining()) + " bytes more than this build reads (restart refused)");
}

}  // namespace mscsim
