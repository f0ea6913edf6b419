#include "sim/engine/simulation.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/agents/row_chunks.hpp"
#include "sim/core/errors.hpp"

namespace mscsim {

namespace {
// Agents are re-sorted by voxel this often (and once before the first step): cheap (one
// pass over the lattice) and it keeps field reads in memory order as agents move.
constexpr std::uint64_t kSortEverySteps = 10;
// The models name each population's states through the choices of its text parameter
// "<population>.initial_state" (what `mscsim parameters` lists); those names are the codes
// of its integer columns "state" and "next_state", in order. A column that a model named
// itself (ColumnSpec::value_names) keeps its names. The engine knows no state by name.
void name_state_codes(World& world, const ModelList& models) {
  ParameterCatalogue catalogue;
  for (const auto& model : models) model->declare_parameters(catalogue);
  for (PopulationId p = 0; p < world.population_count(); ++p) {
    Population& pop = world.population(p);
    const ParameterSpec* spec = catalogue.find(pop.name() + ".initial_state");
    if (!spec || spec->choices.empty()) continue;
    for (const char* column : {"state", "next_state"}) {
      if (!pop.has_column(column)) continue;
      const ColumnId c = pop.column_id(column);
      if (pop.columns()[c].type == ColumnType::Integer && pop.columns()[c].value_names.empty())
        pop.name_values(c, spec->choices);
    }
  }
}

// Field sums for the time series are taken over blocks of this many voxels, each summed in
// voxel order, and the block sums added in block order: fixed, so the bits of a field mean
// depend on neither the thread count nor the code below.
constexpr std::size_t kObserverBlock = 8192;
// Below this many voxel values a thread team costs more than the sweep.
constexpr std::size_t kMinVoxelsForThreads = 65536;

// Sums and maxima of `Lanes` consecutive full blocks, interleaved: lane k walks block k in
// voxel order exactly as a block-by-block loop would (same additions, same order, and the
// maximum by the same comparison as std::max), but the Lanes independent chains of
// additions overlap in the pipeline instead of each waiting for the previous add.
template <std::size_t Lanes>
void sum_and_max_of_blocks(const double* first_block, double* sums, double* maxima) {
  double sum[Lanes], max[Lanes];
  for (std::size_t k = 0; k < Lanes; ++k) {
    sum[k] = 0.0;
    max[k] = -std::numeric_limits<double>::infinity();
  }
  for (std::size_t i = 0; i < kObserverBlock; ++i)
    for (std::size_t k = 0; k < Lanes; ++k) {
      const double value = first_block[k * kObserverBlock + i];
      sum[k] += value;
      max[k] = max[k] < value ? value : max[k];  // std::max(max, value)
    }
  for (std::size_t k = 0; k < Lanes; ++k) {
    sums[k] = sum[k];
    maxima[k] = max[k];
  }
}

// The sum over kObserverBlock-voxel blocks (each in voxel order, then the blocks in block
// order) and the maximum of n values.
void sum_and_max_by_blocks(const double* values, std::size_t n, double& total, double& maximum) {
  const std::size_t full_blocks = n / kObserverBlock;
  std::vector<double> sums(full_blocks + 1), maxima(full_blocks + 1);
  std::size_t b = 0;
  for (; b + 8 <= full_blocks; b += 8) sum_and_max_of_blocks<8>(values + b * kObserverBlock, &sums[b], &maxima[b]);
  for (; b + 4 <= full_blocks; b += 4) sum_and_max_of_blocks<4>(values + b * kObserverBlock, &sums[b], &maxima[b]);
  for (; b + 2 <= full_blocks; b += 2) sum_and_max_of_blocks<2>(values + b * kObserverBlock, &sums[b], &maxima[b]);
  for (; b < full_blocks; ++b) sum_and_max_of_blocks<1>(values + b * kObserverBlock, &sums[b], &maxima[b]);
  std::size_t blocks = full_blocks;
  if (n % kObserverBlock != 0) {
    double sum = 0.0, max = -std::numeric_limits<double>::infinity();
    for (std::size_t v = full_blocks * kObserverBlock; v < n; ++v) {
      sum += values[v];
      max = std::max(max, values[v]);
    }
    sums[blocks] = sum;
    maxima[blocks] = max;
    ++blocks;
  }
  total = 0.0;
  maximum = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < blocks; ++k) {
    total += sums[k];
    maximum = std::max(maximum, maxima[k]);
  }
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, ModelList& models)
    : settings_(read_run_settings(scenario)),
      world_(read_lattice_shape(scenario), settings_.seed),
      builder_(world_, scenario) {
  for (auto& model : models) model->build(builder_);
  name_state_codes(world_, models);

  for (PopulationId p = 0; p < world_.population_count(); ++p)
    series_.push_back({"agents", world_.population(p).name(), "cells"});
  series_.push_back({"agents", "total", "cells"});
  for (FieldId f = 0; f < world_.fields().size(); ++f) {
    const FieldSpec& spec = world_.fields().spec(f);
    series_.push_back({"fields", spec.name + "_mean", spec.unit});
    series_.push_back({"fields", spec.name + "_max", spec.unit});
  }
  for (const Observer& o : builder_.observers)
    for (const SeriesSpec& s : o.series) series_.push_back(s);

  std::stable_sort(builder_.events.begin(), builder_.events.end(),
                   [](const ScheduledEvent& a, const ScheduledEvent& b) { return a.time_h < b.time_h; });
  event_done_.assign(builder_.events.size(), false);

  for (const AgentRule& r : builder_.agent_rules) {
    if (r.population >= world_.population_count())
      throw ConfigurationError("rule '" + r.name + "' refers to an unknown population");
    profile_.push_back({r.name, 0.0});
  }
  for (const WorldRule& r : builder_.world_rules) profile_.push_back({r.name, 0.0});
  events_slot_ = profile_.size();
  profile_.push_back({"engine.events", 0.0});
  commit_slot_ = profile_.size();
  profile_.push_back({"engine.commit", 0.0});
  fields_slot_ = profile_.size();
  profile_.push_back({"engine.fields", 0.0});
}

void Simulation::initialize() {
  for (auto& init : builder_.initializers) init(world_);
  world_.sort_agents_by_voxel();
}

void Simulation::run_world_rules(WorldPoint point, const StepInfo& info) {
  const std::size_t base = builder_.agent_rules.size();
  for (std::size_t i = 0; i < builder_.world_rules.size(); ++i) {
    const WorldRule& r = builder_.world_rules[i];
    if (r.point != point) continue;
    const double t0 = omp_get_wtime();
    r.run(world_, info);
    profile_[base + i].seconds += omp_get_wtime() - t0;
  }
}

void Simulation::run_agent_phase(Phase phase, const StepInfo& info) {
  for (std::size_t i = 0; i < builder_.agent_rules.size(); ++i) {
    const AgentRule& rule = builder_.agent_rules[i];
    if (rule.phase != phase) continue;
    const std::size_t n = world_.population(rule.population).size();
    if (n == 0) continue;
    const double t0 = omp_get_wtime();
    const std::int64_t chunks = row_chunk_count(n);
    if (chunks == 1) {
      rule.run(world_, info, 0, n);
    } else {
      // The same rows to the same thread in every rule and step (see row_chunks.hpp).
#pragma omp parallel for schedule(static)
      for (std::int64_t c = 0; c < chunks; ++c) rule.run(world_, info, row_chunk_begin(c), row_chunk_end(c, n));
    }
    profile_[i].seconds += omp_get_wtime() - t0;
  }
}

void Simulation::step() {
  StepInfo info;
  info.step = steps_done_;
  info.dt_h = settings_.dt_h;
  info.time_h = time_h();
  agent_steps_ += world_.agent_count();

  // Events: due when their time is at or before this step's start (half a step's slack
  // against rounding), each exactly once.
  const double t0 = omp_get_wtime();
  for (std::size_t e = 0; e < builder_.events.size(); ++e) {
    if (event_done_[e] || builder_.events[e].time_h > info.time_h + 0.5 * info.dt_h) continue;
    builder_.events[e].run(world_, info);
    event_done_[e] = true;
  }
  profile_[events_slot_].seconds += omp_get_wtime() - t0;

  run_world_rules(WorldPoint::BeforeAgents, info);
  run_agent_phase(Phase::Update, info);
  run_agent_phase(Phase::Interact, info);
  run_agent_phase(Phase::Secrete, info);

  const double t1 = omp_get_wtime();
  world_.commit(info);
  if ((info.step + 1) % kSortEverySteps == 0) world_.sort_agents_by_voxel();
  profile_[commit_slot_].seconds += omp_get_wtime() - t1;

  run_world_rules(WorldPoint::AfterCommit, info);
  const double t2 = omp_get_wtime();
  world_.fields().solve(info.dt_h);
  profile_[fields_slot_].seconds += omp_get_wtime() - t2;
  run_world_rules(WorldPoint::AfterFields, info);
  ++steps_done_;
}

void Simulation::observe(std::vector<double>& row) const {
  row.clear();
  for (PopulationId p = 0; p < world_.population_count(); ++p)
    row.push_back(static_cast<double>(world_.population(p).size()));
  row.push_back(static_cast<double>(world_.agent_count()));
  // Field means and maxima: partial sums over fixed blocks of voxels, then the blocks
  // added in block order, so the bits do not depend on the thread count.
  const std::size_t voxels = world_.shape().voxel_count();
  const std::size_t fields = world_.fields().size();
  std::vector<double> field_sum(fields), field_max(fields);
  const auto field_items = static_cast<std::int64_t>(fields);
#pragma omp parallel for schedule(static) if (fields * voxels >= kMinVoxelsForThreads)
  for (std::int64_t f = 0; f < field_items; ++f)
    sum_and_max_by_blocks(world_.fields().data(static_cast<FieldId>(f)), voxels, field_sum[static_cast<std::size_t>(f)],
                          field_max[static_cast<std::size_t>(f)]);
  for (std::size_t f = 0; f < fields; ++f) {
    row.push_back(field_sum[f] / static_cast<double>(voxels));
    row.push_back(field_max[f]);
  }
  std::vector<double> values;
  for (const Observer& o : builder_.observers) {
    values.clear();
    o.compute(world_, time_h(), values);
    if (values.size() != o.series.size())
      throw ConfigurationError("an observer returned " + std::to_string(values.size()) + " values for " +
                               std::to_string(o.series.size()) + " series");
    row.insert(row.end(), values.begin(), values.end());
  }
}

}  // namespace mscsim
