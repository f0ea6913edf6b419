#pragma once
// A small generic model that exercises every engine mechanism (moves with conflicts,
// divisions, deaths, conversions, kills, secretion, diffusion, observers, events) for the
// engine's own tests. It carries no biology.
#include <atomic>
#include <cmath>

#include "sim/engine/engine_parameters.hpp"
#include "sim/engine/model.hpp"
#include "sim/lattice/placement.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::test_support {

class ToyModel final : public Model {
 public:
  std::string name() const override { return "toy"; }
  void declare_parameters(ParameterCatalogue& c) const override {
    c.declare(integer_parameter("toy.walkers", 300, 0, 1e6, "cells", "assumption", "Walkers placed at start."));
    c.declare(real_parameter("toy.division_per_h", 0.2, 0, 100, "1/h", "assumption", "Division rate."));
    c.declare(real_parameter("toy.death_per_h", 0.05, 0, 100, "1/h", "assumption", "Death rate."));
    c.declare(real_parameter("toy.convert_per_h", 0.02, 0, 100, "1/h", "assumption", "Conversion rate."));
    c.declare(real_parameter("toy.kill_per_h", 0.5, 0, 100, "1/h", "assumption", "Killing of a neighbour walker."));
  }
  void build(ModelBuilder& b) override {
    const Scenario& s = b.scenario();
    walkers_ = static_cast<std::size_t>(s.integer("toy.walkers"));
    division_ = s.real("toy.division_per_h");
    death_ = s.real("toy.death_per_h");
    convert_ = s.real("toy.convert_per_h");
    kill_ = s.real("toy.kill_per_h");
    FieldSpec spec;
    spec.name = "signal";
    spec.diffusion_um2_per_s = 20.0;
    spec.half_life_h = 2.0;
    field_ = b.add_field(spec);
    walker_ = b.add_population("walker", {{"level", ColumnType::Real, "1", 0.0}, {"generation", ColumnType::Integer, "1", 0.0}});
    settled_ = b.add_population("settled", {{"level", ColumnType::Real, "1", 0.0}});
    b.world().set_birth_hook(walker_, [](World& w, PopulationId p, std::size_t d, std::size_t m, rng::RandomStream& r) {
      auto* g = w.population(p).integer(1);
      g[d] = ++g[m];
      w.population(p).real(0)[d] = r.uniform();
    });
    b.world().set_conversion_hook(settled_, [](World& w, PopulationId t, std::size_t row, PopulationId src,
                                               std::size_t src_row) {
      w.population(t).real(0)[row] = w.population(src).real(0)[src_row];
    });
    b.add_initializer([this](World& w) {
      rng::RandomStream s = w.stream(rng::purpose_id("toy.init"), 0, 0);
      for (auto v : choose_free_voxels(w.lattice(), walkers_, s)) w.spawn(walker_, v);
    });
    b.add_agent_rule({"toy.sense", walker_, Phase::Update, [this](World& w, const StepInfo& st, std::size_t b0, std::size_t e0) {
                        auto& pop = w.population(walker_);
                        const double* c = w.fields().data(field_);
                        for (std::size_t r = b0; r < e0; ++r) pop.real(0)[r] += c[pop.voxel[r]] * st.dt_h;
                      }});
    b.add_agent_rule({"toy.act", walker_, Phase::Interact, [this](World& w, const StepInfo& st, std::size_t b0, std::size_t e0) {
                        auto& pop = w.population(walker_);
                        std::array<std::uint32_t, Lattice::kMaxNeighbours> around;
                        for (std::size_t r = b0; r < e0; ++r) {
                          rng::RandomStream s = w.stream(rng::purpose_id("toy.act"), pop.id[r], st.step);
                          const double u = s.uniform();
                          const int n = w.lattice().neighbours(pop.voxel[r], around);
                          const std::uint32_t target = around[s.below(n)];
                          if (u < 1 - std::exp(-death_ * st.dt_h)) {
                            pop.fate[r] = Fate::Die;
                          } else if (s.uniform() < 1 - std::exp(-convert_ * st.dt_h)) {
                            pop.fate[r] = Fate::Convert;
                            pop.convert_to[r] = static_cast<std::uint8_t>(settled_);
                          } else if (w.lattice().is_free(target)) {
                            if (s.uniform() < 1 - std::exp(-division_ * st.dt_h)) pop.divide_to[r] = target;
                            else pop.move_to[r] = target;
                          } else if (s.uniform() < 1 - std::exp(-kill_ * st.dt_h)) {
                            const AgentHandle h = w.lattice().occupant(target);
                            if (h.population == walker_) {
                              std::atomic_ref<std::uint8_t>(w.population(walker_).killed[h.row]).store(1, std::memory_order_relaxed);
                            }
                          }
                        }
                      }});
    b.add_agent_rule({"toy.secrete", walker_, Phase::Secrete, [this](World& w, const StepInfo& st, std::size_t b0, std::size_t e0) {
                        auto& pop = w.population(walker_);
                        double* c = w.fields().data(field_);
                        for (std::size_t r = b0; r < e0; ++r) c[pop.voxel[r]] = apply_source(c[pop.voxel[r]], 1.0, 0.1, st.dt_h);
                      }});
    b.add_event({1.0, "toy.pulse", [this](World& w, const StepInfo&) {
                   double* c = w.fields().data(field_);
                   c[w.shape().voxel_count() / 2] += 100.0;
                 }});
    b.add_observer({{{"toy", "mean_level", "1"}}, [this](const World& w, double, std::vector<double>& out) {
                      const auto& pop = w.population(walker_);
                      double sum = 0;
                      for (std::size_t r = 0; r < pop.size(); ++r) sum += pop.real(0)[r];
                      out = {pop.size() ? sum / pop.size() : 0.0};
                    }});
  }

 private:
  std::size_t walkers_ = 0;
  double division_ = 0, death_ = 0, convert_ = 0, kill_ = 0;
  FieldId field_ = 0;
  PopulationId walker_ = 0, settled_ = 0;
};

}  // namespace mscsim::test_support
