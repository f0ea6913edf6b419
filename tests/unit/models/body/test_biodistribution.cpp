// The biodistribution readout from hand-made books (models/body/biodistribution.*): the
// series layout, each cohort's cells under its phenotype at release in the body and under
// the agents' own labels on the lattice, and the sums over phenotypes and over cohorts.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "models/body/biodistribution.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

const std::vector<std::string> kPhenotypes = {"msc0", "msc1", "msc2"};

std::vector<std::string> places() {
  std::vector<std::string> out = compartment_names();
  out.emplace_back("lattice");
  return out;
}

// Two cohorts released as msc1 and msc0, spread over every compartment, with agents of
// every label on the lattice.
struct Readout {
  std::vector<CohortBooks> books;
  LatticeCensus census;
  std::map<std::string, double> value;  // "group/name" -> value

  Readout() {
    books.resize(2);
    books[0].phenotype_at_release = MscPhenotype::Msc1;
    books[1].phenotype_at_release = MscPhenotype::Msc0;
    census = {{3, 5, 7}, {11, 0, 2}};
    for (std::size_t k = 0; k < books.size(); ++k) {
      for (std::size_t c = 0; c < kCompartmentCount; ++c)
        books[k].compartments[c] = static_cast<std::int64_t>(100 * (k + 1) + c);
      books[k].lattice = census[k][0] + census[k][1] + census[k][2];
      books[k].given = books[k].total();
      books[k].infused = true;
    }
    const std::vector<SeriesSpec> specs = biodistribution_series(books.size());
    std::vector<double> out;
    biodistribution_values(books, census, 0.01, out);
    EXPECT_EQ(out.size(), specs.size());
    for (std::size_t i = 0; i < specs.size() && i < out.size(); ++i)
      EXPECT_TRUE(value.emplace(specs[i].group + "/" + specs[i].name, out[i]).second)
          << "declared twice: " << specs[i].group << "/" << specs[i].name;
  }
  double at(const std::string& name) const {
    const auto it = value.find(name);
    if (it == value.end()) {
      ADD_FAILURE() << "no series " << name;
      return 0.0;
    }
    return it->second;
  }
};

TEST(Biodistribution, EveryCohortHasEveryPlaceByPhenotypeAndItsGiven) {
  const std::vector<SeriesSpec> specs = biodistribution_series(2);
  // Summed: 13 places x 4; whole organ: 3; per cohort: 13 places x 4 + given.
  EXPECT_EQ(specs.size(), 13u * 4u + 3u + 2u * (13u * 4u + 1u));
  std::set<std::string> names;
  for (const SeriesSpec& s : specs) {
    names.insert(s.group + "/" + s.name);
    EXPECT_EQ(s.unit, "cells");
  }
  for (const std::string& cohort : {"biodistribution/cohort_0", "biodistribution/cohort_1"}) {
    EXPECT_TRUE(names.count(cohort + "/given"));
    for (const std::string& place : places())
      for (const char* column : {"msc0", "msc1", "msc2", "total"})
        EXPECT_TRUE(names.count(cohort + "/" + place + "/" + column)) << cohort << "/" << place << "/" << column;
  }
}

TEST(Biodistribution, CohortsCountUnderTheirPhenotypeAndAddUp) {
  const Readout r;
  for (std::size_t k = 0; k < r.books.size(); ++k) {
    const std::string group = "biodistribution/cohort_" + std::to_string(k) + "/";
    const std::string released = kPhenotypes[static_cast<std::size_t>(r.books[k].phenotype_at_release)];
    double all_places = 0.0;
    for (const std::string& place : places()) {
      double by_phenotype = 0.0;
      for (const std::string& ph : kPhenotypes) by_phenotype += r.at(group + place + "/" + ph);
      EXPECT_EQ(by_phenotype, r.at(group + place + "/total")) << group << place;
      all_places += r.at(group + place + "/total");
    }
    EXPECT_EQ(all_places, r.at(group + "given"));
    EXPECT_EQ(r.at(group + "given"), static_cast<double>(r.books[k].given));
    // Body compartments: all under the phenotype at release.
    for (std::size_t c = 0; c < kCompartmentCount; ++c) {
      const std::string place = group + compartment_names()[c] + "/";
      EXPECT_EQ(r.at(place + released), static_cast<double>(r.books[k].compartments[c]));
      EXPECT_EQ(r.at(place + "total"), static_cast<double>(r.books[k].compartments[c]));
    }
    // The lattice: every agent under its own label.
    for (std::size_t ph = 0; ph < kPhenotypes.size(); ++ph)
      EXPECT_EQ(r.at(group + "lattice/" + kPhenotypes[ph]), static_cast<double>(r.census[k][ph]));
  }
  for (const std::string& place : places()) {
    for (const char* column : {"msc0", "msc1", "msc2", "total"}) {
      double over_cohorts = 0.0;
      for (std::size_t k = 0; k < r.books.size(); ++k)
        over_cohorts += r.at("biodistribution/cohort_" + std::to_string(k) + "/" + place + "/" + column);
      EXPECT_EQ(r.at("biodistribution/" + place + "/" + column), over_cohorts) << place << "/" << column;
    }
  }
  // Whole-organ estimates from the summed totals (f = 0.01).
  const double lattice = r.at("biodistribution/lattice/total");
  const double tissue = r.at("biodistribution/target_tissue/total");
  EXPECT_EQ(lattice, 3.0 + 5.0 + 7.0 + 11.0 + 0.0 + 2.0);
  EXPECT_DOUBLE_EQ(r.at("biodistribution/whole_organ/lattice_scaled"), lattice / 0.01);
  EXPECT_EQ(r.at("biodistribution/whole_organ/tissue"), lattice + tissue);
  EXPECT_EQ(r.at("biodistribution/whole_organ/organ"), lattice + tissue + r.at("biodistribution/target/total"));
}

}  // namespace
