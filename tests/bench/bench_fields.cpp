// Throughput of the field solver (voxel × field updates per second) and of one
// compartment step. Run through scripts/bench; items_per_second is the figure to compare
// with the target of 1e8 voxel × field updates per second per core.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <array>
#include <string>

#include "sim/compartments/compartment_chain.hpp"
#include "sim/fields/field_set.hpp"
#include "sim/rng/random_stream.hpp"

namespace {

using namespace mscsim;

// 300 × 300 voxels of 20 µm, 8 fields with the spread of diffusivities and half-lives a
// model uses, two of them with a bath; dt = 0.1 h. Argument: OpenMP threads.
void BM_FieldSolve2D(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const int previous = omp_get_max_threads();
  omp_set_num_threads(threads);

  FieldSet fields(LatticeShape{300, 300, 1, 20.0});
  for (int f = 0; f < 8; ++f) {
    FieldSpec spec{.name = "field" + std::to_string(f),
                   .diffusion_um2_per_s = 10.0 + 20.0 * f,
                   .half_life_h = 0.5 + 0.25 * f,
                   .initial_value = 1.0};
    if (f >= 6) {
      spec.boundary = BoundaryCondition::Bath;
      spec.bath_value = 0.5;
    }
    const FieldId id = fields.add(spec);
    fields.data(id)[fields.shape().index(150, 150)] = 100.0;
  }
  for (auto _ : state) {
    fields.solve(0.1);
    benchmark::DoNotOptimize(fields.data(0));
    benchmark::ClobberMemory();
  }
  const auto per_solve = static_cast<std::int64_t>(fields.shape().voxel_count() * fields.size());
  state.SetItemsProcessed(state.iterations() * per_solve);
  state.counters["threads"] = threads;
  omp_set_num_threads(previous);
}
BENCHMARK(BM_FieldSolve2D)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// The same in 3-D, 64³ voxels and 8 fields.
void BM_FieldSolve3D(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const int previous = omp_get_max_threads();
  omp_set_num_threads(threads);
  FieldSet fields(LatticeShape{64, 64, 64, 20.0});
  for (int f = 0; f < 8; ++f)
    fields.add(FieldSpec{.name = "field" + std::to_string(f), .diffusion_um2_per_s = 10.0 + 20.0 * f,
                         .initial_value = 1.0});
  for (auto _ : state) {
    fields.solve(0.1);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(fields.shape().voxel_count() * fields.size()));
  omp_set_num_threads(previous);
}
BENCHMARK(BM_FieldSolve3D)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// One stochastic step of a five-compartment chain holding 10^5 cells.
void BM_CompartmentStep(benchmark::State& state) {
  Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(5, 5);
  rates(0, 1) = 0.8;
  rates(1, 0) = 0.2;
  rates(1, 2) = 0.5;
  rates(2, 3) = 0.3;
  rates(3, 4) = 0.4;
  const CompartmentChain chain({"a", "b", "c", "d", "e"}, rates);
  std::array<std::int64_t, 5> counts = {40000, 30000, 20000, 10000, 0};
  std::uint64_t step = 0;
  for (auto _ : state) {
    rng::RandomStream stream(1, rng::purpose_id("bench"), 0, step++);
    chain.step(counts, 0.1, stream);
    benchmark::DoNotOptimize(counts.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompartmentStep);

}  // namespace

BENCHMARK_MAIN();
