// The HTML report as a person sees it: rendered by headless Chromium.
// Exits 77 (ctest: skipped) when no Chromium is installed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace fs = std::filesystem;

namespace {

std::string g_chromium;  // the browser binary

// $ESC_CHROMIUM, or the first of the usual names found on PATH.
std::string find_chromium() {
  std::vector<std::string> names = {"chromium", "chromium-browser", "google-chrome"};
  if (const char* forced = std::getenv("ESC_CHROMIUM")) names = {forced};
  for (const auto& name : names)
    if (!name.empty() && std::system(("command -v '" + name + "' >/dev/null 2>&1").c_str()) == 0) return name;
  return "";
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs Chromium headless on a local file with `mode` (--dump-dom or
// --screenshot=PATH) at `width` x `height`; returns its standard output.
std::string chromium(const std::string& file, const std::string& mode, int width, int height = 2400) {
  std::string profile = e2e::temp_dir();
  std::string command = "timeout 120 " + g_chromium +
                        " --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars"
                        " --no-first-run --user-data-dir=" +
                        shell_quote(profile) + " --window-size=" + std::to_string(width) + "," +
                        std::to_string(height) + " " + mode + " " + shell_quote("file://" + file) + " 2>/dev/null";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int status = ::pclose(pipe);
  INFO(command);
  REQUIRE(status == 0);
  return out;
}

std::string html_report(const std::string& cases, const std::string& dir, const std::string& as_of = "2025-06-30") {
  std::string path = dir + "/report.html";
  auto r = e2e::run({"report", "--format", "html", "--as-of", as_of, "-o", path, cases});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return path;
}

// A copy without the Content-Security-Policy (so nothing but escaping stands
// between case text and the browser), with an optional script of our own.
std::string unprotected_copy(const std::string& path, const std::string& name, const std::string& script = "") {
  std::string html = e2e::read_file(path);
  html = std::regex_replace(html, std::regex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n"), "");
  REQUIRE(html.find("Content-Security-Policy") == std::string::npos);
  if (!script.empty()) html.replace(html.rfind("</body>"), 7, "<script>" + script + "</script></body>");
  std::string copy = fs::path(path).parent_path().string() + "/" + name;
  e2e::write_file(copy, html);
  return copy;
}

// Our measuring script: the rendered size of every <svg>, the title, the scripts.
const char* k_measure =
    "var sizes = []; document.querySelectorAll('svg').forEach(function (s) {"
    "  var r = s.getBoundingClientRect(); sizes.push([Math.round(r.width), Math.round(r.height)]); });"
    "var p = document.createElement('pre'); p.id = 'esc-measure';"
    "p.textContent = JSON.stringify({title: document.title, svgs: sizes, scripts: document.scripts.length,"
    "  images: document.images.length});"
    "document.body.appendChild(p);";

nlohmann::json measure(const std::string& report, int width) {
  std::string copy = unprotected_copy(report, "measured-" + std::to_string(width) + ".html", k_measure);
  std::string dom = chromium(copy, "--dump-dom", width);
  std::smatch m;
  REQUIRE(std::regex_search(dom, m, std::regex("<pre id=\"esc-measure\">([^<]*)</pre>")));
  std::string text = std::regex_replace(m[1].str(), std::regex("&quot;"), "\"");
  return nlohmann::json::parse(text);
}

std::size_t drawn(const nlohmann::json& sizes) {
  std::size_t n = 0;
  for (const auto& s : sizes) n += s[0].get<int>() > 100 && s[1].get<int>() > 50 ? 1 : 0;
  return n;
}

void screenshot(const std::string& report, const std::string& name, int width) {
  fs::create_directories(ESC_SHOTS_DIR);
  std::string path = std::string(ESC_SHOTS_DIR) + "/" + name;
  chromium(report, "--screenshot=" + shell_quote(path), width, 6000);
  CHECK(fs::file_size(path) > 10000);
  MESSAGE("screenshot: " << path);
}

// Our audit script: the page's size, what it loaded, and accessibility checks
// in the spirit of axe-core (landmarks, names, heading order, focusable scroll
// regions), plus any element wider than the viewport outside a scroll area.
const char* k_audit =
    "var de = document.documentElement, problems = [];"
    "function problem(p) { if (problems.length < 20) problems.push(p); }"
    "if (!de.lang) problem('html without lang');"
    "if (document.querySelectorAll('main').length !== 1) problem('not exactly one main landmark');"
    "document.querySelectorAll('.scroll').forEach(function (s) {"
    "  if (s.tabIndex < 0 || !s.getAttribute('aria-label')) problem('scroll area not focusable or unnamed'); });"
    "document.querySelectorAll('svg').forEach(function (s) {"
    "  if (s.getAttribute('role') !== 'img' || !(s.getAttribute('aria-label') || s.querySelector('title')))"
    "    problem('svg without role img and a name'); });"
    "var level = 1; document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(function (h) {"
    "  var l = +h.tagName[1]; if (l > level + 1) problem('heading skips a level: ' + h.textContent); level = l; });"
    "document.querySelectorAll('table').forEach(function (t) {"
    "  if (!t.querySelector('thead th')) problem('table without header cells'); });"
    "document.querySelectorAll('details').forEach(function (d) {"
    "  if (!d.querySelector('summary')) problem('details without summary'); });"
    "document.querySelectorAll('bdi').forEach(function (b) {"
    "  if (getComputedStyle(b).unicodeBidi !== 'isolate') problem('bdi not isolated'); });"
    "document.querySelectorAll('.scroll.newest').forEach(function (s) {"
    "  var c = s.firstElementChild; if (!c || s.scrollWidth <= s.clientWidth) return;"
    "  if (Math.abs(c.getBoundingClientRect().right - s.getBoundingClientRect().right) > 2)"
    "    problem('a chart over time does not open at its newest end'); });"
    "document.querySelectorAll('body *').forEach(function (e) {"
    "  if (e.closest('.scroll, details:not([open])')) return;"
    "  if (e.getBoundingClientRect().right > innerWidth + 1) problem('wider than the page: ' + e.tagName + '.' +"
    "    e.className); });"
    "var p = document.createElement('pre'); p.id = 'esc-measure';"
    "p.textContent = JSON.stringify({height: de.scrollHeight, width: de.scrollWidth, viewport: innerWidth,"
    "  resources: performance.getEntriesByType('resource').length, problems: problems});"
    "document.body.appendChild(p);";

// Chromium's window is at least 500 px wide: a phone's 390 px viewport is an
// iframe that wide, whose measurement the page around it copies out.
std::string phone_frame(const std::string& copy, int width) {
  std::string frame = copy + ".frame.html";
  e2e::write_file(frame, "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"" +
                             fs::path(copy).filename().string() + "\" style=\"width:" + std::to_string(width) +
                             "px;height:900px;border:0\"></iframe><script>"
                             "document.getElementById('f').addEventListener('load', function () {"
                             "var p = document.createElement('pre'); p.id = 'esc-measure';"
                             "p.textContent = this.contentDocument.getElementById('esc-measure').textContent;"
                             "document.body.appendChild(p); });</script></body></html>");
  return frame;
}

nlohmann::json run_script(const std::string& report, const std::string& name, const char* script, int width) {
  std::string copy = unprotected_copy(report, name, script);
  std::string dom = width >= 500
                        ? chromium(copy, "--dump-dom", width, 900)
                        : chromium(phone_frame(copy, width), "--allow-file-access-from-files --dump-dom", 800, 900);
  std::smatch m;
  REQUIRE(std::regex_search(dom, m, std::regex("<pre id=\"esc-measure\">([^<]*)</pre>")));
  std::string text = std::regex_replace(m[1].str(), std::regex("&quot;"), "\"");
  text = std::regex_replace(text, std::regex("&amp;"), "&");
  return nlohmann::json::parse(text);
}

nlohmann::json audit(const std::string& report, int width) {
  return run_script(report, "audited-" + std::to_string(width) + ".html", k_audit, width);
}

// The number of pages Chromium prints the report on (A4, from the report's @page).
std::size_t pdf_pages(const std::string& report) {
  std::string pdf = fs::path(report).parent_path().string() + "/report.pdf";
  chromium(report, "--no-pdf-header-footer --print-to-pdf=" + shell_quote(pdf), 1280);
  std::string bytes = e2e::read_file(pdf);
  std::regex page("/Type\\s*/Page[^s]");
  return static_cast<std::size_t>(
      std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), page), std::sregex_iterator()));
}

// Whether the letters of the first `word` after `after` in the finding that
// contains `after` are laid out left to right (a bidi override reverses them).
const char* k_reading_order =
    "function order(after, word) {"
    "  var li = Array.from(document.querySelectorAll('.findings li')).find(function (l) {"
    "    return l.textContent.indexOf(after) >= 0; });"
    "  if (!li) return 'no finding with ' + after;"
    "  var walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT), node;"
    "  while ((node = walker.nextNode())) {"
    "    var at = node.data.indexOf(after); if (at < 0) continue;"
    "    var start = node.data.indexOf(word, at), lefts = [];"
    "    for (var i = 0; i < word.length; ++i) {"
    "      var r = document.createRange(); r.setStart(node, start + i); r.setEnd(node, start + i + 1);"
    "      lefts.push(r.getBoundingClientRect().left); }"
    "    for (var j = 1; j < lefts.length; ++j) if (!(lefts[j] > lefts[j - 1])) return 'reversed';"
    "    return 'in order'; }"
    "  return 'not in one text node'; }"
    "var p = document.createElement('pre'); p.id = 'esc-measure';"
    "p.textContent = JSON.stringify({escalation: order(' is on escalation', 'escalation'),"
    "  coming: order('keep coming back', 'coming')});"
    "document.body.appendChild(p);";

}  // namespace

