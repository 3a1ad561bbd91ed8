// `import`: rows of CSV exports → checked cases (values mapped, rows grouped by id).
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <fmt/format.h>

#include "esc/author/import_cases.hpp"
#include "esc/author/scaffold.hpp"
#include "esc/model/case.hpp"
#include "esc/model/suggest.hpp"

namespace esc {
namespace {

constexpr std::size_t k_max_summary = 100 * 1024;  // bytes of a description kept in `summary`

std::string trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The entry for `value`: exact first, then ignoring case and surrounding spaces.
const MapValue* lookup(const std::vector<MapValue>& values, const std::string& value) {
  for (const auto& v : values)
    if (v.from == value) return &v;
  std::string wanted = lower(trim(value));
  for (const auto& v : values)
    if (lower(trim(v.from)) == wanted) return &v;
  return nullptr;
}

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> out;
  if (separator.empty()) {
    if (!trim(text).empty()) out.push_back(trim(text));
    return out;
  }
  std::size_t begin = 0;
  while (true) {
    std::size_t end = text.find(separator, begin);
    std::string piece =
        trim(std::string_view(text).substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string::npos) break;
    begin = end + separator.size();
  }
  return out;
}

// "$480,000.00" → "480000"; nullopt when it is not an amount.
std::optional<std::string> export_amount(const std::string& text) {
  std::string plain;
  for (char c : text)
    if (c != ',' && c != ' ' && c != '$' && c != '\'') plain += c;
  for (const char* currency : {"\xE2\x82\xAC", "\xC2\xA3", "USD", "EUR", "GBP"}) {
    std::size_t at = plain.find(currency);
    if (at != std::string::npos) plain.erase(at, std::string_view(currency).size());
  }
  return normalise_amount(plain);
}

// The column indices of each header name (names compared ignoring case and spaces around them).
std::unordered_map<std::string, std::vector<std::size_t>> header_index(const CsvRow& header) {
  std::unordered_map<std::string, std::vector<std::size_t>> index;
  for (std::size_t i = 0; i < header.fields.size(); ++i) index[lower(trim(header.fields[i].value))].push_back(i);
  return index;
}

std::vector<std::string> header_names(const CsvRow& header) {
  std::vector<std::string> names;
  for (const auto& field : header.fields) names.push_back(trim(field.value));
  return names;
}

// Reads one table's rows into cases.
class RowReader {
 public:
  RowReader(const CsvTable& table, const ImportMap& map, const Taxonomy& taxonomy, const AccountTable* accounts,
            std::vector<Diagnostic>& out)
      : m_table(table), m_map(map), m_taxonomy(taxonomy), m_accounts(accounts), m_out(out) {}

  // Finds the map's columns in the header; false when a required one is missing.
  bool resolve_columns() {
    auto index = header_index(m_table.header);
    m_columns.assign(static_cast<std::size_t>(MapField::count), {});
    bool ok = true;
    for (std::size_t f = 0; f < m_columns.size(); ++f) {
      auto field = static_cast<MapField>(f);
      bool required = field == MapField::id || field == MapField::title || field == MapField::account_id ||
                      field == MapField::opened;
      for (const auto& column : m_map.of(field)) {
        auto found = index.find(lower(trim(column.name)));
        if (found != index.end()) {
          for (std::size_t i : found->second) m_columns[f].push_back(i);
          continue;
        }
        std::string suggestion = did_you_mean(column.name, header_names(m_table.header));
        Diagnostic d{required ? Severity::error : Severity::warning,
                     "import-map",
                     m_table.path,
                     SourceMark{std::max<std::uint32_t>(m_table.header.line, 1), 1},
                     fmt::format("the header has no column `{}` (the map's `{}`){}", column.name, map_field_key(field),
                                 required ? "; no row of this file can be imported" : "; that field stays empty"),
                     suggestion.empty() ? fmt::format("fix the column name in the map ({})", m_map.path) : suggestion,
                     -1};
        m_out.push_back(std::move(d));
        ok = ok && !required;
      }
    }
    return ok;
  }

