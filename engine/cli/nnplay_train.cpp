// nnplay-train: trains a network on one of the playground's datasets (or a CSV
// file) from the command line and prints per-epoch loss and accuracy. The
// quickest way to try the engine without a browser.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "nnplay/data.hpp"
#include "nnplay/limits.hpp"
#include "nnplay/model.hpp"
#include "nnplay/model_io.hpp"
#include "nnplay/names.hpp"

namespace {

constexpr int64_t kMaxSafeInteger = (int64_t(1) << 53) - 1;  // seeds: exact in a double, as in JS
constexpr int64_t kMaxEpochs = 1000000;

const char* kUsage = R"(nnplay-train: train a small neural network on a 2-D dataset.

Usage: nnplay-train [options]

Data:
  --dataset NAME        circle | xor | gauss | spiral | moons | blobs | plane | multiGauss  (default circle)
  --csv FILE            train on a CSV file (x1,x2,label) instead of a generated dataset
  --regression          with --csv: the label is a real target, not a class
  --points N            number of points (default 500)
  --noise X             noise, 0..1 (default 0)
  --classes K           classes for spiral / blobs, 2..6 (default 2)
  --train-ratio R       fraction used for training, the rest for testing (default 0.8)
  --features LIST       input features, e.g. x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2) (default x1,x2)
Network:
  --layers LIST         hidden layer sizes, e.g. 8,8 (default 4,2; "" for none)
  --activation NAME     hidden activation: linear | sigmoid | tanh | relu | leakyRelu | elu (default tanh)
  --l1 X, --l2 X        kernel regularization rates (default 0)
  --init NAME           kernel initializer (default glorotUniform)
  The output layer and loss follow the problem: sigmoid + binaryCrossentropy for two
  classes, softmax + sparseCategoricalCrossentropy for more, linear + meanSquaredError
  for regression.
Training:
  --optimizer NAME      sgd | momentum | rmsprop | adam (default sgd)
  --lr X                learning rate (default 0.03)
  --batch N             batch size (default 10)
  --epochs N            epochs (default 100)
  --seed N              seed for data, weights and shuffling (default 1)
Output:
  --quiet               print only the final line
  --save FILE           write the trained model as JSON
  --help                this text
)";

// A decimal number as typed ("0.03", "1e-4"); hex, "inf" and trailing text are
// refused. Messages quote the option's text as given.
double decimal(const std::string& text, const std::string& what) {
  if (!nnplay::is_decimal_number(text)) throw std::invalid_argument(what + " expects a number, got \"" + text + "\"");
  const double d = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(d)) throw std::invalid_argument(what + " expects a finite number, got \"" + text + "\"");
  return d;
}

// A whole number in [min, max]: "100" or "1e3", not "1.5", "0x10" or "1e10"
// beyond the range (checked before any conversion to an integer type).
int64_t whole_number(const std::string& text, const std::string& what, int64_t min, int64_t max) {
  const std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  double d = 0;
  try {
    d = decimal(text, what);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument(what + " expects " + range + ", got \"" + text + "\"");
  }
  if (!(d >= double(min) && d <= double(max)) || d != std::floor(d))
    throw std::invalid_argument(what + " expects " + range + ", got \"" + text + "\"");
  return static_cast<int64_t>(d);
}

struct Args {
  std::map<std::string, std::string> values;
  bool has(const std::string& k) const { return values.count(k) != 0; }
  std::string str(const std::string& k, const std::string& fallback) const {
    auto it = values.find(k);
    return it == values.end() ? fallback : it->second;
  }
  double num(const std::string& k, double fallback) const {
    if (!has(k)) return fallback;
    return decimal(values.at(k), "--" + k);
  }
  int64_t integer(const std::string& k, int64_t fallback, int64_t min, int64_t max) const {
    if (!has(k)) return fallback;
    return whole_number(values.at(k), "--" + k, min, max);
  }
};

Args parse_args(int argc, char** argv) {
  static const char* flags[] = {"quiet", "help", "regression"};
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument \"" + a + "\" (see --help)");
    a = a.substr(2);
    bool is_flag = false;
    for (const char* f : flags) is_flag |= a == f;
    if (is_flag) {
      args.values[a] = "1";
    } else {
      if (i + 1 >= argc) throw std::invalid_argument("--" + a + " needs a value (see --help)");
      args.values[a] = argv[++i];
    }
  }
  static const char* known[] = {"dataset", "csv", "regression", "points", "noise", "classes", "train-ratio",
                                "features", "layers", "activation", "l1", "l2", "init", "optimizer", "lr",
                                "batch", "epochs", "seed", "quiet", "save", "help"};
  for (const auto& [k, v] : args.values) {
    bool ok = false;
    for (const char* name : known) ok |= k == name;
    if (!ok) throw std::invalid_argument("unknown option --" + k + " (see --help)");
  }
  return args;
}

// "8,8" -> {8, 8}; each size a whole number of units within the engine's limits.
std::vector<int> parse_layers(const std::string& text) {
  std::vector<int> sizes;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    if (int64_t(sizes.size()) + 1 >= nnplay::limits::kMaxLayers)  // + the output layer
      throw std::invalid_argument("--layers: at most " + std::to_string(nnplay::limits::kMaxLayers - 1) +
                                  " hidden layers");
    sizes.push_back(int(whole_number(item, "--layers (a layer size)", 1, nnplay::limits::kMaxUnits)));
  }
  return sizes;
}