TEST_CASE("the example report renders with every chart drawn, on a laptop and on a phone") {
  std::string dir = e2e::temp_dir();
  std::string report = html_report("examples/cases", dir);
  std::string dom = chromium(report, "--dump-dom", 1280);
  CHECK(dom.find("<title>Escalation autopsy report, as of 2025-06-30</title>") != std::string::npos);
  std::regex sized("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\" viewBox=\"0 0 [0-9.]+ [0-9.]+\" role=\"img\"");
  std::size_t charts = 0;
  for (std::sregex_iterator it(dom.begin(), dom.end(), sized), end; it != end; ++it)
    charts += std::stod((*it)[1]) > 0 && std::stod((*it)[2]) > 0 ? 1 : 0;
  CHECK(charts == 8);
  for (const char* heading :
       {"What matters most", "Root causes that keep coming back", "How causes lead to each other", "Trend by quarter",
        "Accounts on repeat escalations", "Fixes that did not hold", "Department accountability", "Severity gaming"})
    CHECK_MESSAGE(dom.find(heading) != std::string::npos, heading);
  auto laptop = measure(report, 1280);
  auto phone = measure(report, 400);
  CHECK(laptop["svgs"].size() == 8);
  CHECK(drawn(laptop["svgs"]) == 7);  // the narrow top-causes chart is hidden on a laptop
  CHECK(drawn(phone["svgs"]) == 7);   // and the wide one on a phone
  CHECK(laptop["scripts"] == 1);      // ours only
  CHECK(laptop["images"] == 0);
  screenshot(report, "report-laptop.png", 1280);
  screenshot(report, "report-phone.png", 400);
}

