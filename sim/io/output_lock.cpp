#include "sim/io/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "sim/core/errors.hpp"

namespace mscsim {
namespace {

// The lock file may be unlinked by the run that held it between our open() and flock():
// then we hold a lock on a file nobody else can see, and must open the path again.
constexpr int kAttempts = 16;

bool still_at_path(int descriptor, const std::filesystem::path& path) {
  struct stat held {};
  struct stat named {};
  if (fstat(descriptor, &held) != 0 || stat(path.c_str(), &named) != 0) return false;
  return held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

}  // namespace

OutputLock::OutputLock(std::filesystem::path output_path) : lock_path_(std::move(output_path)) {
  const std::filesystem::path output = lock_path_;
  lock_path_ += ".lock";
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      throw OutputError(output.string() + ": cannot create lock file " + lock_path_.string() + ": " +
                        std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int reason = errno;
      ::close(fd);
      if (reason == EWOULDBLOCK) {
        throw OutputError(output.string() + ": another mscsim run is writing this output (it holds " +
                          lock_path_.string() + "); wait for it to finish or choose another output file");
      }
      throw OutputError(output.string() + ": cannot lock " + lock_path_.string() + ": " + std::strerror(reason));
    }
    if (still_at_path(fd, lock_path_)) {
      descriptor_ = fd;
      // For whoever finds the file: which process holds it.
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] const ssize_t written = ::write(fd, pid.data(), pid.size());
      }
      return;
    }
    ::close(fd);
  }
  throw OutputError(output.string() + ": cannot lock " + lock_path_.string() +
                    ": the lock file keeps being replaced by other runs");
}

OutputLock::~OutputLock() {
  if (descriptor_ < 0) return;
  // Unlink while still holding the lock: a run that opened the old file meanwhile sees that
  // it is no longer at the path (still_at_path) and opens a fresh one.
  ::unlink(lock_path_.c_str());
  ::close(descriptor_);
}

}  // namespace mscsim
