#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "esc/render/text_table.hpp"

using esc::display_width;
using esc::fit_column;
using esc::shorten_middle;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_SUITE("text_table") {
  TEST_CASE("display width counts code points with East Asian wide characters as 2 and accents as 0") {
    CHECK(display_width("") == 0);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("Z\xC3\xBCrich") == 6);             // ü, 2 bytes
    CHECK(display_width("\xE6\x9D\xB1\xE4\xBA\xAC") == 4);  // 東京
    CHECK(display_width("\xED\x95\x9C") == 2);              // 한 (Hangul)
    CHECK(display_width("\xEF\xBC\xA1") == 2);              // Ａ (fullwidth)
    CHECK(display_width("e\xCC\x81") == 1);                 // e + combining acute
    CHECK(display_width("\xCE\xA0\xCE\xB1") == 2);          // Πα
    CHECK(display_width("\xE2\x80\xA6") == 1);              // …
  }

  TEST_CASE("shorten_middle keeps the start and the end around an ellipsis") {
    CHECK(shorten_middle("Rushed onboarding with no oversight", 20, 9) == "Rushed on\xE2\x80\xA6 oversight");
    CHECK(shorten_middle("short", 20, 9) == "short");
    CHECK(shorten_middle("abcdef", 6, 2) == "abcdef");
    CHECK(shorten_middle("abcdefg", 6, 2) ==
          "ab\xE2\x80\xA6"
          "efg");
    CHECK(shorten_middle("abcdefg", 6, 6) == "abcde\xE2\x80\xA6");  // head capped: the tail is empty
    CHECK(shorten_middle("abcdefg", 1, 0) == "\xE2\x80\xA6");
    CHECK(shorten_middle("abcdefg", 0, 0) == "");
  }

  TEST_CASE("shorten_middle never splits a character and fits wide characters into the width") {
    // 東京システム株式会社: ten wide characters, 20 columns.
    std::string name =
        "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x82\xB7\xE3\x82\xB9\xE3\x83\x86\xE3\x83\xA0\xE6\xA0\xAA\xE5\xBC"
        "\x8F\xE4\xBC\x9A\xE7\xA4\xBE";
    REQUIRE(display_width(name) == 20);
    for (std::size_t width = 1; width < 20; ++width)
      for (std::size_t head = 0; head < width; ++head) {
        std::string s = shorten_middle(name, width, head);
        CAPTURE(width);
        CAPTURE(head);
        CHECK(display_width(s) <= width);
        CHECK(display_width(s) + 1 >= width);  // at most one column left over, where a wide character did not fit
        CHECK(s.find("\xE2\x80\xA6") != std::string::npos);
      }
    // 東…会社: the column the head cannot use (a wide character does not fit in 3) goes to the tail.
    CHECK(shorten_middle(name, 7, 3) == "\xE6\x9D\xB1\xE2\x80\xA6\xE4\xBC\x9A\xE7\xA4\xBE");
  }

  TEST_CASE("colliding long names in a column are shortened to different texts") {
    std::vector<std::string> codes = {"support-closure-incentives.workaround-closure",
                                      "support-closure-incentives.severity-gaming",
                                      "support-closure-incentives.reactive-triage", "bad-sale.wrong-solution",
                                      "support-closure-incentives.workaround-closure"};
    for (std::size_t width = 5; width <= 40; ++width) {
      CAPTURE(width);
      auto shown = fit_column(codes, width);
      REQUIRE(shown.size() == codes.size());
      std::set<std::string> distinct(shown.begin(), shown.begin() + 4);
      CHECK(distinct.size() == 4);
      CHECK(shown[4] == shown[0]);  // the same name stays the same
      for (const auto& s : shown) CHECK(display_width(s) <= width);
    }
    // Cutting all at the end would give three times "support-cl…"; the middle keeps the ends.
    auto twelve = fit_column(codes, 12);
    CHECK(twelve[0] == "suppo\xE2\x80\xA6losure");
    CHECK(twelve[1] == "suppo\xE2\x80\xA6gaming");
  }

  TEST_CASE("names the middle split cannot tell apart move the split for the whole column") {
    std::vector<std::string> names = {"Acme Corp East (ACC-1) renewal", "Acme Corp West (ACC-1) renewal", "Initech"};
    CHECK(shorten_middle(names[0], 12, 5) == shorten_middle(names[1], 12, 5));
    auto shown = fit_column(names, 12);
    CHECK(shown[0] == "Acme Corp E\xE2\x80\xA6");
    CHECK(shown[1] == "Acme Corp W\xE2\x80\xA6");
    CHECK(shown[2] == "Initech");
  }

  TEST_CASE("names that differ only far inside both ends are numbered") {
    std::vector<std::string> names = {"aaaaaaaaaa-X-bbbbbbbbbb", "aaaaaaaaaa-Y-bbbbbbbbbb", "aaaaaaaaaa-Z-bbbbbbbbbb",
                                      "aaaaaaaaaa-X-bbbbbbbbbb"};
    auto shown = fit_column(names, 8);
    CHECK(std::set<std::string>(shown.begin(), shown.begin() + 3).size() == 3);
    CHECK(shown[3] == shown[0]);
    CHECK(shown[1].substr(shown[1].size() - 2) == "~2");
    CHECK(shown[2].substr(shown[2].size() - 2) == "~3");
    for (const auto& s : shown) CHECK(display_width(s) <= 8);
  }

  TEST_CASE("a table fits its width with distinct rows and names the columns it leaves out") {
    esc::TextTable table({"cause", "accounts", "cases", "root", "owner"}, {3});
    table.add_row({"support-closure-incentives.workaround-closure", "6", "8", "0", "customer-success"});
    table.add_row({"support-closure-incentives.severity-gaming", "3", "4", "3", "customer-success"});
    table.add_row({"support-closure-incentives.reactive-triage", "3", "4", "3", "customer-success"});
    for (std::size_t width : {30, 40, 60, 100}) {
      CAPTURE(width);
      std::ostringstream out;
      table.print(out, esc::Style(false), width);
      auto lines = lines_of(out.str());
      INFO(out.str());
      std::set<std::string> rows;
      for (const auto& line : lines) {
        CHECK(display_width(line) <= width);
        CHECK(rows.insert(line).second);
      }
      bool narrow = width < 80;
      CHECK((out.str().find("  left out at this width: root\n") != std::string::npos) == (width < 50));
      CHECK((out.str().find("\xE2\x80\xA6") != std::string::npos) == narrow);
    }
  }
}
