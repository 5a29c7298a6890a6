#pragma once
// The one source of randomness (jitter, States.UUID, States.MathRandom): seeded, so a run with the
// same seed is the same run.

#include <cstdint>
#include <random>

namespace sfn::interp {

class RandomSource {
 public:
  explicit RandomSource(std::uint64_t seed = 0) : engine_(seed) {}
  std::uint64_t next() { return engine_(); }
  // Uniform in [low, high].
  double uniform(double low, double high) { return std::uniform_real_distribution<double>(low, high)(engine_); }
  std::int64_t uniform_integer(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(engine_);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace sfn::interp
