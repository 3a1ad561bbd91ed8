#pragma once
// The map of `esc-autopsy import`: which export column fills which case
// field, and how picklist values become outcome, severity and cause codes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "esc/load/source_text.hpp"
#include "esc/model/date.hpp"
#include "esc/model/diagnostic.hpp"

namespace esc {

/// A column name in the map, with where the map names it.
struct MapColumn {
  std::string name;
  SourceMark mark;
};

/// One entry of a value map: an export value and what it becomes ("" = nothing).
struct MapValue {
  std::string from;
  std::string to;
  SourceMark mark;
};

/// How dates are written in the export (a time after the date is ignored).
enum class DateFormat { iso, us, european };  // YYYY-MM-DD[ HH:MM:SS|THH:MM...], MM/DD/YYYY, DD.MM.YYYY

/// The case fields a map can fill from columns, in the order of `ImportMap::columns`.
enum class MapField {
  id,
  title,
  account_id,
  account_name,
  account_segment,
  account_region,
  account_arr,
  opened,
  closed,
  outcome,
  severity,
  summary,
  tags,
  causes,
  count
};

/// The map's key for a field ("account.id", ...).
std::string_view map_field_key(MapField field);

struct ImportMap {
  std::string path;                             // the map file, or "preset NAME"
  std::vector<std::vector<MapColumn>> columns;  // per MapField; tags and causes may name several
  std::string id_prefix;                        // put before the id column's value
  DateFormat date_format = DateFormat::iso;
  std::string tag_separator = ",";    // splits a tags column's value
  std::string cause_separator = ";";  // splits a causes column's value
  char delimiter = 0;                 // 0: detect
  std::vector<MapValue> outcome_values, severity_values, cause_values;
  std::vector<std::string> extra_tags;  // added to every imported case
  // The columns of an --accounts file.
  std::string accounts_id = "Account ID", accounts_name = "Account Name", accounts_segment = "Segment",
              accounts_region = "Region", accounts_arr = "ARR";

  const std::vector<MapColumn>& of(MapField field) const { return columns[static_cast<std::size_t>(field)]; }
};

/// The date formats' names as the map writes them ("YYYY-MM-DD", "MM/DD/YYYY", "DD.MM.YYYY", ...).
const std::vector<std::string>& date_format_names();

/// Parses `text` written in `format`; a time part after the date (" 14:03:00",
/// "T14:03:00Z", " 2:03 PM") is ignored. nullopt when it is not a real date.
std::optional<Date> parse_export_date(std::string_view text, DateFormat format);

/// Reads a map from YAML `source`, reporting `import-map`, `wrong-type` and
/// `unknown-key` into `out`. Returns nullopt when the map cannot be used (errors).
std::optional<ImportMap> load_import_map(const SourceText& source, std::vector<Diagnostic>& out);

/// The names of the built-in presets.
const std::vector<std::string>& import_preset_names();
/// The YAML text of a built-in preset, or nullopt.
std::optional<std::string> import_preset_text(std::string_view name);

}  // namespace esc