  // The case of one row, or nullopt (reported) when a value is bad.
  std::optional<ImportedCase> read(const CsvRow& row) {
    m_row = &row;
    m_ok = true;
    ImportedCase c;
    c.source = fmt::format("{}:{}", m_table.path, row.line);
    std::string id = single(MapField::id);
    if (id.empty()) {
      problem(MapField::id, "the row has no id", "every row needs a value in the id column");
    } else {
      c.id = m_map.id_prefix + id;
      if (!is_valid_case_id(c.id))
        problem(MapField::id, fmt::format("`{}` cannot be a case id (letters, digits, `.`, `_` and `-` only)", c.id),
                "set `id_prefix` or pick another id column");
    }
    c.title = single(MapField::title);
    std::replace(c.title.begin(), c.title.end(), '\n', ' ');
    if (c.title.empty()) problem(MapField::title, "the row has no title", "fill in the title column");
    c.account_id = single(MapField::account_id);
    if (c.account_id.empty()) problem(MapField::account_id, "the row has no account id", "fill in the account column");
    c.account_name = single(MapField::account_name);
    c.account_segment = single(MapField::account_segment);
    c.account_region = single(MapField::account_region);
    std::string arr = single(MapField::account_arr);
    if (!arr.empty()) {
      auto amount = export_amount(arr);
      if (amount)
        c.account_arr = *amount;
      else
        problem(MapField::account_arr, fmt::format("`{}` is not an amount >= 0", arr), "write ARR as a plain number");
    }
    join_account(c);
    if (auto opened = date(MapField::opened, true)) c.opened = *opened;
    c.closed = date(MapField::closed, false);
    if (c.closed && c.closed < c.opened && m_ok)
      problem(MapField::closed,
              fmt::format("closed {} is before opened {}", c.closed->to_string(), c.opened.to_string()),
              "check the two date columns");
    c.outcome = picklist(MapField::outcome, m_map.outcome_values, outcome_names(), "outcome");
    c.severity = picklist(MapField::severity, m_map.severity_values, severity_names(), "severity");
    c.summary = single(MapField::summary);
    if (c.summary.size() > k_max_summary) {
      std::size_t cut = k_max_summary;
      while (cut > 0 && (static_cast<unsigned char>(c.summary[cut]) & 0xC0) == 0x80) --cut;
      report(Severity::warning, MapField::summary,
             fmt::format("the description is {} bytes; `summary` keeps the first {}", c.summary.size(), cut),
             "the full text stays in the export");
      c.summary.resize(cut);
    }
    for (std::size_t i : m_columns[static_cast<std::size_t>(MapField::tags)])
      if (i < row.fields.size())
        for (auto& tag : split(row.fields[i].value, m_map.tag_separator)) add_unique(c.tags, tag);
    for (const auto& tag : m_map.extra_tags) add_unique(c.tags, tag);
    read_causes(c);
    if (!m_ok) return std::nullopt;
    return c;
  }

 private:
  const CsvField* field_of(MapField field) const {
    for (std::size_t i : m_columns[static_cast<std::size_t>(field)])
      if (i < m_row->fields.size()) return &m_row->fields[i];
    return nullptr;
  }

  std::string single(MapField field) const {
    const CsvField* f = field_of(field);
    return f ? trim(f->value) : std::string();
  }

  void report(Severity severity, MapField field, std::string message, std::string suggestion) {
    const CsvField* f = field_of(field);
    SourceMark mark = f ? f->mark : SourceMark{m_row->line, 1};
    m_out.push_back(
        Diagnostic{severity, "import-value", m_table.path, mark, std::move(message), std::move(suggestion), -1});
  }

  void problem(MapField field, std::string message, std::string suggestion) {
    if (m_ok) message += "; the row is left out";
    report(Severity::error, field, std::move(message), std::move(suggestion));
    m_ok = false;
  }

  std::optional<Date> date(MapField field, bool required) {
    std::string text = single(field);
    if (text.empty()) {
      if (required) problem(field, fmt::format("the row has no `{}` date", map_field_key(field)), "fill in the date");
      return std::nullopt;
    }
    auto parsed = parse_export_date(text, m_map.date_format);
    if (!parsed) {
      const auto& names = date_format_names();
      std::string format = m_map.date_format == DateFormat::iso  ? names[0]
                           : m_map.date_format == DateFormat::us ? names[2]
                                                                 : names[3];
      problem(field, fmt::format("`{}` is not a date written {}", text, format),
              "set the map's `date_format` to the export's (YYYY-MM-DD, MM/DD/YYYY, DD.MM.YYYY)");
    }
    return parsed;
  }

