// Proves the hot loop allocates nothing: after set_training_data and one warm-up
// step (and one predict_into warm-up), 200 more train_steps and predict_into
// calls make zero heap allocations. Its own executable (nnplay_alloc_test)
// because it replaces the global allocation functions; not built under ASan,
// which intercepts them itself.
//
// Counted: every operator new / new[] (plain, nothrow, aligned) and, on glibc,
// malloc / calloc / realloc / memalign / posix_memalign / aligned_alloc — Eigen
// allocates its dynamic matrices with malloc, not operator new, so counting
// operator new alone would miss the engine's main allocation source.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <new>
#include <ostream>
#include <string>
#include <vector>

#include "nnplay/model.hpp"

namespace {
std::atomic<long> g_news{0};
std::atomic<long> g_mallocs{0};
}  // namespace

// ---- counting replacements ----------------------------------------------------------

#if defined(__GLIBC__)
extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* p);

void* malloc(size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* p, size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
void free(void* p) noexcept { __libc_free(p); }
void* memalign(size_t alignment, size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, size);
}
void* aligned_alloc(size_t alignment, size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* p = __libc_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
}  // extern "C"
#endif

namespace {
void* counted_new(std::size_t size) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* counted_new_aligned(std::size_t size, std::align_val_t alignment) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  const std::size_t a = std::max<std::size_t>(static_cast<std::size_t>(alignment), sizeof(void*));
  void* p = nullptr;
  if (posix_memalign(&p, a, size ? size : 1) != 0) throw std::bad_alloc();
  return p;
}
}  // namespace

void* operator new(std::size_t size) { return counted_new(size); }
void* operator new[](std::size_t size) { return counted_new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted_new(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted_new(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t size, std::align_val_t a) { return counted_new_aligned(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return counted_new_aligned(size, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace {

using namespace nnplay;

long allocations() { return g_news.load() + g_mallocs.load(); }

// The counter must see what it is meant to see, or a zero below means nothing.
TEST(AllocCounter, SeesOperatorNewMallocAndEigen) {
  void* (*volatile new_fn)(std::size_t) = &::operator new;
  void* (*volatile malloc_fn)(size_t) = &std::malloc;
  long before = g_news.load();
  void* p = new_fn(64);
  EXPECT_EQ(g_news.load() - before, 1);
  ::operator delete(p);
  before = allocations();
  p = malloc_fn(64);
  EXPECT_GE(allocations() - before, 1);
  std::free(p);

  Model m(2, 1);
  m.add({3, Activation::Tanh});
  MatrixF x = MatrixF::Ones(5, 2);
  m.predict(x);  // builds the model
  before = allocations();
  const MatrixF y = m.predict(x);  // returns a new Eigen matrix: must be counted
  EXPECT_GE(allocations() - before, 1);
  EXPECT_EQ(y.rows(), 5);
}

struct Scenario {
  const char* name;
  Activation hidden, output;
  int units;
  LossKind loss;
  bool from_logits;
  OptimizerKind optimizer;
  double l2;
};

void PrintTo(const Scenario& s, std::ostream* os) { *os << s.name; }

class ZeroAllocation : public testing::TestWithParam<Scenario> {};

// 50 rows with batch 16: batches of 16, 16, 16 and a short last one of 2.
TEST_P(ZeroAllocation, TrainStepsAndPredictIntoAfterWarmUp) {
  const Scenario s = GetParam();
  const int n = 50, batch = 16;
  Model model(2, 3);
  DenseConfig hidden{8, s.hidden};
  hidden.l2 = s.l2;
  hidden.l1 = s.l2 / 2;
  model.add(hidden);
  model.add({6, s.hidden});
  model.add({s.units, s.output});
  CompileConfig cc;
  cc.loss = s.loss;
  cc.from_logits = s.from_logits;
  cc.optimizer = default_optimizer(s.optimizer);
  cc.optimizer.learning_rate = 0.01;
  if (s.optimizer == OptimizerKind::RmsProp) {
    cc.optimizer.centered = true;
    cc.optimizer.momentum = 0.5;
  }
  if (s.optimizer == OptimizerKind::Momentum) cc.optimizer.nesterov = true;
  model.compile(cc);

  MatrixF x(n, 2);
  Random rng(5);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = float(rng.uniform(-3, 3));
  const bool sparse = s.loss == LossKind::SparseCategoricalCrossentropy;
  MatrixF y = MatrixF::Zero(n, sparse ? 1 : s.units);
  for (int r = 0; r < n; ++r) {
    const int k = int(rng.below(uint32_t(s.units)));
    if (sparse)
      y(r, 0) = float(k);
    else if (s.loss == LossKind::MeanSquaredError)
      for (int c = 0; c < s.units; ++c) y(r, c) = float(rng.normal());
    else if (s.loss == LossKind::BinaryCrossentropy)
      for (int c = 0; c < s.units; ++c) y(r, c) = rng.uniform() < 0.5 ? 0.f : 1.f;
    else
      y(r, k) = 1;
  }

  MatrixF grid(100, 2);
  for (Eigen::Index i = 0; i < grid.size(); ++i) grid.data()[i] = float(rng.uniform(-6, 6));
  MatrixF out(100, s.units);
  std::vector<float> activations(size_t(model.neuron_count()) * 100);
  float losses[8];

  model.set_training_data(x, y, batch);
  ASSERT_EQ(model.batches_per_epoch(), 4);
  model.train_steps(1);
  model.predict_into(grid, out, activations.data());

  const long news_before = g_news.load(), mallocs_before = g_mallocs.load();
  int epochs = 0;
  for (int i = 0; i < 200; ++i) {
    epochs += model.train_steps(1, losses);
    model.predict_into(grid, out, activations.data());
    model.predict_into(grid.topRows(37), out.topRows(37));  // a smaller input reuses the caches
  }
  for (int i = 0; i < 10; ++i) epochs += model.train_steps(8, losses);
  for (int i = 0; i < 10; ++i) model.train_epoch();
  const long news = g_news.load() - news_before, mallocs = g_mallocs.load() - mallocs_before;

  EXPECT_EQ(news, 0) << "operator new calls in the hot loop";
  EXPECT_EQ(mallocs, 0) << "malloc-family calls in the hot loop";
  // The loop really ran through epochs, the short last batch included.
  EXPECT_EQ(epochs, (1 + 200 + 80) / 4);
  EXPECT_TRUE(model.parameters().allFinite());
  EXPECT_TRUE(out.allFinite());
}

INSTANTIATE_TEST_SUITE_P(
    Networks, ZeroAllocation,
    testing::Values(
        Scenario{"tanh_sigmoid_bce_sgd", Activation::Tanh, Activation::Sigmoid, 1, LossKind::BinaryCrossentropy, false,
                 OptimizerKind::Sgd, 0.001},
        Scenario{"relu_softmax_sparse_adam", Activation::Relu, Activation::Softmax, 5,
                 LossKind::SparseCategoricalCrossentropy, false, OptimizerKind::Adam, 0.0},
        Scenario{"elu_linear_cce_logits_nesterov", Activation::Elu, Activation::Linear, 3,
                 LossKind::CategoricalCrossentropy, true, OptimizerKind::Momentum, 0.0},
        Scenario{"leakyrelu_linear_mse_rmsprop", Activation::LeakyRelu, Activation::Linear, 2,
                 LossKind::MeanSquaredError, false, OptimizerKind::RmsProp, 0.01}),
    [](const testing::TestParamInfo<Scenario>& info) { return std::string(info.param.name); });

}  // namespace
