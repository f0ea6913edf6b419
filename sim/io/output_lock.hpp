#pragma once
// One writer per output path. Two runs given the same -o would otherwise both write
// "<path>.partial", the second truncating the first's file before HDF5 notices. The lock
// is a flock(2) on "<path>.lock", taken before anything at the output path is created or
// truncated: the kernel drops it when its process dies, so a killed run never blocks a
// later one, and a stale lock file left by a SIGKILL is simply locked again.
#include <filesystem>

namespace mscsim {

class OutputLock {
 public:
  // Takes the lock for `output_path` without waiting. Throws OutputError naming the path
  // when another process holds it, or when the lock file cannot be created.
  explicit OutputLock(std::filesystem::path output_path);
  // Removes the lock file, then releases the lock.
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::filesystem::path& lock_path() const { return lock_path_; }

 private:
  std::filesystem::path lock_path_;
  int descriptor_ = -1;
};

}  // namespace mscsim
