// `esc-autopsy schema`: checked against the draft-07 meta-schema and used to
// validate examples/ with Debian's python3-jsonschema.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"
#include "tools.hpp"

using nlohmann::json;

namespace {

// Checks the schema against its meta-schema, then prints one line per YAML
// file: "path errors". Files are read as a YAML 1.2 core-schema reader (such
// as yaml-language-server) reads them: dates stay strings, only true/false are
// booleans, no sexagesimal numbers. PyYAML's default loader is YAML 1.1 and
// turns dates into date objects, which no JSON Schema validates.
const char* k_checker = R"PY(
import glob, json, re, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
class Loader(yaml.SafeLoader):
    yaml_implicit_resolvers = {}
def resolve(tag, pattern, first):
    Loader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern), list(first))
resolve("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
resolve("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
resolve("int", r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$", "-+0123456789")
resolve("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.")
validator = jsonschema.Draft7Validator(schema)
for pattern in sys.argv[2:]:
    for path in sorted(glob.glob(pattern, recursive=True)):
        try:
            docs = list(yaml.load_all(open(path, encoding="utf-8"), Loader=Loader))
        except Exception:
            print(path, "unreadable")
            continue
        print(path, sum(len(list(validator.iter_errors(d))) for d in docs if d is not None))
)PY";

}  // namespace

TEST_CASE("schema prints a draft-07 JSON Schema with the taxonomy's codes") {
  auto r = e2e::run({"schema"});
  CHECK(r.exit_code == 0);
  json schema = json::parse(r.out);
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(schema["properties"]["causes"]["items"]["$ref"] == "#/definitions/cause");
  auto codes = schema["definitions"]["causeCode"]["enum"];
  CHECK(std::find(codes.begin(), codes.end(), "support-closure-incentives.severity-gaming") != codes.end());
}

TEST_CASE("schema: valid under the meta-schema - examples/cases pass - broken files fail where a schema can see it") {
  std::string python = e2e::python_with("jsonschema yaml");
  if (python.empty()) {
    MESSAGE("python3 with jsonschema and yaml (python3-jsonschema, python3-yaml) is not installed; skipped");
    return;
  }
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/schema.json", e2e::run({"schema"}).out);
  e2e::write_file(dir + "/check.py", k_checker);
  auto r =
      e2e::run_shell(python + " " + e2e::shell_quote(dir + "/check.py") + " " + e2e::shell_quote(dir + "/schema.json") +
                     " 'examples/cases/**/*.yaml' 'examples/broken/*.yaml'");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  std::size_t cases = 0;
  for (std::size_t at = 0; (at = r.out.find("examples/cases/", at)) != std::string::npos; ++at) {
    std::size_t end = r.out.find('\n', at);
    CHECK_MESSAGE(r.out.substr(end - 2, 2) == " 0", r.out.substr(at, end - at));
    ++cases;
  }
  CHECK(cases == 20);
  for (const char* file :
       {"unknown-cause", "unknown-department", "bad-enum", "unknown-key", "missing-field", "wrong-type"})
    CHECK_MESSAGE(r.out.find(std::string("examples/broken/") + file + ".yaml 1\n") != std::string::npos, file);
}

TEST_CASE("schema follows --taxonomy, and -o writes a file without replacing one") {
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/tax.yaml",
                  "version: 1\ndepartments: [{id: ops, title: Operations}]\n"
                  "causes:\n  - {code: outage, title: Outage, owner: ops, aliases: [down]}\n");
  auto r = e2e::run({"--taxonomy", dir + "/tax.yaml", "schema", "-o", dir + "/s.json"});
  CHECK(r.exit_code == 0);
  json schema = json::parse(e2e::read_file(dir + "/s.json"));
  CHECK(schema["definitions"]["causeCode"]["enum"] == json::array({"outage", "down"}));
  CHECK(schema["definitions"]["department"]["enumDescriptions"] == json::array({"Operations"}));
  CHECK(e2e::run({"schema", "-o", dir + "/s.json"}).exit_code == 2);
  CHECK(e2e::run({"schema", "-o", dir + "/s.json", "--force"}).exit_code == 0);
}

TEST_CASE("schema and validate agree on numbers, booleans and null in text fields, read as YAML 1.2 does") {
  std::string python = e2e::python_with("jsonschema yaml");
  if (python.empty()) {
    MESSAGE("python3 with jsonschema and yaml (python3-jsonschema, python3-yaml) is not installed; skipped");
    return;
  }
  std::string dir = e2e::temp_dir();
  e2e::write_file(dir + "/schema.json", e2e::run({"schema"}).out);
  e2e::write_file(dir + "/check.py", k_checker);
  const std::string tail =
      "account: {id: 7}\nopened: 2024-01-01\noutcome: open\ncauses:\n"
      "  - code: product-flaw.defect\n    evidence: 311\n    note: true\n"
      "tags: [2024, yes]\n";
  // Accepted by both: the loader reads these plain scalars as text.
  e2e::write_file(dir + "/accepted/numbers.yaml", "id: 42\ntitle: 2024\n" + tail);
  e2e::write_file(dir + "/accepted/booleans.yaml", "id: 1.5e3\ntitle: true\n" + tail);
  // Refused by both: null where text is required.
  e2e::write_file(dir + "/refused/null-title.yaml", "id: C-1\ntitle: ~\n" + tail);
  e2e::write_file(dir + "/refused/null-id.yaml", "id: null\ntitle: T\n" + tail);
  auto r = e2e::run_shell(python + " " + e2e::shell_quote(dir + "/check.py") + " " +
                          e2e::shell_quote(dir + "/schema.json") + " " + e2e::shell_quote(dir + "/*/*.yaml"));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  for (const char* file : {"accepted/numbers.yaml", "accepted/booleans.yaml"}) {
    CHECK_MESSAGE(r.out.find(std::string(file) + " 0\n") != std::string::npos, file);
    auto v = e2e::run({"validate", dir + "/" + file});
    INFO(v.out);
    CHECK_MESSAGE(v.exit_code == 0, file);
  }
  for (const char* file : {"refused/null-title.yaml", "refused/null-id.yaml"}) {
    CHECK_MESSAGE(r.out.find(std::string(file) + " 0\n") == std::string::npos, file);
    CHECK_MESSAGE(e2e::run({"validate", dir + "/" + file}).exit_code == 1, file);
  }
  json schema = json::parse(e2e::read_file(dir + "/schema.json"));
  CHECK(schema["definitions"]["date"]["description"].get<std::string>().find("PyYAML") != std::string::npos);
}
