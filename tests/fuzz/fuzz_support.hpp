// Shared by the libFuzzer targets in tests/fuzz/: the entry point's signature
// and the one way a target reports a broken property (an abort the fuzzer and
// the sanitizer replay both treat as a crash).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace nnplay::fuzz {

// An accepted input broke a promise the engine makes (a round trip, a shape, a
// range). Errors the engine reports by throwing are not crashes; this is.
[[noreturn]] inline void property_failed(const std::string& what) {
  std::fprintf(stderr, "nnplay fuzz: property failed: %s\n", what.c_str());
  std::abort();
}

inline void require(bool ok, const std::string& what) {
  if (!ok) property_failed(what);
}

}  // namespace nnplay::fuzz
