#include "esc/model/date.hpp"

#include <ctime>
#include <vector>

#include <fmt/format.h>

namespace esc {
namespace {

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  if (!read_digits(text, 0, 4, date.year) || !read_digits(text, 5, 2, date.month) || !read_digits(text, 8, 2, date.day))
    return std::nullopt;
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month))
    return std::nullopt;
  return date;
}

Date Date::today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return Date{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

std::string Date::to_string() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

long Date::day_number() const {
  // Howard Hinnant's days_from_civil: eras of 400 years, March-based years.
  long y = year - (month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long year_of_era = y - era * 400;
  long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::string Date::quarter() const {
  return fmt::format("{:04}-Q{}", year, (month - 1) / 3 + 1);
}

namespace {

// Splits "a<sep>b<sep>c" where sep is one of / . - and each part is digits.
bool split_numbers(std::string_view text, int (&parts)[3], std::size_t (&lengths)[3]) {
  std::size_t part = 0, length = 0;
  char separator = 0;
  parts[0] = parts[1] = parts[2] = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (++length > 4) return false;
      parts[part] = parts[part] * 10 + (c - '0');
    } else if ((c == '/' || c == '.' || c == '-') && length > 0 && part < 2 && (!separator || c == separator)) {
      separator = c;
      lengths[part++] = length;
      length = 0;
    } else {
      return false;
    }
  }
  if (part != 2 || length == 0) return false;
  lengths[2] = length;
  return true;
}

std::optional<Date> real(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return Date{year, month, day};
}

const char* month_name(int month) {
  static const char* names[] = {"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};
  return names[month - 1];
}

}  // namespace

std::string date_help(std::string_view text) {
  const std::string general = "write dates as YYYY-MM-DD, e.g. 2024-03-02";
  int parts[3];
  std::size_t lengths[3];
  if (!split_numbers(text, parts, lengths)) return general;
  if (lengths[0] == 4 && text[4] == '-' && lengths[1] == 2 && lengths[2] == 2) {  // YYYY-MM-DD that does not exist
    int year = parts[0], month = parts[1], day = parts[2];
    if (month < 1 || month > 12) return fmt::format("there is no month {}: the month comes second (YYYY-MM-DD)", month);
    if (day < 1 || day > days_in_month(year, month))
      return fmt::format("{}-{:02}-{:02} does not exist: {} {} has {} days", year, month, day, month_name(month), year,
                         days_in_month(year, month));
    return general;
  }
  std::vector<Date> readings;
  if (lengths[0] == 4) {  // YYYY/MM/DD
    if (auto d = real(parts[0], parts[1], parts[2])) readings.push_back(*d);
  } else if (lengths[2] == 4) {  // DD/MM/YYYY or MM/DD/YYYY
    if (auto d = real(parts[2], parts[1], parts[0])) readings.push_back(*d);
    if (auto d = real(parts[2], parts[0], parts[1]); d && parts[0] != parts[1]) readings.push_back(*d);
  }
  if (readings.size() == 1) return fmt::format("write `{}` (dates are YYYY-MM-DD)", readings[0].to_string());
  if (readings.size() == 2)
    return fmt::format("write `{}` if the day comes first, `{}` if the month does (dates are YYYY-MM-DD)",
                       readings[0].to_string(), readings[1].to_string());
  return general;
}

}  // namespace esc