TEST_CASE("hostile case text shows literally and runs nothing, even without the CSP") {
  std::string dir = e2e::temp_dir();
  std::string report = html_report("tests/cases/hostile", dir);
  for (const std::string& file : {report, unprotected_copy(report, "no-csp.html")}) {
    INFO(file);
    std::string dom = chromium(file, "--dump-dom", 1280);
    CHECK(dom.find("<title>Escalation autopsy report, as of 2025-06-30</title>") != std::string::npos);
    CHECK(dom.find("pwned</title>") == std::string::npos);
    CHECK(dom.find("<script") == std::string::npos);
    CHECK(dom.find("<img") == std::string::npos);
    CHECK(dom.find("&lt;script&gt;document.title='pwned'&lt;/script&gt;") != std::string::npos);
    CHECK(dom.find("&lt;img src=x onerror=\"document.title='pwned'\"&gt;") != std::string::npos);
    CHECK(dom.find("<h3><bdi>{{#x}}{{{y}}}&lt;/td&gt;</bdi></h3>") != std::string::npos);
    CHECK(dom.find(">{{#x}}{{{y}}}&lt;/td&gt;</text>") != std::string::npos);  // inside the SVG timeline
  }
  auto measured = measure(report, 1280);
  CHECK(measured["title"] == "Escalation autopsy report, as of 2025-06-30");
  CHECK(measured["scripts"] == 1);
  CHECK(measured["images"] == 0);
  screenshot(report, "hostile-laptop.png", 1280);
}

