// The engine's vocabularies (activations, losses, optimizers, initializers) and
// the one place that turns user-facing names into them. Names are matched the
// way Keras and TensorFlow.js spell them: "binaryCrossentropy",
// "binary_crossentropy" and "BinaryCrossentropy" are one name (case and
// underscores are ignored), plus the usual short aliases ("mse", "bce").
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

enum class Activation { Linear, Sigmoid, Tanh, Relu, Softmax, LeakyRelu, Elu };
enum class LossKind { BinaryCrossentropy, MeanSquaredError, CategoricalCrossentropy, SparseCategoricalCrossentropy };
enum class OptimizerKind { Sgd, Momentum, RmsProp, Adam };
enum class Initializer { GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, Zeros, Ones };

// "binary_crossentropy", "Binary-Crossentropy" -> "binarycrossentropy": the key
// every user-facing name is matched by (datasets and features too).
std::string fold_name(const std::string& name);

// 3 -> "3", 2.5 -> "2.5", 1e-9 -> "1e-9": numbers in error messages as a user
// would write them (the shortest text that reads back as the same double).
std::string number_text(double v);

// True when `text` is a plain decimal number: [+-] digits [. digits]
// [e [+-] digits], at least one digit before the exponent, nothing else. The
// CSV reader and the CLI accept numbers only in this form: strtod alone would
// also take hex ("0x10" = 16), "inf", "nan(...)" and leading spaces.
bool is_decimal_number(std::string_view text);

// Unknown names -> std::invalid_argument listing the accepted names.
Activation parse_activation(const std::string& name);
LossKind parse_loss(const std::string& name);
OptimizerKind parse_optimizer(const std::string& name);
Initializer parse_initializer(const std::string& name);

// Every value of each vocabulary, in table order: tests, the JS API's tables
// and the page iterate these, so a new entry is covered everywhere at once.
const std::vector<Activation>& all_activations();
const std::vector<LossKind>& all_losses();
const std::vector<OptimizerKind>& all_optimizers();
const std::vector<Initializer>& all_initializers();

// Properties the tests and the page need to treat an activation right.
bool is_row_wise(Activation a);             // softmax: each output depends on the whole row
bool outputs_probabilities(Activation a);   // sigmoid, softmax: outputs in (0, 1)
bool has_kink(Activation a);                // relu, leakyRelu, elu: a non-smooth point at 0

// Canonical (TensorFlow.js camelCase) names, as written to JSON.
const char* name_of(Activation a);
const char* name_of(LossKind l);
const char* name_of(OptimizerKind o);
const char* name_of(Initializer i);

}  // namespace nnplay
