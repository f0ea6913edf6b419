#pragma once
// Storage that starts on a cache line. Work split between threads at offsets that are
// multiples of 64 bytes from such a start (the field solver's lines, agent row chunks)
// then shares no cache line across the split: without it, malloc's 16-byte alignment
// puts one line on every boundary and both threads write it (false sharing), which on
// the 2-vCPU development machine made the 2-thread field solve slower than 1 thread.
#include <cstddef>
#include <new>
#include <vector>

namespace mscsim {

inline constexpr std::size_t kCacheLineBytes = 64;

template <typename T>
struct CacheAlignedAllocator {
  using value_type = T;
  CacheAlignedAllocator() noexcept = default;
  template <typename U>
  CacheAlignedAllocator(const CacheAlignedAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{kCacheLineBytes}));
  }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t{kCacheLineBytes}); }

  template <typename U>
  bool operator==(const CacheAlignedAllocator<U>&) const noexcept {
    return true;
  }
};

template <typename T>
using CacheAlignedVector = std::vector<T, CacheAlignedAllocator<T>>;

}  // namespace mscsim
