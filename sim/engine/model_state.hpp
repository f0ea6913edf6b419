#pragma once
// keep_in_checkpoint: one line in a model's build() that puts the members it changes
// during a run into every checkpoint (see ModelStateHook in model.hpp):
//   keep_in_checkpoint(builder, "recruitment", arrivals_, departures_);
// Supported members: plain values (numbers, enums, structs of them), std::atomic of a
// number, std::vector of plain values, std::vector<Eigen::MatrixXd>, and
// std::vector<std::unique_ptr<CompartmentChain>> (a null chain stays null).
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "sim/compartments/compartment_chain.hpp"
#include "sim/engine/model.hpp"

namespace mscsim {

namespace model_state_detail {

template <class T>
struct IsVector : std::false_type {};
template <class T, class A>
struct IsVector<std::vector<T, A>> : std::true_type {};
template <class T>
struct IsAtomic : std::false_type {};
template <class T>
struct IsAtomic<std::atomic<T>> : std::true_type {};

inline void save_matrix(ByteWriter& out, const Eigen::MatrixXd& m) {
  out.value<std::int64_t>(m.rows());
  out.value<std::int64_t>(m.cols());
  out.array(std::span<const double>(m.data(), static_cast<std::size_t>(m.size())));
}

inline Eigen::MatrixXd restore_matrix(ByteReader& in) {
  const auto rows = in.value<std::int64_t>();
  const auto cols = in.value<std::int64_t>();
  const auto values = in.array<double>();
  if (rows < 0 || cols < 0 || static_cast<std::size_t>(rows * cols) != values.size())
    throw InputError({}, {}, in.origin() + " holds a malformed matrix (restart refused)");
  Eigen::MatrixXd m(rows, cols);
  std::copy(values.begin(), values.end(), m.data());
  return m;
}

template <class T>
void save(ByteWriter& out, const T& part) {
  if constexpr (IsAtomic<T>::value) {
    out.value(part.load());
  } else if constexpr (std::is_same_v<T, std::vector<Eigen::MatrixXd>>) {
    out.value<std::uint64_t>(part.size());
    for (const Eigen::MatrixXd& m : part) save_matrix(out, m);
  } else if constexpr (std::is_same_v<T, std::vector<std::unique_ptr<CompartmentChain>>>) {
    // A chain is its compartment names and rates; exp(K dt) is recomputed from them.
    out.value<std::uint64_t>(part.size());
    for (const auto& chain : part) {
      out.value<std::uint8_t>(chain ? 1 : 0);
      if (!chain) continue;
      out.value<std::uint64_t>(chain->names().size());
      for (const std::string& name : chain->names()) out.text(name);
      save_matrix(out, chain->generator());
    }
  } else if constexpr (IsVector<T>::value) {
    out.array_of(part);
  } else {
    out.value(part);
  }
}

template <class T>
void restore(ByteReader& in, T& part) {
  if constexpr (IsAtomic<T>::value) {
    part.store(in.value<typename T::value_type>());
  } else if constexpr (std::is_same_v<T, std::vector<Eigen::MatrixXd>>) {
    part.resize(static_cast<std::size_t>(in.value<std::uint64_t>()));
    for (Eigen::MatrixXd& m : part) m = restore_matrix(in);
  } else if constexpr (std::is_same_v<T, std::vector<std::unique_ptr<CompartmentChain>>>) {
    part.resize(static_cast<std::size_t>(in.value<std::uint64_t>()));
    for (auto& chain : part) {
      chain.reset();
      if (in.value<std::uint8_t>() == 0) continue;
      std::vector<std::string> names(static_cast<std::size_t>(in.value<std::uint64_t>()));
      for (std::string& name : names) name = in.text();
      chain = std::make_unique<CompartmentChain>(std::move(names), restore_matrix(in));
    }
  } else if constexpr (IsVector<T>::value) {
    in.array_into(part);
  } else {
    part = in.value<T>();
  }
}

}  // namespace model_state_detail

// Registers `parts` (members of the model, which outlives the run) under `name`.
template <class... Parts>
void keep_in_checkpoint(ModelBuilder& builder, std::string name, Parts&... parts) {
  builder.add_state({std::move(name), [&parts...](ByteWriter& out) { (model_state_detail::save(out, parts), ...); },
                     [&parts...](ByteReader& in) { (model_state_detail::restore(in, parts), ...); }});
}

}  // namespace mscsim
