#pragma once
// The books of every cohort and the biodistribution readout (docs/ODD.md section 2):
//   biodistribution/<place>/<msc0|msc1|msc2|total>  summed over cohorts, for every body
//       compartment and the pseudo-compartment `lattice`. In a body compartment a cohort
//       counts under its phenotype at release (from the product's pre-licensing); on the
//       lattice every agent counts under its own current label.
//   biodistribution/whole_organ/<lattice_scaled|tissue|organ>  whole-organ estimates:
//       lattice / f, lattice + target_tissue, and target + target_tissue + lattice.
//   biodistribution/cohort_<k>/<place>/<msc0|msc1|msc2|total>  the same for cohort k alone
//       (one infusion), every place; the cohorts add up to the summed series, column by column.
//   biodistribution/cohort_<k>/given  cells given to cohort k so far (0 before the infusion).
// At every output time, for every cohort, its compartments + its live lattice agents ==
// the cells given (cleared included), exactly.
#include <array>
#include <cstdint>
#include <vector>

#include "models/body/body_compartments.hpp"
#include "models/msc/msc_product.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim::models {

inline constexpr std::size_t kPhenotypeCount = 3;

struct CohortBooks {
  std::array<std::int64_t, kCompartmentCount> compartments{};
  std::int64_t lattice = 0;  // the cohort's live agents, as of the last reconciliation
  std::int64_t given = 0;    // cells given (before thawing losses); 0 until infused
  bool infused = false;
  MscPhenotype phenotype_at_release = MscPhenotype::Msc0;

  std::int64_t total() const;  // compartments + lattice; equals `given`
};

// Live lattice agents of every cohort, by phenotype label (index: MscPhenotype).
using LatticeCensus = std::vector<std::array<std::int64_t, kPhenotypeCount>>;

std::vector<SeriesSpec> biodistribution_series(std::size_t cohorts);

// Values for biodistribution_series(books.size()), in its order.
void biodistribution_values(const std::vector<CohortBooks>& books, const LatticeCensus& census,
                            double sampling_fraction, std::vector<double>& out);

}  // namespace mscsim::models
