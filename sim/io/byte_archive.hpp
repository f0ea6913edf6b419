#pragma once
// A flat little-endian byte record of a run's state, for checkpoints (docs/checkpoint.md).
// The writer appends plain values, text and arrays; the reader takes them back in the same
// order and throws InputError naming the checkpoint when the record ends early. The bytes
// are only ever read by the same build that wrote them (the checkpoint records the version
// and commit and a restart by another build is refused), so plain-data values are copied
// as they lie in memory.
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace mscsim {

template <class T>
concept PlainData = std::is_trivially_copyable_v<T> && !std::is_pointer_v<T>;

class ByteWriter {
 public:
  template <PlainData T>
  void value(const T& v) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  void text(const std::string& s) {
    value<std::uint64_t>(s.size());
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  template <PlainData T>
  void array(std::span<const T> values) {
    value<std::uint64_t>(values.size());
    const auto* p = reinterpret_cast<const std::uint8_t*>(values.data());
    bytes_.insert(bytes_.end(), p, p + values.size_bytes());
  }
  template <class Container>
  void array_of(const Container& c) {
    array(std::span<const typename Container::value_type>(c.data(), c.size()));
  }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  std::vector<std::uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<std::uint8_t> bytes_;
};

class ByteReader {
 public:
  // `origin` names the record in error messages ("checkpoint run.ckpt, model state 'body'").
  ByteReader(std::span<const std::uint8_t> bytes, std::string origin) : bytes_(bytes), origin_(std::move(origin)) {}

  template <PlainData T>
  T value() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  std::string text() {
    const auto n = value<std::uint64_t>();
    const auto* p = take(n);
    return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)};
  }
  // Reads an array written by ByteWriter::array into any container with resize() and data().
  template <class Container>
  void array_into(Container& out) {
    using T = typename Container::value_type;
    static_assert(PlainData<T>);
    const auto n = value<std::uint64_t>();
    if (n > remaining() / (sizeof(T) == 0 ? 1 : sizeof(T))) fail();
    out.resize(static_cast<std::size_t>(n));
    if (n > 0) std::memcpy(static_cast<void*>(out.data()), take(n * sizeof(T)), n * sizeof(T));
  }
  template <class T>
  std::vector<T> array() {
    std::vector<T> out;
    array_into(out);
    return out;
  }
  std::size_t remaining() const { return bytes_.size() - position_; }
  bool at_end() const { return position_ == bytes_.size(); }
  const std::string& origin() const { return origin_; }
  // Throws unless every byte was read: a record longer than its reader expects was written
  // by other code.
  void expect_end() const;

 private:
  const std::uint8_t* take(std::uint64_t n) {
    if (n > remaining()) fail();
    const std::uint8_t* p = bytes_.data() + position_;
    position_ += static_cast<std::size_t>(n);
    return p;
  }
  [[noreturn]] void fail() const;

  std::span<const std::uint8_t> bytes_;
  std::size_t position_ = 0;
  std::string origin_;
};

}  // namespace mscsim
