// report --redact: no account id or name survives, in any format.
#include <algorithm>
#include <cctype>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

using nlohmann::json;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

e2e::Result report(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"report", "--as-of", "2025-06-30"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("examples/cases");
  auto r = e2e::run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

// Account ids, full names and the first word of each name (as titles use it).
std::vector<std::string> secrets() {
  json plain = json::parse(report({"--format", "json"}).out);
  std::vector<std::string> out;
  for (const auto& a : plain["accounts"]) {
    out.push_back(a["id"]);
    std::string name = a["name"];
    if (name.empty()) continue;
    out.push_back(name);
    out.push_back(name.substr(0, name.find(' ')));
  }
  return out;
}

}  // namespace

TEST_CASE("redacted reports name no account, in every format") {
  auto names = secrets();
  REQUIRE(names.size() > 30);
  std::vector<std::vector<std::string>> formats = {{"--format", "json"},
                                                   {"--format", "text"},
                                                   {"--format", "csv", "--table", "accounts"},
                                                   {"--format", "csv", "--table", "fixes"}};
  for (auto format : formats) {
    format.push_back("--redact");
    std::string out = lower(report(format).out);
    for (const auto& secret : names)
      CHECK_MESSAGE(out.find(lower(secret)) == std::string::npos, secret << " in " << format[1]);
  }
}

TEST_CASE("redaction keeps the numbers and gives each account one stable pseudonym") {
  json plain = json::parse(report({"--format", "json"}).out);
  json redacted = json::parse(report({"--format", "json", "--redact"}).out);
  CHECK(redacted["options"]["redacted"] == true);
  CHECK(plain["options"]["redacted"] == false);
  CHECK(redacted["summary"] == plain["summary"]);
  CHECK(redacted["causes"] == plain["causes"]);
  CHECK(redacted["chains"] == plain["chains"]);
  std::string acme = redacted["repeat_accounts"][0]["account"];
  CHECK(acme.rfind("Account-", 0) == 0);
  CHECK(redacted["repeat_accounts"][0]["name"] == "");
  for (const auto& c : redacted["repeat_accounts"][0]["escalations"]) CHECK(c["account"] == acme);
  // Same account, same pseudonym: across runs and with a filter that keeps only that account.
  json again = json::parse(report({"--format", "json", "--redact"}).out);
  CHECK(again == redacted);
  json only = json::parse(report({"--format", "json", "--redact", "--account", "ACME123"}).out);
  CHECK(only["repeat_accounts"][0]["account"] == acme);
  CHECK(only["options"]["accounts"][0] == acme);
}
