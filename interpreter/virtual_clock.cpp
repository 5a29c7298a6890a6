#include "interpreter/virtual_clock.h"

#include <cmath>
#include <cstdio>

namespace sfn::interp {
namespace {

// Howard Hinnant's civil_from_days: days since 1970-01-01 to a proleptic Gregorian date.
void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  year = static_cast<std::int64_t>(year_of_era) + era * 400;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned month_index = (5 * day_of_year + 2) / 153;
  day = day_of_year - (153 * month_index + 2) / 5 + 1;
  month = month_index < 10 ? month_index + 3 : month_index - 9;
  year += month <= 2;
}

}  // namespace

Instant VirtualClock::now() const {
  const double whole = std::floor(elapsed_);
  Instant instant = start_;
  instant.seconds += static_cast<std::int64_t>(whole);
  std::int64_t nanos = static_cast<std::int64_t>(instant.nanos) + std::llround((elapsed_ - whole) * 1e9);
  instant.seconds += nanos / 1000000000;
  instant.nanos = static_cast<std::uint32_t>(nanos % 1000000000);
  return instant;
}

const std::string& VirtualClock::now_text() const {
  if (formatted_elapsed_ != elapsed_) {
    formatted_ = format_timestamp(now());
    formatted_elapsed_ = elapsed_;
  }
  return formatted_;
}

std::string VirtualClock::format_timestamp(Instant instant) {
  std::int64_t days = instant.seconds / 86400;
  std::int64_t seconds_of_day = instant.seconds % 86400;
  if (seconds_of_day < 0) {
    seconds_of_day += 86400;
    --days;
  }
  std::int64_t year;
  unsigned month, day;
  civil_from_days(days, year, month, day);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03uZ", static_cast<long long>(year), month,
                day, static_cast<long long>(seconds_of_day / 3600), static_cast<long long>(seconds_of_day / 60 % 60),
                static_cast<long long>(seconds_of_day % 60), instant.nanos / 1000000);
  return text;
}

}  // namespace sfn::interp
