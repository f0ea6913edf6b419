#pragma once
// In vitro T-cell readouts (docs/ODD.md section 2): T proliferation as mean divisions per
// founder cell, precursor-weighted as in CFSE analysis (a cell that divided k times stands
// for 1/2^k of a founder): Σ_k k n_k / 2^k / Σ_k n_k / 2^k; a CFSE-like histogram of the
// fraction of live T cells per division number; and the mean divisions of CD4 and CD8
// T cells separately. Responder T cells = CD4, CD8 and Treg (induced Tregs keep the
// division count of the CD4 cell they came from).
#include <array>
#include <cstdint>
#include <vector>

#include "sim/engine/model.hpp"

namespace mscsim::models {

// Cells per division number, the last bin holding kMaxDivisionBin and more.
inline constexpr int kMaxDivisionBin = 8;
using DivisionCounts = std::array<double, kMaxDivisionBin + 1>;

// Adds the cells of one population (its integer column `divisions`) to the counts and to
// the precursor-weighted sums Σ k n_k 2^-k and Σ n_k 2^-k.
struct PrecursorSums {
  double weighted_divisions = 0.0;
  double founders = 0.0;
  double mean() const { return founders > 0.0 ? weighted_divisions / founders : 0.0; }
};
void add_division_counts(const std::int32_t* divisions, std::size_t n, DivisionCounts& counts, PrecursorSums& sums);

class TCellReadouts final : public Model {
 public:
  std::string name() const override { return "t_cell_readouts"; }
  void declare_parameters(ParameterCatalogue&) const override {}
  void build(ModelBuilder& builder) override;

 private:
  struct Source {
    PopulationId population;
    ColumnId divisions;
  };
  std::vector<Source> responders_;  // CD4, CD8, Treg, whichever exist
  int cd4_index_ = -1, cd8_index_ = -1;
};

}  // namespace mscsim::models
