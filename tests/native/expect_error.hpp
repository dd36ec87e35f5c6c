// Shared assertion for the error-message tests: the call throws exactly the
// expected type, and its message contains every given part.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnplay::test_support {

template <class E>
void expect_error(const std::function<void()>& fn, const std::vector<std::string>& parts) {
  try {
    fn();
  } catch (const E& e) {
    const std::string message = e.what();
    for (const auto& part : parts)
      EXPECT_NE(message.find(part), std::string::npos) << "message: " << message << "\nmissing: " << part;
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception type; what(): " << e.what();
    return;
  }
  ADD_FAILURE() << "nothing was thrown";
}

inline void expect_invalid(const std::function<void()>& fn, const std::vector<std::string>& parts) {
  expect_error<std::invalid_argument>(fn, parts);
}

inline void expect_logic(const std::function<void()>& fn, const std::vector<std::string>& parts) {
  expect_error<std::logic_error>(fn, parts);
}

}  // namespace nnplay::test_support
