#include "models/body/biodistribution.hpp"

#include <string>

namespace mscsim::models {

namespace {

constexpr const char* kGroup = "biodistribution";
constexpr std::array<const char*, kPhenotypeCount + 1> kPhenotypeColumns = {"msc0", "msc1", "msc2", "total"};
constexpr std::size_t kTotalColumn = kPhenotypeCount;
constexpr std::size_t kPlaceCount = kCompartmentCount + 1;  // the compartments, then the lattice
constexpr std::size_t kLatticePlace = kCompartmentCount;
constexpr std::size_t kWholeOrganCount = 3;

std::vector<std::string> places() {
  std::vector<std::string> out = compartment_names();
  out.emplace_back("lattice");
  return out;
}

// The four columns of every place in `group`: "<group>/<place>/<msc0|msc1|msc2|total>".
void add_places(const std::string& group, std::vector<SeriesSpec>& specs) {
  for (const std::string& place : places())
    for (const char* phenotype : kPhenotypeColumns) specs.push_back({group + "/" + place, phenotype, "cells"});
}

// Adds one cohort's cells to a block of kPlaceCount x 4 values laid out like add_places:
// in a body compartment under the cohort's phenotype at release, on the lattice under each
// agent's own label.
void add_cohort(const CohortBooks& books, const std::array<std::int64_t, kPhenotypeCount>& census, double* block) {
  auto at = [block](std::size_t place, std::size_t column) -> double& {
    return block[place * kPhenotypeColumns.size() + column];
  };
  const auto phenotype = static_cast<std::size_t>(books.phenotype_at_release);
  for (std::size_t c = 0; c < kCompartmentCount; ++c) {
    const auto n = static_cast<double>(books.compartments[c]);
    at(c, phenotype) += n;
    at(c, kTotalColumn) += n;
  }
  for (std::size_t ph = 0; ph < kPhenotypeCount; ++ph) {
    const auto n = static_cast<double>(census[ph]);
    at(kLatticePlace, ph) += n;
    at(kLatticePlace, kTotalColumn) += n;
  }
}

}  // namespace

std::int64_t CohortBooks::total() const {
  std::int64_t sum = lattice;
  for (std::int64_t c : compartments) sum += c;
  return sum;
}

std::vector<SeriesSpec> biodistribution_series(std::size_t cohorts) {
  std::vector<SeriesSpec> specs;
  add_places(kGroup, specs);
  const std::string organ = std::string(kGroup) + "/whole_organ";
  specs.push_back({organ, "lattice_scaled", "cells"});
  specs.push_back({organ, "tissue", "cells"});
  specs.push_back({organ, "organ", "cells"});
  for (std::size_t k = 0; k < cohorts; ++k) {
    const std::string group = std::string(kGroup) + "/cohort_" + std::to_string(k);
    add_places(group, specs);
    specs.push_back({group, "given", "cells"});
  }
  return specs;
}

void biodistribution_values(const std::vector<CohortBooks>& books, const LatticeCensus& census,
                            double sampling_fraction, std::vector<double>& out) {
  const std::size_t block = kPlaceCount * kPhenotypeColumns.size();
  const std::size_t cohorts_begin = block + kWholeOrganCount;
  out.assign(cohorts_begin + books.size() * (block + 1), 0.0);

  for (std::size_t k = 0; k < books.size(); ++k) {
    add_cohort(books[k], census[k], out.data());  // summed over cohorts
    double* own = out.data() + cohorts_begin + k * (block + 1);
    add_cohort(books[k], census[k], own);  // this cohort
    own[block] = static_cast<double>(books[k].given);
  }

  // Whole-organ estimates.
  auto total_in = [&](std::size_t place) { return out[place * kPhenotypeColumns.size() + kTotalColumn]; };
  const double lattice = total_in(kLatticePlace);
  const double tissue = total_in(index_of(Compartment::TargetTissue));
  const double vessels = total_in(index_of(Compartment::Target));
  double* organ = out.data() + block;
  organ[0] = sampling_fraction > 0.0 ? lattice / sampling_fraction : 0.0;
  organ[1] = lattice + tissue;
  organ[2] = lattice + tissue + vessels;
}

}  // namespace mscsim::models
