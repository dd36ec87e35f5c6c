// Runs one standard workload a fixed number of times, untimed, for profilers:
// `valgrind --tool=callgrind` counts its instructions deterministically (the
// same run gives the same count on a busy machine), `perf record` samples it.
//   nnplay_profile W1|W2|W3|W4|G [repeats]   (default: 1 training run; 50 grid frames)
#include <cstdio>
#include <cstdlib>
#include <string>

#include "workloads.hpp"

int main(int argc, char** argv) {
  using namespace nnplay;
  const std::string id = argc > 1 ? argv[1] : "";
  const int repeats = argc > 2 ? std::atoi(argv[2]) : (id == "G" ? 50 : 1);
  if (id == "G") {
    auto model = bench::make_model(bench::workloads()[1]);
    const MatrixF grid = bench::make_grid(100);
    MatrixF out(grid.rows(), 1);
    for (int i = 0; i < repeats; ++i) model->predict_into(grid, out);
    std::printf("G: %d frames, out[0] = %g\n", repeats, double(out(0, 0)));
    return 0;
  }
  for (const auto& w : bench::workloads()) {
    if (id != std::string(w.id).substr(0, 2)) continue;
    const Dataset data = bench::make_data(w);
    auto model = bench::make_model(w);
    model->set_training_data(data.x, data.y, w.batch, true);
    EpochLogs logs{};
    for (int r = 0; r < repeats; ++r) {
      model->reinitialize(1);
      for (int e = 0; e < w.epochs; ++e) logs = model->train_epoch();
    }
    std::printf("%s: %d run(s) of %d epochs, final loss %g\n", w.id, repeats, w.epochs, logs.loss);
    return 0;
  }
  std::fprintf(stderr, "usage: nnplay_profile W1|W2|W3|W4|G [repeats]\n");
  return 2;
}
