#include "models/body/biodistribution.hpp"

#include <string>

namespace mscsim::models {

namespace {

constexpr const char* kGroup = "biodistribution";
constexpr std::array<const char*, kPhenotypeCount + 1> kPhenotypeColumns = {"msc0", "msc1", "msc2", "total"};

std::vector<std::string> places() {
  std::vector<std::string> out = compartment_names();
  out.emplace_back("lattice");
  return out;
}

std::int64_t census_total(const std::array<std::int64_t, kPhenotypeCount>& counts) {
  std::int64_t total = 0;
  for (std::int64_t c : counts) total += c;
  return total;
}

}  // namespace

std::int64_t CohortBooks::total() const {
  std::int64_t sum = lattice;
  for (std::int64_t c : compartments) sum += c;
  return sum;
}

std::vector<SeriesSpec> biodistribution_series(std::size_t cohorts) {
  std::vector<SeriesSpec> specs;
  for (const std::string& place : places())
    for (const char* phenotype : kPhenotypeColumns)
      specs.push_back({std::string(kGroup) + "/" + place, phenotype, "cells"});
  const std::string organ = std::string(kGroup) + "/whole_organ";
  specs.push_back({organ, "lattice_scaled", "cells"});
  specs.push_back({organ, "tissue", "cells"});
  specs.push_back({organ, "organ", "cells"});
  for (std::size_t k = 0; k < cohorts; ++k) {
    const std::string group = std::string(kGroup) + "/cohort_" + std::to_string(k);
    for (const std::string& place : places()) specs.push_back({group, place, "cells"});
    specs.push_back({group, "given", "cells"});
  }
  return specs;
}

void biodistribution_values(const std::vector<CohortBooks>& books, const LatticeCensus& census,
                            double sampling_fraction, std::vector<double>& out) {
  const std::size_t place_count = kCompartmentCount + 1;
  const std::size_t columns = kPhenotypeColumns.size();
  out.assign(place_count * columns + 3 + books.size() * (place_count + 1), 0.0);

  // Summed over cohorts, by phenotype.
  auto at = [&](std::size_t place, std::size_t column) -> double& { return out[place * columns + column]; };
  std::int64_t lattice_total = 0;
  for (std::size_t k = 0; k < books.size(); ++k) {
    const auto phenotype = static_cast<std::size_t>(books[k].phenotype_at_release);
    for (std::size_t c = 0; c < kCompartmentCount; ++c) {
      const auto n = static_cast<double>(books[k].compartments[c]);
      at(c, phenotype) += n;
      at(c, kPhenotypeCount) += n;
    }
    for (std::size_t ph = 0; ph < kPhenotypeCount; ++ph) {
      const auto n = static_cast<double>(census[k][ph]);
      at(kCompartmentCount, ph) += n;
      at(kCompartmentCount, kPhenotypeCount) += n;
    }
    lattice_total += census_total(census[k]);
  }

  // Whole-organ estimates.
  std::size_t i = place_count * columns;
  const double lattice = static_cast<double>(lattice_total);
  const double tissue = at(index_of(Compartment::TargetTissue), kPhenotypeCount);
  const double vessels = at(index_of(Compartment::Target), kPhenotypeCount);
  out[i++] = sampling_fraction > 0.0 ? lattice / sampling_fraction : 0.0;
  out[i++] = lattice + tissue;
  out[i++] = lattice + tissue + vessels;

  // Per cohort.
  for (std::size_t k = 0; k < books.size(); ++k) {
    for (std::size_t c = 0; c < kCompartmentCount; ++c) out[i++] = static_cast<double>(books[k].compartments[c]);
    out[i++] = static_cast<double>(census_total(census[k]));
    out[i++] = static_cast<double>(books[k].given);
  }
}

}  // namespace mscsim::models
