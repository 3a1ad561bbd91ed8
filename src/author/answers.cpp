#include "esc/author/answers.hpp"

#include <fmt/format.h>

#include "esc/load/node_reader.hpp"
#include "esc/load/yaml_node.hpp"
#include "esc/model/suggest.hpp"

namespace esc {
namespace {

std::optional<char> answer_key(const std::string& text) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "yes" || t == "y" || t == "true") return 'y';
  if (t == "no" || t == "n" || t == "false") return 'n';
  if (t == "unsure" || t == "u") return 'u';
  if (t == "skip" || t == "s") return 's';
  return std::nullopt;
}

std::optional<char> read_answer(NodeReader& reader, const Located& value) {
  auto key = answer_key(value.value);
  if (!key)
    reader.report("bad-enum", value.mark,
                  fmt::format("an answer must be yes, no, unsure or skip; got `{}`", value.value),
                  did_you_mean(value.value, {"yes", "no", "unsure", "skip"}));
  return key;
}

void read_cause(NodeReader& reader, const YamlNode& value, CauseAnswer& answer, const Taxonomy& taxonomy) {
  if (value.kind == YamlNode::Kind::scalar) {
    if (auto key = read_answer(reader, {value.value, value.mark})) answer.answer = *key;
    return;
  }
  if (value.kind == YamlNode::Kind::null) {
    answer.answer = 'y';
    return;
  }
  if (!reader.expect_mapping(value, "an answer")) return;
  reader.check_keys(value, {"answer", "confidence", "evidence", "owner", "caused_by"});
  if (auto text = reader.text(value, "answer"))
    if (auto key = read_answer(reader, *text)) answer.answer = *key;
  if (auto v = reader.choice(value, "confidence", confidence_names())) answer.confidence = static_cast<Confidence>(*v);
  if (NodeReader::find(value, "evidence") || NodeReader::find(value, "owner")) {
    if (auto v = reader.text(value, "evidence")) answer.evidence = v->value;
    if (auto v = reader.text(value, "owner")) {
      answer.owner = v->value;
      if (!taxonomy.find_department(v->value))
        reader.report("unknown-department", v->mark, fmt::format("unknown department `{}`", v->value),
                      did_you_mean(v->value, taxonomy.department_ids()));
    }
  }
  // `evidence: ""` clears; a key with no value also clears.
  for (const char* key : {"evidence", "owner"})
    for (std::size_t i = 0; i < value.pair_count(); ++i)
      if (value.key(i).value == key && value.value_at(i).kind == YamlNode::Kind::null)
        (std::string(key) == "evidence" ? answer.evidence : answer.owner) = std::string();
  if (NodeReader::find(value, "caused_by")) {
    std::vector<std::string> links;
    for (const auto& link : reader.text_list(value, "caused_by")) {
      const TaxonomyEntry* entry = taxonomy.resolve(link.value);
      if (!entry)
        reader.report("unknown-cause", link.mark, fmt::format("unknown cause code `{}`", link.value),
                      did_you_mean(link.value, taxonomy.codes()));
      links.push_back(entry ? entry->code : link.value);
    }
    answer.caused_by = links;
  } else {
    for (std::size_t i = 0; i < value.pair_count(); ++i)
      if (value.key(i).value == "caused_by") answer.caused_by = std::vector<std::string>{};
  }
}

void read_reviewed(NodeReader& reader, const YamlNode& value, ReviewAnswers& answers, const Taxonomy& taxonomy) {
  if (!reader.expect_mapping(value, "`reviewed`")) return;
  reader.check_keys(value, {"date", "attendees"});
  if (auto date = reader.date(value, "date")) answers.date = date->to_string();
  if (NodeReader::find(value, "attendees")) {
    std::vector<std::string> ids;
    for (const auto& id : reader.text_list(value, "attendees")) {
      if (!taxonomy.find_department(id.value))
        reader.report("unknown-department", id.mark, fmt::format("unknown department `{}`", id.value),
                      did_you_mean(id.value, taxonomy.department_ids()));
      ids.push_back(id.value);
    }
    answers.attendees = ids;
  }
}

}  // namespace

