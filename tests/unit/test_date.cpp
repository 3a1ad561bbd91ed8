#include <doctest/doctest.h>

#include "esc/model/date.hpp"

using esc::Date;

TEST_SUITE("date") {
  TEST_CASE("parses a well-formed YYYY-MM-DD date") {
    auto d = Date::parse("2024-03-02");
    REQUIRE(d);
    CHECK(d->year == 2024);
    CHECK(d->month == 3);
    CHECK(d->day == 2);
    CHECK(d->to_string() == "2024-03-02");
  }

  TEST_CASE("accepts the first and last day of every month") {
    const int last[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; ++m) {
      CAPTURE(m);
      Date first{2023, m, 1};
      Date end{2023, m, last[m - 1]};
      CHECK(Date::parse(first.to_string()));
      CHECK(Date::parse(end.to_string()));
      Date past{2023, m, last[m - 1] + 1};
      CHECK_FALSE(Date::parse(past.to_string()));
    }
  }

  TEST_CASE("leap years follow the Gregorian rules") {
    CHECK(Date::parse("2024-02-29"));  // divisible by 4
    CHECK(Date::parse("2000-02-29"));  // divisible by 400
    CHECK_FALSE(Date::parse("2023-02-29"));
    CHECK_FALSE(Date::parse("1900-02-29"));  // divisible by 100, not 400
    CHECK_FALSE(Date::parse("2100-02-29"));
    CHECK_FALSE(Date::parse("2024-02-30"));
  }

  TEST_CASE("rejects impossible months and days") {
    CHECK_FALSE(Date::parse("2024-00-10"));
    CHECK_FALSE(Date::parse("2024-13-01"));
    CHECK_FALSE(Date::parse("2024-01-00"));
    CHECK_FALSE(Date::parse("2024-01-32"));
    CHECK_FALSE(Date::parse("2024-04-31"));
    CHECK_FALSE(Date::parse("0000-01-01"));
  }

  TEST_CASE("rejects anything that is not exactly YYYY-MM-DD") {
    const char* bad[] = {"",           "2024",        "2024-3-02",   "2024-03-2",        "24-03-02",   "2024/03/02",
                         "20240302",   " 2024-03-02", "2024-03-02 ", "2024-03-02T10:00", "2024-O3-02", "+024-03-02",
                         "2024-03--2", "yesterday",   "02-03-2024",  "2024_03_02",       "2024-03-0x"};
    for (const char* text : bad) {
      CAPTURE(text);
      CHECK_FALSE(Date::parse(text));
    }
  }

  TEST_CASE("orders chronologically") {
    Date a = *Date::parse("2023-12-31");
    Date b = *Date::parse("2024-01-01");
    Date c = *Date::parse("2024-01-01");
    CHECK(a < b);
    CHECK(b > a);
    CHECK(b == c);
    CHECK(a != b);
    CHECK(b <= c);
    CHECK(a.key() == 20231231);
    CHECK(*Date::parse("2024-02-01") > *Date::parse("2024-01-31"));
  }

  TEST_CASE("to_string pads year to four digits and month and day to two") {
    CHECK(Date{987, 1, 5}.to_string() == "0987-01-05");
    CHECK(Date::parse("0987-01-05"));
  }

  TEST_CASE("quarter names the calendar quarter") {
    CHECK(Date::parse("2024-01-01")->quarter() == "2024-Q1");
    CHECK(Date::parse("2024-03-31")->quarter() == "2024-Q1");
    CHECK(Date::parse("2024-04-01")->quarter() == "2024-Q2");
    CHECK(Date::parse("2024-06-30")->quarter() == "2024-Q2");
    CHECK(Date::parse("2024-07-01")->quarter() == "2024-Q3");
    CHECK(Date::parse("2024-10-01")->quarter() == "2024-Q4");
    CHECK(Date::parse("2024-12-31")->quarter() == "2024-Q4");
  }

  TEST_CASE("today is a real date that round-trips") {
    Date today = Date::today();
    CHECK(today.year >= 2024);
    auto again = Date::parse(today.to_string());
    REQUIRE(again);
    CHECK(*again == today);
  }

  TEST_CASE("date_help says why a date does not exist and rewrites other orders") {
    CHECK(esc::date_help("2024-02-30") == "2024-02-30 does not exist: February 2024 has 29 days");
    CHECK(esc::date_help("2023-02-29") == "2023-02-29 does not exist: February 2023 has 28 days");
    CHECK(esc::date_help("2024-04-31") == "2024-04-31 does not exist: April 2024 has 30 days");
    CHECK(esc::date_help("2024-13-01") == "there is no month 13: the month comes second (YYYY-MM-DD)");
    CHECK(esc::date_help("15/10/2024") == "write `2024-10-15` (dates are YYYY-MM-DD)");
    CHECK(esc::date_help("10/15/2024") == "write `2024-10-15` (dates are YYYY-MM-DD)");
    CHECK(esc::date_help("15.10.2024") == "write `2024-10-15` (dates are YYYY-MM-DD)");
    CHECK(esc::date_help("2024/10/15") == "write `2024-10-15` (dates are YYYY-MM-DD)");
    CHECK(esc::date_help("03/04/2024") ==
          "write `2024-04-03` if the day comes first, `2024-03-04` if the month does (dates are YYYY-MM-DD)");
    CHECK(esc::date_help("05/05/2024") == "write `2024-05-05` (dates are YYYY-MM-DD)");
    CHECK(esc::date_help("yesterday") == "write dates as YYYY-MM-DD, e.g. 2024-03-02");
    CHECK(esc::date_help("31/02/2024") == "write dates as YYYY-MM-DD, e.g. 2024-03-02");
    CHECK(esc::date_help("1/2-2024") == "write dates as YYYY-MM-DD, e.g. 2024-03-02");
  }
}  // TEST_SUITE