TEST_CASE("hostile layout text cannot widen the page or reorder the tool's sentences") {
  std::string dir = e2e::temp_dir();
  std::string report = html_report("tests/cases/hostile-layout", dir);
  std::string html = e2e::read_file(report);
  REQUIRE(html.find("Evil\u202eCorp") != std::string::npos);  // the override reaches the page
  for (int width : {1280, 390}) {
    INFO("width " << width);
    auto page = audit(report, width);
    CHECK(page["width"] == page["viewport"]);  // a 500-character token wraps or scrolls in its own area
    CHECK(page["problems"] == nlohmann::json::array());
    auto order = run_script(report, "order-" + std::to_string(width) + ".html", k_reading_order, width);
    CHECK(order["escalation"] == "in order");  // after the account name with U+202E
    CHECK(order["coming"] == "in order");
  }
  screenshot(report, "hostile-layout-laptop.png", 1280);
  screenshot(report, "hostile-layout-phone.png", 500);
}

TEST_CASE("the report on the examples passes the audit and loads nothing") {
  std::string dir = e2e::temp_dir();
  std::string report = html_report("examples/cases", dir);
  for (int width : {1440, 390}) {
    INFO("width " << width);
    auto page = audit(report, width);
    CHECK(page["resources"] == 0);
    CHECK(page["width"] == page["viewport"]);
    CHECK(page["problems"] == nlohmann::json::array());
  }
}

// Issue 15's bounds for a big set: under 15 screens at 1440 px, under 20 A4
// pages, under 400 KB of HTML.
TEST_CASE("the report on 5000 generated cases stays short on screen and on paper") {
  std::string dir = e2e::temp_dir();
  std::string cases = dir + "/cases";
  std::string generate = "python3 " + shell_quote(std::string(ESC_SOURCE_DIR) + "/bench/generate_corpus.py") + " " +
                         shell_quote(cases) + " --cases 5000 >/dev/null";
  REQUIRE(std::system(generate.c_str()) == 0);
  std::string report = html_report(cases, dir, "2026-06-30");  // after the corpus's last case
  CHECK(e2e::read_file(report).find("Left out") == std::string::npos);
  std::size_t bytes = fs::file_size(report);
  MESSAGE("HTML: " << bytes << " bytes");
  CHECK(bytes < 400 * 1024);
  auto laptop = audit(report, 1440);
  MESSAGE("height at 1440 px: " << laptop["height"] << " px");
  CHECK(laptop["height"].get<int>() < 15 * 900);
  CHECK(laptop["width"] == laptop["viewport"]);
  CHECK(laptop["resources"] == 0);
  CHECK(laptop["problems"] == nlohmann::json::array());
  auto phone = audit(report, 390);
  CHECK(phone["viewport"] == 390);
  CHECK(phone["width"] == phone["viewport"]);
  CHECK(phone["problems"] == nlohmann::json::array());
  std::size_t pages = pdf_pages(report);
  MESSAGE("A4 pages: " << pages);
  CHECK(pages > 1);
  CHECK(pages < 20);
  screenshot(report, "generated-5000-laptop.png", 1440);
}

TEST_CASE("the account view passes the audit in 1.5 screens at 1440 px and prints on one A4 page") {
  std::string dir = e2e::temp_dir();
  const std::string palm = "PALM-" + std::string(60, '9');  // tests/cases/account: 220-character tokens, RTL text
  for (const auto& [account, cases] : std::vector<std::pair<std::string, std::string>>{
           {"ACME123", "examples/cases"}, {palm, "tests/cases/account/cases"}}) {
    CAPTURE(account);
    std::string path = dir + "/" + account.substr(0, 8) + ".html";
    auto r = e2e::run({"report", "--as-of", "2025-06-30", "--account", account, "-q", "-o", path, cases});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto page = audit(path, 1440);
    MESSAGE("height at 1440 px: " << page["height"] << " px");
    CHECK(page["height"].get<int>() <= 900 * 3 / 2);  // about one and a half screens
    CHECK(page["width"] == page["viewport"]);         // long tokens wrap
    CHECK(page["resources"] == 0);
    CHECK(page["problems"] == nlohmann::json::array());
    CHECK(pdf_pages(path) == 1);
    screenshot(path, "account-" + account.substr(0, 8) + ".png", 1440);
  }
}

int main(int argc, char** argv) {
  g_chromium = find_chromium();
  if (g_chromium.empty()) {
    std::cout << "chromium is not installed; skipping the browser tests (apt-get install chromium)\n";
    return 77;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