std::optional<ReviewAnswers> parse_review_answers(const SourceText& source, const Taxonomy& taxonomy,
                                                  std::vector<Diagnostic>& out) {
  std::size_t errors_before = count_severity(out, Severity::error);
  NodeReader reader(source.path(), out);
  ReviewAnswers answers;
  std::size_t documents = 0;
  read_yaml_documents(
      source, LoadLimits{},
      [&](YamlNode&& root, std::size_t) {
        if (root.kind == YamlNode::Kind::null) return;
        if (++documents > 1) return reader.report("wrong-type", root.mark, "an answers file holds one YAML document");
        if (!reader.expect_mapping(root, "an answers file")) return;
        for (std::size_t i = 0; i < root.pair_count(); ++i) {
          const YamlNode& key = root.key(i);
          if (key.kind != YamlNode::Kind::scalar) {
            reader.report("wrong-type", key.mark, "a key must be a cause code or `reviewed`");
            continue;
          }
          if (key.value == "reviewed") {
            read_reviewed(reader, root.value_at(i), answers, taxonomy);
            continue;
          }
          const TaxonomyEntry* entry = taxonomy.resolve(key.value);
          if (!entry) {
            reader.report("unknown-cause", key.mark, fmt::format("unknown cause code `{}`", key.value),
                          did_you_mean(key.value, taxonomy.codes()));
            continue;
          }
          if (answers.causes.count(entry->code)) {
            reader.report("duplicate-cause", key.mark, fmt::format("`{}` is answered twice", entry->code));
            continue;
          }
          CauseAnswer& answer = answers.causes[entry->code];
          answer.mark = key.mark;
          read_cause(reader, root.value_at(i), answer, taxonomy);
        }
      },
      out);
  if (count_severity(out, Severity::error) > errors_before) return std::nullopt;
  return answers;
}

const CauseAnswer* ScriptedPrompt::find(const std::string& code) const {
  auto it = m_answers.causes.find(code);
  return it == m_answers.causes.end() ? nullptr : &it->second;
}

void ScriptedPrompt::tell(Tone tone, const std::string& text) {
  if (tone == Tone::problem) m_refused = true;
  if (!m_out) return;
  const char* prefix = tone == Tone::problem ? "problem: " : tone == Tone::warning ? "warning: " : "";
  *m_out << prefix << text << '\n';
}

Answer ScriptedPrompt::ask(const Question& q) {
  if (m_refused) return Answer::of(Answer::Kind::abort);
  const Answer keep = Answer::of(Answer::Kind::keep);
  auto key = [](char k) { return Answer::with_key(k); };
  auto text = [&](const std::optional<std::string>& value) {
    if (!value) return keep;
    return value->empty() ? Answer::of(Answer::Kind::clear) : Answer::with_text(*value);
  };
  auto list = [&](const std::optional<std::vector<std::string>>& value) {
    if (!value) return keep;
    std::string joined;
    for (const auto& item : *value) joined += (joined.empty() ? "" : " ") + item;
    return text(joined);
  };
  const CauseAnswer* a = q.code.empty() ? nullptr : find(q.code);
  if (a) m_used.insert(q.code);
  switch (q.kind) {
    case QuestionKind::presence: {
      if (a && a->answer) return key(a->answer);
      if (a) return key('y');
      // A category is yes when the file answers one of its causes yes or unsure;
      // otherwise the default (walk it when the case cites causes under it), which
      // is no answer of the file's: `code: no` removes a cause and adds nothing.
      for (const auto& [code, answer] : m_answers.causes)
        if (code.rfind(q.code + ".", 0) == 0 && answer.answer != 'n' && answer.answer != 's') return key('y');
      return keep;
    }
    case QuestionKind::confidence:
      if (a && a->confidence) return key("cls"[static_cast<int>(*a->confidence)]);
      return keep;
    case QuestionKind::evidence:
      return a ? text(a->evidence) : keep;
    case QuestionKind::owner:
      return a ? text(a->owner) : keep;
    case QuestionKind::caused_by:
      return a ? list(a->caused_by) : keep;
    case QuestionKind::action:
      return Answer::of(Answer::Kind::abort);  // an answers file cannot re-point or drop an action
    case QuestionKind::attendees:
      return list(m_answers.attendees);
    case QuestionKind::date:
      return text(m_answers.date);
    case QuestionKind::confirm:
      return key('y');
  }
  return keep;
}

std::vector<std::string> ScriptedPrompt::unused() const {
  std::vector<std::string> out;
  for (const auto& [code, answer] : m_answers.causes)
    if (!m_used.count(code) && answer.answer != 'n' && answer.answer != 's') out.push_back(code);
  return out;
}

}  // namespace esc
