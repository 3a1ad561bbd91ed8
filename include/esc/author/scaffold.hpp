#pragma once
// Scaffolding for `esc-autopsy new`: ids and the case template.
#include <optional>
#include <string>
#include <vector>

#include "esc/model/date.hpp"

namespace esc {

/// The values of a new case, as the user gave them (empty when not given).
struct NewCase {
  std::string id;
  std::string title;
  std::string account;
  std::string name;
  std::string segment;
  std::string arr;  // already checked and normalised by normalise_amount()
  Date opened;
};

/// Whether `id` is a valid case id: one or more of A-Z a-z 0-9 . _ -
bool is_valid_case_id(const std::string& id);

/// The next free id "ESC-YYYY-NNNN" for `year`: one more than the highest
/// number used that year among `used_ids` (gaps are not reused), at least 4 digits.
std::string next_case_id(int year, const std::vector<std::string>& used_ids);

/// A number >= 0 written plainly ("480000", "1250.5"); nullopt for anything else.
std::optional<std::string> normalise_amount(const std::string& text);

/// The built-in case template (templates/case.yaml.mustache).
std::string default_case_template();

/// Renders a Mustache case template with YAML-quoted values (see the
/// template's header for the variables). Returns nullopt when the template
/// renders to nothing (e.g. an unclosed section).
std::optional<std::string> render_case_template(const std::string& template_text, const NewCase& values,
                                                const Date& today);

}  // namespace esc
