#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "esc/analyze/report.hpp"
#include "esc/model/case.hpp"
#include "esc/model/case_digest.hpp"
#include "esc/model/taxonomy.hpp"

namespace esc {

/// Distinct accounts by index (see Facts::account_list), cheap to fill: an
/// index is appended per tallied case and the list is made distinct when
/// first read. Sets of account id strings cost a tree node per account and a
/// cache miss per comparison, which dominated `report` at 100k cases.
class AccountSet {
 public:
  void insert(std::uint32_t account) {
    if (!m_ids.empty() && m_ids.back() == account) return;
    m_ids.push_back(account);
    m_distinct = false;
  }
  /// The distinct indices, ascending (which is account id order).
  const std::vector<std::uint32_t>& ids() const;
  std::size_t size() const { return ids().size(); }

 private:
  mutable std::vector<std::uint32_t> m_ids;
  mutable bool m_distinct = true;
};

/// One filtered case: its identity (`source`) and its digest, read with the
/// taxonomy's codes and the pool's strings. Views, not copies: the codes and
/// owners point into the taxonomy's entries and the pool, which outlive the
/// facts.
struct CaseFacts {
  const Case* source = nullptr;
  const CaseDigest* digest = nullptr;
  const Taxonomy* taxonomy = nullptr;
  const StringPool* strings = nullptr;
  std::uint32_t account_index = 0;  // into Facts::account_list

  std::string_view account() const { return source->account.id.value; }
  /// The canonical codes: distinct, in file order.
  std::size_t code_count() const { return digest->cause_count(); }
  std::string_view code(std::size_t i) const { return entry(i).code; }
  const TaxonomyEntry& entry(std::size_t i) const { return taxonomy->entries()[digest->cause(i).entry]; }
  /// Per code: the case's override or the taxonomy's owner.
  std::string_view owner(std::size_t i) const { return strings->view(digest->cause(i).owner); }
  bool confirmed(std::size_t i) const { return digest->cause(i).confirmed; }
  Confidence confidence(std::size_t i) const { return digest->cause(i).confidence; }
  bool is_root(std::size_t i) const { return digest->cause(i).root; }  // no caused_by
  /// The links, as indices of codes: `from` led to `to`.
  std::size_t edge_count() const { return digest->edge_count(); }
  DigestEdge edge(std::size_t i) const { return digest->edge(i); }
  /// True when the case was reviewed with attendees and `department` was not among them.
  bool absent(std::string_view department) const;
};

/// One account across the filtered cases.
struct AccountFacts {
  std::string id;
  std::string name;
  std::string segment;
  double arr = 0;                          // from its most recently opened case stating one
  std::optional<Outcome> outcome;          // likewise
  std::vector<std::size_t> cases;          // indices into Facts::cases, ascending
  std::vector<std::size_t> cases_by_date;  // the same, by (opened, id)
  // Its whole history by (opened, id): these cases and, under --since or
  // --until, its cases outside the dates too (Facts::ref_index numbers both).
  std::vector<const CaseFacts*> history;
};

/// The filtered cases and their accounts, the input of every statistic.
struct Facts {
  const Taxonomy* taxonomy = nullptr;
  const StringPool* strings = nullptr;
  AnalysisOptions options;
  std::vector<CaseFacts> cases;
  std::vector<CaseFacts> outside_dates;  // cases that pass every filter but --since/--until, of accounts in `cases`
  std::size_t after_as_of = 0;           // cases opened after --as-of, left out of everything
  std::map<std::string, AccountFacts> accounts;
  std::vector<const AccountFacts*> account_list;  // the accounts in id order; an AccountSet's indices

  /// The ARR of an account id (0 when unknown).
  double arr_of(const std::string& account) const;
  /// True when the account's outcome is churned.
  bool churned(const std::string& account) const;
  /// The summed ARR of a set of accounts.
  double arr_of(const AccountSet& set) const;
  /// How many accounts of a set churned.
  std::size_t churned_count(const AccountSet& set) const;
  /// The index of a case of `cases` or `outside_dates` in Report::case_refs
  /// (the cases first, then those outside the dates).
  CaseRefIndex ref_index(const CaseFacts* c) const;
};

/// Builds the facts from the digests of valid cases (callers drop cases with
/// errors); the digests' entries index `taxonomy`, their ids `strings`.
Facts collect_facts(const std::vector<const CaseDigest*>& cases, const StringPool& strings, const Taxonomy& taxonomy,
                    const AnalysisOptions& options);

/// Where an account stands for the money summary and the watchlist: its
/// outcome, except that a retained or unstated account with an open case is
/// at-risk. nullopt: no outcome stated and nothing open.
std::optional<Outcome> account_standing(const Facts& facts, const AccountFacts& account);

/// True when an action is open and its due date is before --as-of.
bool is_overdue(const DigestAction& action, const Facts& facts);

/// A case as reports list it (id, title, account, dates, outcome).
CaseRef case_ref(const Case& c);

/// True when `causes` is empty or the case cites one of them or a code under one.
bool cites_any(const CaseFacts& c, const std::vector<std::string>& causes);

/// True when a case passes the filters of `options` other than `causes`
/// (and other than --since/--until when `dates` is false).
bool passes_filters(const CaseDigest& digest, const StringPool& strings, const AnalysisOptions& options,
                    bool dates = true);

// Each fills its part of the report from the facts (analyze/*.cpp).
void compute_summary(const Facts& facts, Report& report);
void compute_causes(const Facts& facts, Report& report);       // causes, categories, pairs
void compute_graph_stats(const Facts& facts, Report& report);  // links, loops, reach, chains
void compute_accounts(const Facts& facts, Report& report);     // repeat_accounts, departments, segments
void compute_time(const Facts& facts, Report& report);         // trend, severity
void compute_fixes(const Facts& facts, Report& report);        // fixes (after compute_summary: case_refs)
void compute_churn(const Facts& facts, Report& report);        // churn association of causes, chains, pairs
void compute_watchlist(const Facts& facts, Report& report);    // watchlist (after everything else)
void compute_actions(const Facts& facts, Report& report);      // the action tracker

}  // namespace esc
