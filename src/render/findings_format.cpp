// Numbers and lists as the findings and the reports for people write them.
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "esc/render/findings.hpp"

namespace esc {

std::string format_money(double amount) {
  if (amount < 1000) return fmt::format("${:.0f}", amount);
  if (amount < 999500) return fmt::format("${:.0f}k", amount / 1000);
  if (amount < 999.5e6) {
    double millions = amount / 1e6;
    return millions < 9.95 ? fmt::format("${:.1f}M", millions) : fmt::format("${:.0f}M", millions);
  }
  double billions = amount / 1e9;
  return billions < 9.95 ? fmt::format("${:.1f}B", billions) : fmt::format("${:.0f}B", billions);
}

std::string format_count(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_percent(double share) {
  double percent = share * 100;
  if (percent > 0 && percent < 9.95 && std::round(percent) != percent) return fmt::format("{:.1f}%", percent);
  return fmt::format("{:.0f}%", percent);
}

std::string format_p(double p, const std::string& name) {
  if (p < 0.001) return name + " < 0.001";
  return fmt::format("{} = {:.3f}", name, p);
}

std::string format_rate_ratio_ci(const FixStat& fix) {
  return fmt::format("{:.2f}–{}", fix.rr_lo.value_or(0), fix.rr_hi ? fmt::format("{:.2f}", *fix.rr_hi) : "∞");
}

std::string filters_text(const AnalysisOptions& o) {
  std::vector<std::string> parts;
  if (o.since) parts.push_back("opened on or after " + o.since->to_string());
  if (o.until) parts.push_back("opened on or before " + o.until->to_string());
  if (!o.segments.empty()) parts.push_back(fmt::format("in segment {}", fmt::join(o.segments, " or ")));
  if (!o.accounts.empty()) parts.push_back(fmt::format("of account {}", fmt::join(o.accounts, " or ")));
  if (!o.tags.empty()) parts.push_back(fmt::format("tagged {}", fmt::join(o.tags, " or ")));
  if (!o.causes.empty()) parts.push_back(fmt::format("citing {}", fmt::join(o.causes, " or ")));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string left_out_text(const ReportSummary& s, const std::string& as_of_words) {
  std::vector<std::string> parts;
  if (s.skipped) parts.push_back(count_of(s.skipped, "case") + " with errors");
  if (s.unreadable_files) parts.push_back(count_of(s.unreadable_files, "unreadable file"));
  if (s.after_as_of) parts.push_back(count_of(s.after_as_of, "case") + " opened after " + as_of_words);
  return join_names(parts, parts.size());
}

// strtod, not stod: a p-value can be as small as 5e-324, which stod refuses (out_of_range).
double round_statistic(double value) {
  return std::strtod(fmt::format("{:.6g}", value).c_str(), nullptr);
}

std::string format_chain(const std::vector<std::string>& path, const std::string& arrow) {
  std::string out;
  for (const auto& code : path) out += (out.empty() ? "" : arrow) + code;
  return out;
}

std::string count_of(std::size_t n, const std::string& singular, const std::string& plural) {
  return fmt::format("{} {}", format_count(n), n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

std::string join_names(const std::vector<std::string>& items, std::size_t most) {
  std::string out;
  std::size_t shown = items.size() > most ? most : items.size();
  for (std::size_t i = 0; i < shown; ++i)
    out += (i == 0 ? "" : (i + 1 == shown && shown == items.size()) ? " and " : ", ") + items[i];
  if (shown < items.size()) out += fmt::format(" +{} more", items.size() - shown);
  return out;
}

std::string_view to_string(Strength strength) {
  switch (strength) {
    case Strength::strong:
      return "strong";
    case Strength::moderate:
      return "moderate";
    case Strength::weak:
      return "weak";
  }
  return "weak";
}

double strength_weight(Strength strength) {
  switch (strength) {
    case Strength::strong:
      return 1;
    case Strength::moderate:
      return 0.6;
    case Strength::weak:
      return 0.3;
  }
  return 0.3;
}

}  // namespace esc
