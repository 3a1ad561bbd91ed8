// The benchmark floor: a bare YAML event parse of the same files with the
// same number of threads, and nothing else (no tree, no checks, no output).
//
//   esc_parse_floor [-j N] [--parser yaml-cpp|libyaml] PATH...
//
// `yaml-cpp` (the default) is the floor the issue names; `libyaml` is the
// parser esc-autopsy itself uses, so it is the floor of what it must pay.
// Walks folders for *.yaml / *.yml like esc-autopsy, reads each file whole
// and drives YAML::Parser with a no-op event handler. Prints the number of
// files and documents so a run can be checked against `validate`.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <istream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

#include <yaml.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace fs = std::filesystem;

namespace {

// Receives every event and does nothing with it.
class NullHandler : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Reads a string without copying it, as esc-autopsy's reader does.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string& text) { setg(text.data(), text.data(), text.data() + text.size()); }
};

bool is_yaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

void collect(const fs::path& path, std::vector<std::string>& out) {
  if (!fs::is_directory(path)) {
    out.push_back(path.string());
    return;
  }
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(path))
    if (entry.is_regular_file() && is_yaml(entry.path())) found.push_back(entry.path().string());
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

// Parses one file; returns its number of documents.
std::size_t parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ViewBuffer buffer(text);
  std::istream stream(&buffer);
  NullHandler handler;
  std::size_t documents = 0;
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(handler)) ++documents;
  } catch (const YAML::Exception&) {
  }
  return documents;
}

// Parses one file with libyaml's event API; returns its number of documents.
std::size_t parse_file_libyaml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::size_t documents = 0;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) break;
    bool done = event.type == YAML_STREAM_END_EVENT;
    if (event.type == YAML_DOCUMENT_START_EVENT) ++documents;
    yaml_event_delete(&event);
    if (done) break;
  }
  yaml_parser_delete(&parser);
  return documents;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> files;
  bool libyaml = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "-j" || arg == "--jobs") && i + 1 < argc)
      jobs = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    else if (arg == "--parser" && i + 1 < argc)
      libyaml = std::string(argv[++i]) == "libyaml";
    else
      collect(arg, files);
  }
  std::atomic<std::size_t> next{0}, documents{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) documents += libyaml ? parse_file_libyaml(files[i]) : parse_file(files[i]);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  std::printf("%zu files, %zu documents\n", files.size(), documents.load());
  return 0;
}
