// The baseline of `report --baseline`: an earlier JSON report, read with
// nlohmann-json into the snapshot the comparison needs.
#include "esc/render/baseline.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace esc {
namespace {

using Json = nlohmann::json;

std::string type_name(const Json& j) {
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "a boolean";
  if (j.is_number()) return "a number";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  return "an object";
}

// Typed access with the key's path in every message.
class Reader {
 public:
  explicit Reader(std::string name) : m_name(std::move(name)) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw BaselineError(fmt::format("{}: {}", m_name, message));
  }

  const Json& member(const Json& object, const std::string& path, const char* key) const {
    auto it = object.find(key);
    if (it == object.end())
      fail(fmt::format("`{}` is missing; is this a JSON report of esc-autopsy?", join(path, key)));
    return *it;
  }

  const Json& object(const Json& j, const std::string& path) const {
    if (!j.is_object()) fail(fmt::format("`{}` should be an object, not {}", path, type_name(j)));
    return j;
  }

  const Json& array(const Json& j, const std::string& path) const {
    if (!j.is_array()) fail(fmt::format("`{}` should be an array, not {}", path, type_name(j)));
    return j;
  }

  std::string string(const Json& j, const std::string& path) const {
    if (!j.is_string()) fail(fmt::format("`{}` should be a string, not {}", path, type_name(j)));
    return j.get<std::string>();
  }

  double number(const Json& j, const std::string& path) const {
    if (!j.is_number()) fail(fmt::format("`{}` should be a number, not {}", path, type_name(j)));
    return j.get<double>();
  }

  std::optional<std::string> optional_string(const Json& j, const std::string& path) const {
    if (j.is_null()) return std::nullopt;
    return string(j, path);
  }

  std::vector<std::string> strings(const Json& j, const std::string& path) const {
    std::vector<std::string> out;
    const Json& list = array(j, path);
    for (std::size_t i = 0; i < list.size(); ++i) out.push_back(string(list[i], fmt::format("{}[{}]", path, i)));
    return out;
  }

  static std::string join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
  }

 private:
  std::string m_name;
};

SnapshotFilters read_filters(const Reader& in, const Json& options) {
  SnapshotFilters f;
  auto optional_member = [&](const char* key) -> const Json* {
    auto it = options.find(key);
    return it == options.end() ? nullptr : &*it;
  };
  if (auto j = optional_member("since")) f.since = in.optional_string(*j, "options.since");
  if (auto j = optional_member("until")) f.until = in.optional_string(*j, "options.until");
  if (auto j = optional_member("segments")) f.segments = in.strings(*j, "options.segments");
  if (auto j = optional_member("accounts")) f.accounts = in.strings(*j, "options.accounts");
  if (auto j = optional_member("tags")) f.tags = in.strings(*j, "options.tags");
  if (auto j = optional_member("causes")) f.causes = in.strings(*j, "options.causes");
  if (auto j = optional_member("min_accounts")) f.min_accounts = in.number(*j, "options.min_accounts");
  return f;
}

// The rows of causes[] or departments[]: `id_key` and the values of `columns`.
std::vector<SnapshotItem> read_items(const Reader& in, const Json& doc, const char* list_key, const char* id_key,
                                     const std::vector<std::string>& columns) {
  std::vector<SnapshotItem> out;
  const Json& list = in.array(in.member(doc, "", list_key), list_key);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = fmt::format("{}[{}]", list_key, i);
    const Json& row = in.object(list[i], path);
    SnapshotItem item;
    item.id = in.string(in.member(row, path, id_key), Reader::join(path, id_key));
    if (!seen.insert(item.id).second) in.fail(fmt::format("`{}` repeats {} `{}`", path, id_key, item.id));
    auto title = row.find("title");
    if (title != row.end()) item.title = in.string(*title, Reader::join(path, "title"));
    for (const auto& key : columns)
      item.values[key] = in.number(in.member(row, path, key.c_str()), Reader::join(path, key.c_str()));
    out.push_back(std::move(item));
  }
  return out;
}

// The summary keys read as figures (arr_lost, repeat_accounts, third_strikes
// and overdue_actions are derived).
constexpr const char* k_summary_keys[] = {"cases",       "accounts",       "open_cases",  "arr_total",
                                          "arr_churned", "arr_downgraded", "arr_at_risk", "arr_retained"};

// Top-level keys the comparison reads; the rest is dropped while parsing.
bool kept_key(int depth, const std::string& key) {
  static const std::set<std::string> top{"schema", "options", "summary", "causes", "departments", "repeat_accounts"};
  if (depth == 1) return top.count(key) > 0;
  return !(depth == 3 && key == "escalations");  // repeat_accounts[].escalations: the longest part
}

// "512 bytes", or whole MiB rounded up: "1025 MiB".
std::string size_text(std::uintmax_t bytes) {
  if (bytes < (std::uintmax_t{1} << 20)) return fmt::format("{} bytes", bytes);
  return fmt::format("{} MiB", (bytes + (std::uintmax_t{1} << 20) - 1) >> 20);
}

}  // namespace

std::string_view baseline_schema() {
  return "esc-autopsy/report/v1";
}

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;  // continuation bytes of UTF-8 add no column
    }
  }
  return {line, column};
}

