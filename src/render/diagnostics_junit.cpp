// JUnit XML: one test suite, one test case per file (CI test report views).
#include <map>
#include <set>

#include <fmt/format.h>

#include "esc/render/diagnostics_render.hpp"

namespace esc {

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default:
          if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);  // XML 1.0 forbids other controls
      }
      ++i;
      continue;
    }
    std::size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    std::uint32_t code = length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    bool ok = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      ok = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    static const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && code >= minimum[length] && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF) &&
         code != 0xFFFE && code != 0xFFFF;
    if (ok) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return out;
}

namespace {

std::string one_line(const Diagnostic& d, const std::string& path) {
  std::string where = d.mark.valid() ? fmt::format("{}:{}:{}", path, d.mark.line, d.mark.column) : path;
  std::string text = fmt::format("{}: {}: {} [{}]", where, to_string(d.severity), d.message, d.rule);
  if (!d.suggestion.empty()) text += "\n  = help: " + d.suggestion;
  return text;
}

struct TestCase {
  std::string path;
  std::vector<const Diagnostic*> failures;
  std::vector<const Diagnostic*> notes;  // warnings that do not fail
  bool skipped = false;
};

}  // namespace

void render_diagnostics_junit(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                              const std::vector<std::string>& files, const std::vector<std::string>& ignored,
                              bool warnings_fail, const std::string& base) {
  std::vector<TestCase> cases;
  std::map<std::string, std::size_t> index;
  auto add = [&](const std::string& file) -> TestCase& {
    auto [it, inserted] = index.emplace(file, cases.size());
    if (inserted) cases.push_back({display_path(file, base), {}, {}, false});
    return cases[it->second];
  };
  for (const auto& file : files) add(file);
  for (const auto& d : diagnostics) {
    TestCase& test = add(d.file);
    bool fails = d.severity == Severity::error || warnings_fail;
    (fails ? test.failures : test.notes).push_back(&d);
  }
  for (const auto& file : ignored) add(file).skipped = true;

  std::size_t failed = 0, skipped = 0;
  for (const auto& test : cases) {
    failed += !test.failures.empty();
    skipped += test.skipped;
  }
  std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\"", cases.size(), failed, skipped);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"esc-autopsy\" " << counts << ">\n";
  out << "  <testsuite name=\"esc-autopsy validate\" " << counts << ">\n";
  for (const auto& test : cases) {
    std::string name = escape_xml(test.path);
    out << "    <testcase classname=\"esc-autopsy.validate\" name=\"" << name << "\" file=\"" << name << "\"";
    if (test.failures.empty() && test.notes.empty() && !test.skipped) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    if (test.skipped) out << "      <skipped message=\"ignored by the config file&apos;s ignore patterns\"/>\n";
    for (const Diagnostic* d : test.failures) {
      std::string where = d->mark.valid() ? fmt::format("{}:{}: ", d->mark.line, d->mark.column) : "";
      out << "      <failure type=\"" << escape_xml(d->rule) << "\" message=\""
          << escape_xml(where + d->message + " [" + d->rule + "]") << "\">" << escape_xml(one_line(*d, test.path))
          << "</failure>\n";
    }
    if (!test.notes.empty()) {
      out << "      <system-out>";
      for (const Diagnostic* d : test.notes) out << escape_xml(one_line(*d, test.path)) << "&#10;";
      out << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace esc
