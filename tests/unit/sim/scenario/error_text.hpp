#pragma once
// The message of the ScenarioError a call throws, so tests can compare it whole.
#include <gtest/gtest.h>

#include <string>

#include "sim/core/errors.hpp"

namespace mscsim::testing {

template <class F>
std::string scenario_error_of(F&& call) {
  try {
    call();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a ScenarioError";
  return "";
}

}  // namespace mscsim::testing