namespace {

// Parses JSON from `input` keeping only what the comparison reads; a syntax
// error names the file with the line and column `where(offset)` gives.
template <typename Input>
Json parse_pruned(Input&& input, const std::string& name,
                  const std::function<std::pair<std::size_t, std::size_t>(std::size_t)>& where) {
  try {
    Json::parser_callback_t keep = [](int depth, Json::parse_event_t event, Json& parsed) {
      return event != Json::parse_event_t::key || kept_key(depth, parsed.get<std::string>());
    };
    return Json::parse(std::forward<Input>(input), keep);
  } catch (const Json::parse_error& e) {
    // e.byte is 1-based: the byte the parser stopped at.
    auto [line, column] = where(e.byte == 0 ? 0 : e.byte - 1);
    std::string what = e.what();
    std::size_t colon = what.find(": ");
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    throw BaselineError(fmt::format("{}:{}:{}: not JSON: {}", name, line, column, reason));
  }
}

ReportSnapshot snapshot_of_document(const Json& doc, const std::string& name);

}  // namespace

ReportSnapshot parse_baseline(std::string_view text, const std::string& name) {
  Json doc = parse_pruned(std::string(text), name, [text](std::size_t offset) { return line_column(text, offset); });
  return snapshot_of_document(doc, name);
}

namespace {

ReportSnapshot snapshot_of_document(const Json& doc, const std::string& name) {
  Reader in(name);
  if (!doc.is_object()) in.fail(fmt::format("a JSON report of esc-autopsy is an object, not {}", type_name(doc)));
  auto schema = doc.find("schema");
  if (schema == doc.end() || !schema->is_string())
    in.fail(
        "not a JSON report of esc-autopsy (it has no \"schema\"); save one with `esc-autopsy report --format "
        "json -o FILE`");
  std::string named = schema->get<std::string>();
  if (named != baseline_schema()) {
    bool ours = named.rfind("esc-autopsy/report/", 0) == 0;
    in.fail(ours ? fmt::format("a report of schema {}; this esc-autopsy compares with {} reports only", named,
                               baseline_schema())
                 : fmt::format("schema {} is not a report ({}); save one with `esc-autopsy report --format json -o "
                               "FILE`",
                               named, baseline_schema()));
  }
  ReportSnapshot s;
  const Json& options = in.object(in.member(doc, "", "options"), "options");
  s.as_of = in.string(in.member(options, "options", "as_of"), "options.as_of");
  s.filters = read_filters(in, options);
  const Json& summary = in.object(in.member(doc, "", "summary"), "summary");
  for (const char* key : k_summary_keys) {
    auto it = summary.find(key);
    if (it != summary.end()) s.figures[key] = in.number(*it, Reader::join("summary", key));
  }
  if (!s.figures.count("cases") || !s.figures.count("accounts"))
    in.member(summary, "summary", s.figures.count("cases") ? "accounts" : "cases");  // fails: names the key
  if (s.figures.count("arr_churned") && s.figures.count("arr_downgraded"))
    s.figures["arr_lost"] = s.figures["arr_churned"] + s.figures["arr_downgraded"];
  s.causes = read_items(in, doc, "causes", "code", cause_columns());
  s.departments = read_items(in, doc, "departments", "id", department_columns());
  double overdue = 0;
  for (const auto& d : s.departments) overdue += d.values.at("actions_overdue");
  s.figures["overdue_actions"] = overdue;
  auto repeat = doc.find("repeat_accounts");
  if (repeat != doc.end()) {
    const Json& list = in.array(*repeat, "repeat_accounts");
    double third = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string path = fmt::format("repeat_accounts[{}]", i);
      const Json& flag = in.member(in.object(list[i], path), path, "third_strike");
      if (!flag.is_boolean())
        in.fail(fmt::format("`{}.third_strike` should be a boolean, not {}", path, type_name(flag)));
      third += flag.get<bool>() ? 1 : 0;
    }
    s.figures["repeat_accounts"] = static_cast<double>(list.size());
    s.figures["third_strikes"] = third;
  }
  return s;
}

}  // namespace

ReportSnapshot read_baseline(const std::string& path, std::uintmax_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status))
    throw BaselineError(fmt::format("cannot read the baseline {}: {}", path,
                                    error ? error.message() : std::string(std::strerror(ENOENT))));
  if (fs::is_directory(status))
    throw BaselineError(
        fmt::format("the baseline {} is a folder; name a JSON report saved with `esc-autopsy "
                    "report --format json -o FILE`",
                    path));
  if (!fs::is_regular_file(status)) throw BaselineError(fmt::format("the baseline {} is not a regular file", path));
  std::uintmax_t size = fs::file_size(path, error);
  if (error) throw BaselineError(fmt::format("cannot read the baseline {}: {}", path, error.message()));
  if (size > max_bytes)
    throw BaselineError(
        fmt::format("the baseline {} is {}; the largest read is {}", path, size_text(size), size_text(max_bytes)));
  // Parsed from the stream: a report of 100,000 cases is 100 MB of text that
  // need not be held; on a syntax error the file is read again up to it.
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BaselineError(fmt::format("cannot read the baseline {}: {}", path, std::strerror(errno)));
  auto where = [&path](std::size_t offset) {
    std::ifstream again(path, std::ios::binary);
    std::string head(offset, '\0');
    again.read(head.data(), static_cast<std::streamsize>(offset));
    head.resize(static_cast<std::size_t>(again.gcount()));
    return line_column(head, offset);
  };
  Json doc = parse_pruned(in, path, where);
  if (in.bad()) throw BaselineError(fmt::format("cannot read the baseline {}", path));
  return snapshot_of_document(doc, path);
}

}  // namespace esc
