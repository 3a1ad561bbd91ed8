#pragma once
#include <functional>
#include <string>
#include <vector>

#include "esc/analyze/report.hpp"

namespace esc {

/// One headline of a report, in plain language a VP reads in seconds.
struct Finding {
  std::string kind;      // chain, third-strike, failed-fix, severity, overdue, loop, absent, top-cause
  std::string headline;  // one sentence, plain text (renderers escape it)
};

/// How findings name causes, departments and accounts; an empty function
/// keeps the code or id (the terminal report), reports for people pass titles.
struct FindingNames {
  std::function<std::string(const std::string&)> cause, department, account;
};

/// The three to five findings that matter most, most important first.
std::vector<Finding> key_findings(const Report& report, std::size_t limit = 5, const FindingNames& names = {});

/// Money for people: "$950", "$480k", "$2.6M".
std::string format_money(double amount);

/// "a → b → c" (or with `arrow` between codes).
std::string format_chain(const std::vector<std::string>& path, const std::string& arrow = " → ");

/// "1 account" / "3 accounts".
std::string count_of(std::size_t n, const std::string& singular, const std::string& plural = "");

}  // namespace esc
