#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace esc {

/// A calendar date (proleptic Gregorian), ordered chronologically.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  /// Parses exactly YYYY-MM-DD with a real calendar day; nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);
  /// Today's date in UTC.
  static Date today();
  /// YYYY-MM-DD.
  std::string to_string() const;
  /// "2024-Q1".
  std::string quarter() const;
  /// A single integer that orders like the date (yyyymmdd).
  int key() const { return year * 10000 + month * 100 + day; }
  /// Days since 1970-01-01 (negative before): `b.day_number() - a.day_number()`
  /// is the number of days from a to b.
  long day_number() const;
};

/// The help line for text that is not a date: why a YYYY-MM-DD date does not
/// exist ("February 2024 has 29 days"), the ISO form of a day-first or
/// month-first date when only one reading is possible (`15/10/2024` ->
/// `2024-10-15`), or the general "write dates as YYYY-MM-DD".
std::string date_help(std::string_view text);

inline bool operator==(const Date& a, const Date& b) {
  return a.key() == b.key();
}
inline bool operator!=(const Date& a, const Date& b) {
  return a.key() != b.key();
}
inline bool operator<(const Date& a, const Date& b) {
  return a.key() < b.key();
}
inline bool operator>(const Date& a, const Date& b) {
  return a.key() > b.key();
}
inline bool operator<=(const Date& a, const Date& b) {
  return a.key() <= b.key();
}

}  // namespace esc