  std::string picklist(MapField field, const std::vector<MapValue>& values, const std::vector<std::string>& words,
                       std::string_view what) {
    std::string text = single(field);
    if (text.empty()) return {};
    if (const MapValue* v = lookup(values, text)) return v->to;
    std::string word = lower(text);
    if (std::find(words.begin(), words.end(), word) != words.end()) return word;
    std::vector<std::string> known;
    for (const auto& v : values) known.push_back(v.from);
    std::string suggestion = did_you_mean(text, known);
    problem(field, fmt::format("`{}` is not in the map's `values.{}`", text, what),
            suggestion.empty() ? fmt::format("add `\"{}\": WORD` under `values.{}` ({})", text, what,
                                             fmt::format("one of {}", fmt::join(words, ", ")))
                               : suggestion);
    return {};
  }

  void read_causes(ImportedCase& c) {
    for (std::size_t i : m_columns[static_cast<std::size_t>(MapField::causes)]) {
      if (i >= m_row->fields.size()) continue;
      const CsvField& f = m_row->fields[i];
      for (const auto& value : split(f.value, m_map.cause_separator)) {
        std::string code;
        if (const MapValue* v = lookup(m_map.cause_values, value)) {
          code = v->to;
        } else if (const TaxonomyEntry* entry = m_taxonomy.resolve(value)) {
          code = entry->code;
        } else {
          std::vector<std::string> known;
          for (const auto& v : m_map.cause_values) known.push_back(v.from);
          std::string suggestion = did_you_mean(value, known);
          if (suggestion.empty()) suggestion = did_you_mean(value, m_taxonomy.codes());
          m_out.push_back(Diagnostic{
              Severity::error, "import-value", m_table.path, f.mark,
              fmt::format("`{}` is not in the map's `values.causes`{}", value, m_ok ? "; the row is left out" : ""),
              suggestion.empty() ? fmt::format("add `\"{}\": CODE` (a taxonomy code, or \"\" for no cause) under "
                                               "`values.causes`",
                                               value)
                                 : suggestion,
              -1});
          m_ok = false;
          continue;
        }
        if (code.empty()) continue;
        if (const TaxonomyEntry* entry = m_taxonomy.resolve(code)) code = entry->code;
        if (std::find(c.causes.begin(), c.causes.end(), code) == c.causes.end()) {
          c.causes.push_back(code);
          c.cause_sources.push_back(value);
        }
      }
    }
  }

  void join_account(ImportedCase& c) {
    if (!m_accounts || c.account_id.empty()) return;
    auto found = m_accounts->find(c.account_id);
    if (found == m_accounts->end()) return;
    const AccountInfo& info = found->second;
    if (c.account_name.empty()) c.account_name = info.name;
    if (c.account_segment.empty()) c.account_segment = info.segment;
    if (c.account_region.empty()) c.account_region = info.region;
    if (c.account_arr.empty()) c.account_arr = info.arr;
  }

  static void add_unique(std::vector<std::string>& list, const std::string& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
  }

  const CsvTable& m_table;
  const ImportMap& m_map;
  const Taxonomy& m_taxonomy;
  const AccountTable* m_accounts;
  std::vector<Diagnostic>& m_out;
  std::vector<std::vector<std::size_t>> m_columns;
  const CsvRow* m_row = nullptr;
  bool m_ok = true;
};

void merge_into(ImportedCase& into, ImportedCase&& row) {
  auto fill = [](std::string& a, std::string& b) {
    if (a.empty()) a = std::move(b);
  };
  fill(into.account_name, row.account_name);
  fill(into.account_segment, row.account_segment);
  fill(into.account_region, row.account_region);
  fill(into.account_arr, row.account_arr);
  fill(into.outcome, row.outcome);
  fill(into.severity, row.severity);
  fill(into.summary, row.summary);
  if (row.opened < into.opened) into.opened = row.opened;
  if (row.closed && (!into.closed || *into.closed < *row.closed)) into.closed = row.closed;
  for (auto& tag : row.tags)
    if (std::find(into.tags.begin(), into.tags.end(), tag) == into.tags.end()) into.tags.push_back(tag);
  for (std::size_t i = 0; i < row.causes.size(); ++i)
    if (std::find(into.causes.begin(), into.causes.end(), row.causes[i]) == into.causes.end()) {
      into.causes.push_back(row.causes[i]);
      into.cause_sources.push_back(row.cause_sources[i]);
    }
}

}  // namespace

