#pragma once
// A strict RFC 4180 reader for tests: every record must end with CRLF.
#include <stdexcept>
#include <string>
#include <vector>

namespace e2e {

inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += text[++i];
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      if (!field.empty() || was_quoted) throw std::runtime_error("quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') throw std::runtime_error("CR without LF");
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
      ++i;
    } else if (c == '\n') {
      throw std::runtime_error("bare LF line end");
    } else {
      field += c;
    }
  }
  if (quoted || !field.empty() || !row.empty()) throw std::runtime_error("last record is not terminated by CRLF");
  return rows;
}

}  // namespace e2e
