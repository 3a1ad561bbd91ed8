#include "esc/author/scaffold.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>
#include <mstch/mstch.hpp>

#include "esc/author/yaml_emit.hpp"
#include "esc/model/embedded.hpp"
#include "esc/model/version.hpp"

namespace esc {

bool is_valid_case_id(const std::string& id) {
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return !id.empty();
}

std::string next_case_id(int year, const std::vector<std::string>& used_ids) {
  std::string prefix = fmt::format("ESC-{:04}-", year);
  unsigned long highest = 0;
  for (const auto& id : used_ids) {
    if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) continue;
    std::string number = id.substr(prefix.size());
    if (number.size() > 9 || number.find_first_not_of("0123456789") != std::string::npos) continue;
    highest = std::max(highest, std::stoul(number));
  }
  return fmt::format("{}{:04}", prefix, highest + 1);
}

std::optional<std::string> normalise_amount(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno != 0 || !std::isfinite(value) || value < 0) return std::nullopt;
  if (value == std::floor(value) && value < 1e15) return fmt::format("{:.0f}", value);
  return fmt::format("{}", value);
}

std::string default_case_template() {
  auto text = embedded_file("templates/case.yaml.mustache");
  if (!text) throw std::logic_error("the case template is missing from this build");
  return std::string(*text);
}

std::optional<std::string> render_case_template(const std::string& template_text, const NewCase& values,
                                                const Date& today) {
  // mstch pitfalls: std::string values only (a const char* would become a bool);
  // numbers preformatted; no HTML escaping wanted, so templates use {{{triple}}}.
  mstch::map context{
      {"id", yaml_scalar(values.id)},           {"title", yaml_scalar(values.title)},
      {"account", yaml_scalar(values.account)}, {"name", yaml_scalar(values.name)},
      {"segment", yaml_scalar(values.segment)}, {"arr", values.arr},
      {"opened", values.opened.to_string()},    {"today", today.to_string()},
      {"version", std::string(version())},      {"has_name", !values.name.empty()},
      {"has_segment", !values.segment.empty()}, {"has_arr", !values.arr.empty()},
  };
  std::string text = mstch::render(template_text, context);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return text;
}

}  // namespace esc