AccountTable read_account_table(const CsvTable& table, const ImportMap& map, std::vector<Diagnostic>& out) {
  AccountTable accounts;
  auto index = header_index(table.header);
  auto column = [&](const std::string& name, bool required) -> std::optional<std::size_t> {
    auto found = index.find(lower(trim(name)));
    if (found != index.end()) return found->second.front();
    if (required) {
      std::string suggestion = did_you_mean(name, header_names(table.header));
      out.push_back(Diagnostic{Severity::error, "import-map", table.path,
                               SourceMark{std::max<std::uint32_t>(table.header.line, 1), 1},
                               fmt::format("the accounts file has no column `{}` (the map's `accounts.id`)", name),
                               suggestion.empty() ? "set `accounts: {id: COLUMN}` in the map" : suggestion, -1});
    }
    return std::nullopt;
  };
  auto id = column(map.accounts_id, true);
  if (!id) return accounts;
  auto name = column(map.accounts_name, false), segment = column(map.accounts_segment, false),
       region = column(map.accounts_region, false), arr = column(map.accounts_arr, false);
  for (const auto& row : table.rows) {
    auto get = [&](const std::optional<std::size_t>& i) {
      return i && *i < row.fields.size() ? trim(row.fields[*i].value) : std::string();
    };
    std::string key = get(id);
    if (key.empty()) continue;
    AccountInfo info{get(name), get(segment), get(region), ""};
    std::string amount = get(arr);
    if (!amount.empty()) {
      if (auto normal = export_amount(amount))
        info.arr = *normal;
      else
        out.push_back(Diagnostic{Severity::error, "import-value", table.path, row.fields[*arr].mark,
                                 fmt::format("`{}` is not an amount >= 0; the account's ARR is left out", amount),
                                 "write ARR as a plain number", -1});
    }
    accounts.emplace(key, std::move(info));
  }
  return accounts;
}

bool check_map_values(const ImportMap& map, const Taxonomy& taxonomy, std::vector<Diagnostic>& out) {
  bool ok = true;
  auto check = [&](const std::vector<MapValue>& values, const std::vector<std::string>& words, std::string_view what) {
    for (const auto& v : values) {
      if (v.to.empty() || std::find(words.begin(), words.end(), v.to) != words.end()) continue;
      out.push_back(Diagnostic{Severity::error, "import-map", map.path, v.mark,
                               fmt::format("`values.{}` maps `{}` to `{}`, which is not one of {}", what, v.from, v.to,
                                           fmt::join(words, ", ")),
                               did_you_mean(v.to, words), -1});
      ok = false;
    }
  };
  check(map.outcome_values, outcome_names(), "outcome");
  check(map.severity_values, severity_names(), "severity");
  for (const auto& v : map.cause_values) {
    if (v.to.empty() || taxonomy.resolve(v.to)) continue;
    out.push_back(
        Diagnostic{Severity::error, "import-map", map.path, v.mark,
                   fmt::format("`values.causes` maps `{}` to `{}`, which is not a code of the taxonomy", v.from, v.to),
                   did_you_mean(v.to, taxonomy.codes()), -1});
    ok = false;
  }
  return ok;
}

std::vector<ImportedCase> build_imported_cases(const std::vector<CsvTable>& tables, const ImportMap& map,
                                               const Taxonomy& taxonomy, const AccountTable* accounts,
                                               std::vector<Diagnostic>& out) {
  std::vector<ImportedCase> cases;
  std::unordered_map<std::string, std::size_t> by_id;
  for (const auto& table : tables) {
    if (table.header.fields.empty()) continue;
    RowReader reader(table, map, taxonomy, accounts, out);
    if (!reader.resolve_columns()) continue;
    for (const auto& row : table.rows) {
      if (row.fields.size() == 1 && trim(row.fields[0].value).empty()) continue;  // a blank line of spaces
      auto c = reader.read(row);
      if (!c) continue;
      auto [it, inserted] = by_id.emplace(c->id, cases.size());
      if (inserted)
        cases.push_back(std::move(*c));
      else
        merge_into(cases[it->second], std::move(*c));
    }
  }
  return cases;
}

}  // namespace esc
