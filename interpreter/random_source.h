#pragma once
// The one source of randomness (jitter, States.UUID, States.MathRandom): seeded, so a run with the
// same seed is the same run.

#include <cstdint>
#include <random>
#include <string>

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

// A version 4 UUID from two draws of `random` (States.UUID, JSONata's $uuid).
inline std::string random_uuid(RandomSource& random) {
  std::uint64_t halves[2] = {random.next(), random.next()};
  unsigned char bytes[16];
  for (int i = 0; i < 16; ++i) bytes[i] = static_cast<unsigned char>(halves[i / 8] >> (8 * (i % 8)));
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += hex[bytes[i] >> 4];
    text += hex[bytes[i] & 0xf];
  }
  return text;
}

}  // namespace sfn::interp
