#pragma once
// The execution's clock: virtual seconds since the start, shown as RFC 3339 timestamps.

#include <cstdint>
#include <string>

#include "analyzer/value_syntax.h"

namespace sfn::interp {

class VirtualClock {
 public:
  explicit VirtualClock(Instant start) : start_(start) {}
  double elapsed() const { return elapsed_; }
  void advance(double seconds) {
    if (seconds > 0) elapsed_ += seconds;
  }
  Instant now() const;
  Instant start() const { return start_; }
  // "2024-01-01T00:00:05.250Z": milliseconds, as AWS writes EnteredTime and StartTime.
  // Cached: states that take no time (Pass, Choice) would otherwise format the same instant again.
  const std::string& now_text() const;
  static std::string format_timestamp(Instant instant);

 private:
  Instant start_;
  double elapsed_ = 0;
  mutable double formatted_elapsed_ = -1;
  mutable std::string formatted_;
};

}  // namespace sfn::interp
