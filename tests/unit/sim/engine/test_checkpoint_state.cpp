// Checkpoint state of the engine: the byte record round-trips, a simulation restored from
// it continues bit-identically (at any thread count before and after), and model state
// registered with keep_in_checkpoint comes back exactly.
#include <gtest/gtest.h>
#include <omp.h>

#include <deque>

#include "sim/engine/model_state.hpp"
#include "sim/engine/simulation.hpp"
#include "toy_model.hpp"

using namespace mscsim;

namespace {

// The toy model plus private state of the kinds models keep (a counter, an atomic, books,
// cached matrices and chains), changed every step so a lost value would show.
class CountingToy final : public Model {
 public:
  std::string name() const override { return "counting_toy"; }
  void declare_parameters(ParameterCatalogue& c) const override { toy_.declare_parameters(c); }
  void build(ModelBuilder& b) override {
    toy_.build(b);
    keep_in_checkpoint(b, "counting_toy", steps_seen_, kills_, books_, rates_, chains_);
    b.add_world_rule({"counting_toy.count", WorldPoint::AfterFields, [this](World& w, const StepInfo& st) {
                        ++steps_seen_;
                        kills_ += w.agent_count();
                        books_.push_back(static_cast<std::int64_t>(st.step));
                        if (st.step % 7 == 0) {
                          Eigen::MatrixXd k = Eigen::MatrixXd::Zero(2, 2);
                          k(0, 1) = 0.1 * static_cast<double>(st.step + 1);
                          rates_.assign(1, k);
                          chains_.clear();
                          chains_.push_back(std::make_unique<CompartmentChain>(std::vector<std::string>{"a", "b"}, k));
                        }
                      }});
    b.add_observer({{{"counting_toy", "memory", "1"}}, [this](const World&, double, std::vector<double>& out) {
                      const double rate = rates_.empty() ? 0.0 : rates_[0](0, 1);
                      const double chain = chains_.empty() ? 0.0 : chains_[0]->transition_matrix(0.1)(0, 1);
                      out = {static_cast<double>(steps_seen_) + static_cast<double>(kills_.load()) * 1e-6 +
                             static_cast<double>(books_.size()) + rate + chain};
                    }});
  }

 private:
  test_support::ToyModel toy_;
  std::uint64_t steps_seen_ = 0;
  std::atomic<std::uint64_t> kills_{0};
  std::vector<std::int64_t> books_;
  std::vector<Eigen::MatrixXd> rates_;
  std::vector<std::unique_ptr<CompartmentChain>> chains_;
};

ModelList models() {
  ModelList m;
  m.push_back(std::make_unique<CountingToy>());
  return m;
}

Scenario scenario(const ModelList& list) {
  ParameterCatalogue catalogue;
  declare_engine_parameters(catalogue);
  for (const auto& m : list) m->declare_parameters(catalogue);
  static std::deque<ParameterCatalogue> keep;  // a Scenario points at its catalogue
  keep.push_back(std::move(catalogue));
  return load_scenario_text("[run]\nduration_h = 4.0\ndt_h = 0.1\nseed = 7\n[tissue]\nsize_voxels = [40, 30]\n",
                            "toy.toml", keep.back());
}

// The whole trajectory of observations plus the final state record.
struct Outcome {
  std::vector<double> rows;
  std::vector<std::uint8_t> final_state;
};

void observe(Simulation& sim, Outcome& o) {
  std::vector<double> row;
  sim.observe(row);
  o.rows.insert(o.rows.end(), row.begin(), row.end());
}

Outcome run_through(int threads) {
  omp_set_num_threads(threads);
  ModelList m = models();
  Simulation sim(scenario(m), m);
  sim.initialize();
  Outcome o;
  while (!sim.finished()) {
    sim.step();
    observe(sim, o);
  }
  ByteWriter w;
  sim.save_state(w);
  o.final_state = w.take();
  return o;
}

// Runs `cut` steps at `before` threads, saves, restores into a fresh simulation at
// `after` threads and finishes there.
Outcome run_with_restart(std::uint64_t cut, int before, int after) {
  Outcome o;
  std::vector<std::uint8_t> saved;
  {
    omp_set_num_threads(before);
    ModelList m = models();
    Simulation sim(scenario(m), m);
    sim.initialize();
    while (sim.steps_done() < cut) {
      sim.step();
      observe(sim, o);
    }
    ByteWriter w;
    sim.save_state(w);
    saved = w.take();
  }
  omp_set_num_threads(after);
  ModelList m = models();
  Simulation sim(scenario(m), m);
  sim.initialize();
  ByteReader r(saved, "test checkpoint");
  sim.restore_state(r);
  EXPECT_EQ(sim.steps_done(), cut);
  while (!sim.finished()) {
    sim.step();
    observe(sim, o);
  }
  ByteWriter w;
  sim.save_state(w);
  o.final_state = w.take();
  return o;
}

}  // namespace

TEST(ByteArchive, RoundTripsValuesTextAndArrays) {
  ByteWriter w;
  w.value<std::uint64_t>(42);
  w.value(3.25);
  w.text("licensing_level");
  w.array_of(std::vector<std::int32_t>{1, -2, 3});
  const std::vector<std::uint8_t> bytes = w.take();
  ByteReader r(bytes, "test");
  EXPECT_EQ(r.value<std::uint64_t>(), 42u);
  EXPECT_EQ(r.value<double>(), 3.25);
  EXPECT_EQ(r.text(), "licensing_level");
  EXPECT_EQ(r.array<std::int32_t>(), (std::vector<std::int32_t>{1, -2, 3}));
  EXPECT_TRUE(r.at_end());
  EXPECT_NO_THROW(r.expect_end());
}

TEST(ByteArchive, TruncatedRecordIsRefusedNamingItsOrigin) {
  ByteWriter w;
  w.array_of(std::vector<double>(10, 1.0));
  std::vector<std::uint8_t> bytes = w.take();
  bytes.resize(bytes.size() - 1);
  ByteReader r(bytes, "checkpoint x.ckpt");
  try {
    (void)r.array<double>();
    FAIL() << "a truncated record was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("checkpoint x.ckpt"), std::string::npos);
  }
}

TEST(CheckpointState, RestoredSimulationContinuesBitIdentically) {
  const Outcome whole = run_through(1);
  for (std::uint64_t cut : {1u, 13u, 39u}) {
    const Outcome restarted = run_with_restart(cut, 1, 1);
    EXPECT_EQ(restarted.rows, whole.rows) << "cut at step " << cut;
    EXPECT_EQ(restarted.final_state, whole.final_state) << "cut at step " << cut;
  }
}

TEST(CheckpointState, ThreadCountMayChangeAcrossTheRestart) {
  const Outcome whole = run_through(1);
  EXPECT_EQ(run_with_restart(17, 1, 2).rows, whole.rows);
  EXPECT_EQ(run_with_restart(17, 2, 1).rows, whole.rows);
  EXPECT_EQ(run_with_restart(17, 2, 1).final_state, whole.final_state);
}

TEST(CheckpointState, RecordOfAnotherWorldIsRefused) {
  ModelList m = models();
  Simulation sim(scenario(m), m);
  sim.initialize();
  ByteWriter w;
  sim.save_state(w);
  std::vector<std::uint8_t> bytes = w.take();
  bytes.push_back(0);  // one byte more than this build writes
  ModelList m2 = models();
  Simulation other(scenario(m2), m2);
  other.initialize();
  ByteReader r(bytes, "checkpoint y.ckpt");
  EXPECT_THROW(other.restore_state(r), InputError);
}
