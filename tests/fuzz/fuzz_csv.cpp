// libFuzzer target: the CSV reader of `import` on any bytes. Never crashes,
// and every record and field it returns has a position inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "esc/load/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (char delimiter : {'\0', ';'}) {
    std::vector<esc::Diagnostic> out;
    esc::CsvOptions options;
    options.delimiter = delimiter;
    esc::CsvTable table = esc::parse_csv("fuzz.csv", bytes, options, out);
    std::uint32_t previous = 0;
    for (const auto& row : table.rows) {
      if (row.line < previous) std::abort();  // records in file order
      previous = row.line;
      for (const auto& field : row.fields)
        if (!field.mark.valid() || field.mark.line < row.line || field.value.find('\0') != std::string::npos)
          std::abort();
    }
    for (const auto& d : out)
      if (d.rule != "csv-syntax" && d.rule != "csv-encoding") std::abort();
    if (!esc::is_utf8(table.text)) std::abort();
  }
  return 0;
}