// The whole file, refusing directories, unreadable files and files beyond the
// CSV size limit with messages that say which.
std::string read_csv_file(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) throw std::invalid_argument("--csv file \"" + path + "\" does not exist");
  if (std::filesystem::is_directory(status))
    throw std::invalid_argument("--csv \"" + path + "\" is a directory; give a CSV file");
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, error);
    if (!error && int64_t(size) > nnplay::limits::kMaxCsvBytes)
      throw std::invalid_argument("--csv file \"" + path + "\" has " + std::to_string(size) +
                                  " bytes; the limit is " + std::to_string(nnplay::limits::kMaxCsvBytes));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::invalid_argument("cannot open --csv file \"" + path + "\"");
  std::string text;
  char buffer[1 << 16];
  while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
    text.append(buffer, size_t(file.gcount()));
    if (int64_t(text.size()) > nnplay::limits::kMaxCsvBytes)  // a pipe or device: no size up front
      throw std::invalid_argument("--csv input \"" + path + "\" is longer than the limit of " +
                                  std::to_string(nnplay::limits::kMaxCsvBytes) + " bytes");
  }
  if (file.bad()) throw std::invalid_argument("cannot read --csv file \"" + path + "\"");
  return text;
}

int run(const Args& args) {
  using namespace nnplay;
  const uint64_t seed = static_cast<uint64_t>(args.integer("seed", 1, 0, kMaxSafeInteger));
  const int epochs = int(args.integer("epochs", 100, 0, kMaxEpochs));  // checked before any work
  const int batch_size = int(args.integer("batch", 10, 1, limits::kMaxRows));
  Dataset data;
  if (args.has("csv")) {
    CsvOptions csv;
    csv.problem = args.has("regression") ? Problem::Regression : Problem::Classification;
    data = parse_csv(read_csv_file(args.str("csv", "")), csv);
  } else {
    DatasetOptions options;
    options.count = int(args.integer("points", 500, 1, limits::kMaxDatasetPoints));
    options.noise = args.num("noise", 0.0);
    options.seed = seed;
    options.classes = int(args.integer("classes", 2, 2, 6));
    data = make_dataset(args.str("dataset", "circle"), options);
  }
  const Split split = split_dataset(data, args.num("train-ratio", 0.8), seed);
  const uint32_t features = parse_features(args.str("features", "x1,x2"));
  const MatrixF train_x = transform_features(split.train.x, features);
  const MatrixF test_x = split.test.x.rows() ? transform_features(split.test.x, features) : MatrixF();

  Model model(feature_count(features), seed);
  const Activation hidden = parse_activation(args.str("activation", "tanh"));
  const Initializer init = parse_initializer(args.str("init", "glorotUniform"));
  for (int units : parse_layers(args.str("layers", "4,2"))) {
    DenseConfig layer{units, hidden};
    layer.kernel_initializer = init;
    layer.l1 = args.num("l1", 0.0);
    layer.l2 = args.num("l2", 0.0);
    model.add(layer);
  }
  CompileConfig compile;
  DenseConfig output{1, Activation::Linear};
  output.kernel_initializer = init;
  if (data.problem == Problem::Regression) {
    compile.loss = LossKind::MeanSquaredError;
    compile.accuracy = false;
  } else if (data.classes == 2) {
    output.activation = Activation::Sigmoid;
    compile.loss = LossKind::BinaryCrossentropy;
  } else {
    output = DenseConfig{data.classes, Activation::Softmax};
    output.kernel_initializer = init;
    compile.loss = LossKind::SparseCategoricalCrossentropy;
  }
  model.add(output);
  compile.optimizer = default_optimizer(parse_optimizer(args.str("optimizer", "sgd")));
  compile.optimizer.learning_rate = args.num("lr", 0.03);
  model.compile(compile);

  const bool quiet = args.has("quiet");
  if (!quiet) std::cout << model.summary() << "\n";
  FitOptions fit;
  fit.epochs = epochs;
  fit.batch_size = batch_size;
  const bool has_test = test_x.rows() > 0;
  EpochLogs last;
  fit.on_epoch_end = [&](const EpochLogs& logs) {
    last = logs;
    if (!quiet) {
      std::printf("epoch %4d  loss %.6f", logs.epoch + 1, logs.loss);
      if (compile.accuracy) std::printf("  accuracy %.4f", logs.accuracy);
      if (logs.has_validation) std::printf("  test_loss %.6f", logs.val_loss);
      if (logs.has_validation && compile.accuracy) std::printf("  test_accuracy %.4f", logs.val_accuracy);
      std::printf("\n");
    }
    return true;
  };
  if (has_test)
    model.fit(train_x, split.train.y, fit, test_x, split.test.y);
  else
    model.fit(train_x, split.train.y, fit);

  // The final line reports the trained model on the whole training set.
  const auto [loss, accuracy] = model.evaluate(train_x, split.train.y);
  std::printf("final epoch %d  loss %.6f", fit.epochs, loss);
  if (compile.accuracy) std::printf("  accuracy %.4f", accuracy);
  if (has_test) {
    const auto [test_loss, test_accuracy] = model.evaluate(test_x, split.test.y);
    std::printf("  test_loss %.6f", test_loss);
    if (compile.accuracy) std::printf("  test_accuracy %.4f", test_accuracy);
  }
  std::printf("\n");
  if (args.has("save")) {
    std::ofstream out(args.str("save", ""));
    if (!out) throw std::runtime_error("cannot write --save file \"" + args.str("save", "") + "\"");
    out << model_to_json(model) << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse_args(argc, argv);
    if (args.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "nnplay-train: " << e.what() << "\n";
    return 2;
  }
}
