#include "models/t_cells/t_cell_readouts.hpp"

#include <array>
#include <cmath>
#include <string>
#include <string_view>

#include "models/common/cell_states.hpp"

namespace mscsim::models {

namespace {
// 2^-k, exact, for the division numbers cells reach (std::ldexp is a library call per cell,
// and the observer visits every T cell).
constexpr int kTabulatedDivisions = 64;
constexpr std::array<double, kTabulatedDivisions> kPrecursorWeight = [] {
  std::array<double, kTabulatedDivisions> w{};
  for (int k = 0; k < kTabulatedDivisions; ++k) w[static_cast<std::size_t>(k)] = 1.0 / static_cast<double>(1ull << k);
  return w;
}();

double precursor_weight(int k) {
  return k < kTabulatedDivisions ? kPrecursorWeight[static_cast<std::size_t>(k)] : std::ldexp(1.0, -k);
}
}  // namespace

void add_division_counts(const std::int32_t* divisions, std::size_t n, DivisionCounts& counts, PrecursorSums& sums) {
  for (std::size_t r = 0; r < n; ++r) {
    const int k = divisions[r] < 0 ? 0 : divisions[r];
    counts[static_cast<std::size_t>(std::min(k, kMaxDivisionBin))] += 1.0;
    const double precursor = precursor_weight(k);
    sums.weighted_divisions += k * precursor;
    sums.founders += precursor;
  }
}

void TCellReadouts::build(ModelBuilder& b) {
  Observer o;
  o.series.push_back({"t_proliferation", "mean_divisions", "divisions"});
  o.series.push_back({"t_proliferation", "cd4_mean_divisions", "divisions"});
  o.series.push_back({"t_proliferation", "cd8_mean_divisions", "divisions"});
  for (int k = 0; k < kMaxDivisionBin; ++k) o.series.push_back({"t_proliferation", "divisions_" + std::to_string(k), "1"});
  o.series.push_back({"t_proliferation", "divisions_" + std::to_string(kMaxDivisionBin) + "plus", "1"});
  o.compute = [this](const World& world, double, std::vector<double>& out) {
    DivisionCounts all{};
    PrecursorSums all_sums, cd4_sums, cd8_sums;
    for (std::size_t i = 0; i < responders_.size(); ++i) {
      const Population& pop = world.population(responders_[i].population);
      const std::int32_t* d = pop.integer(responders_[i].divisions);
      add_division_counts(d, pop.size(), all, all_sums);
      DivisionCounts ignored{};
      if (static_cast<int>(i) == cd4_index_) add_division_counts(d, pop.size(), ignored, cd4_sums);
      if (static_cast<int>(i) == cd8_index_) add_division_counts(d, pop.size(), ignored, cd8_sums);
    }
    double live = 0.0;
    for (double c : all) live += c;
    out = {all_sums.mean(), cd4_sums.mean(), cd8_sums.mean()};
    for (double c : all) out.push_back(live > 0.0 ? c / live : 0.0);
  };
  b.add_observer(std::move(o));
  // The T-cell populations are looked up once every model is built.
  b.add_initializer([this](World& world) {
    responders_.clear();
    for (const char* name : {population::kCd4T, population::kCd8T, population::kTreg}) {
      if (!world.has_population(name)) continue;
      const PopulationId p = world.population_id(name);
      if (std::string_view(name) == population::kCd4T) cd4_index_ = static_cast<int>(responders_.size());
      if (std::string_view(name) == population::kCd8T) cd8_index_ = static_cast<int>(responders_.size());
      responders_.push_back({p, world.population(p).column_id("divisions")});
    }
  });
}

}  // namespace mscsim::models
