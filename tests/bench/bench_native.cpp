// Native training and grid-prediction throughput on the standard workloads.
// Figures, not a test: run with `npm run bench:native`.
#include <benchmark/benchmark.h>

#include "workloads.hpp"

namespace {

using namespace nnplay;

void BM_Train(benchmark::State& state, const bench::Workload& w) {
  const Dataset data = bench::make_data(w);
  auto model = bench::make_model(w);
  model->set_training_data(data.x, data.y, w.batch, true);
  for (auto _ : state) {
    state.PauseTiming();
    model->reinitialize(1);  // every run trains the same fresh network
    state.ResumeTiming();
    for (int e = 0; e < w.epochs; ++e) model->train_epoch();
  }
  const double samples = double(w.points) * w.epochs;
  // forward + backward ~ 6 flops per parameter per sample
  const double flops = 6.0 * double(model->parameter_count()) * samples;
  state.counters["samples/s"] = benchmark::Counter(samples, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["GFLOP/s"] = benchmark::Counter(flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["params"] = double(model->parameter_count());
}

void BM_Grid(benchmark::State& state) {
  const bench::Workload& w2 = bench::workloads()[1];
  auto model = bench::make_model(w2);
  const MatrixF grid = bench::make_grid(100);
  MatrixF out(grid.rows(), 1);
  for (auto _ : state) {
    model->predict_into(grid, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["points/s"] = benchmark::Counter(double(grid.rows()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_GridWithNeurons(benchmark::State& state) {
  const bench::Workload& w2 = bench::workloads()[1];
  auto model = bench::make_model(w2);
  const MatrixF grid = bench::make_grid(100);
  MatrixF out(grid.rows(), 1);
  std::vector<float> neurons(size_t(model->neuron_count()) * grid.rows());
  for (auto _ : state) {
    model->predict_into(grid, out, neurons.data());
    benchmark::DoNotOptimize(neurons.data());
  }
}

const int registered = [] {
  for (const auto& w : bench::workloads())
    benchmark::RegisterBenchmark(w.id, BM_Train, w)->Unit(benchmark::kMillisecond)->MinTime(1.0);
  benchmark::RegisterBenchmark("G_grid_100x100", BM_Grid)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("G_grid_100x100_all_neurons", BM_GridWithNeurons)->Unit(benchmark::kMicrosecond);
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
