#!/usr/bin/env python3
"""What a CS-ops analyst would write instead of esc-autopsy: PyYAML's C loader
and networkx, computing report's headline statistics (SPEC 5) as JSON.

    bench/analyst_script.py [--as-of YYYY-MM-DD] PATH...

It trusts its input (no validation, no positions, no limits): the comparison
is generous to the script.
"""
import argparse
import datetime
import itertools
import json
import os
import sys
from collections import Counter, defaultdict

import networkx as nx
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The owners an analyst would copy from the taxonomy.
OWNERS = {"bad-sale": "sales", "product-flaw": "engineering", "missing-crm-context": "sales",
          "rushed-onboarding": "customer-success", "support-closure-incentives": "support",
          "missed-signals": "customer-success", "product-flaw.provisioning": "cloud-ops",
          "missing-crm-context.no-visibility": "revops", "rushed-onboarding.services-scope": "services"}


def case_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                        yield os.path.join(folder, name)
        else:
            yield path


def load_cases(paths):
    cases = []
    for path in case_files(paths):
        with open(path, "rb") as f:
            for doc in yaml.load_all(f, Loader=Loader):
                if isinstance(doc, dict):
                    cases.append(doc)
    return cases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--as-of", default=datetime.date.today().isoformat())
    parser.add_argument("--min-accounts", type=int, default=2)
    args = parser.parse_args()
    as_of = datetime.date.fromisoformat(args.as_of)
    cases = load_cases(args.paths)

    # Accounts: ARR and outcome of the most recently opened case stating one.
    accounts = {}
    for c in sorted(cases, key=lambda c: (str(c.get("opened")), str(c.get("id")))):
        acc = accounts.setdefault(c["account"]["id"], {"arr": 0, "outcome": None, "cases": 0})
        acc["cases"] += 1
        if c["account"].get("arr") is not None:
            acc["arr"] = c["account"]["arr"]
        if c.get("outcome"):
            acc["outcome"] = c["outcome"]

    graph = nx.DiGraph()
    by_code = defaultdict(lambda: {"cases": 0, "accounts": set(), "as_root": 0, "confirmed": 0})
    by_category = defaultdict(lambda: {"cases": 0, "accounts": set()})
    pairs = defaultdict(lambda: {"cases": 0, "accounts": set()})
    chains = defaultdict(lambda: {"cases": 0, "accounts": set()})
    departments = defaultdict(lambda: {"cases": 0, "accounts": set(), "actions_open": 0, "actions_overdue": 0})
    trend = defaultdict(Counter)
    per_account_codes = defaultdict(Counter)
    open_cases = 0
    for c in cases:
        account = c["account"]["id"]
        causes = c.get("causes") or []
        codes = [k["code"] for k in causes]
        if not c.get("closed") or c.get("outcome") == "open":
            open_cases += 1
        case_graph = nx.DiGraph()
        case_graph.add_nodes_from(codes)
        for k in causes:
            stat = by_code[k["code"]]
            stat["cases"] += 1
            stat["accounts"].add(account)
            stat["as_root"] += 0 if k.get("caused_by") else 1
            stat["confirmed"] += k.get("confidence") == "confirmed"
            for parent in k.get("caused_by") or []:
                case_graph.add_edge(parent, k["code"])
                graph.add_edge(parent, k["code"])
                edge = graph.edges[parent, k["code"]]
                edge["cases"] = edge.get("cases", 0) + 1
                edge.setdefault("accounts", set()).add(account)
            graph.add_node(k["code"])
            per_account_codes[account][k["code"]] += 1
            owner = k.get("owner") or OWNERS.get(k["code"]) or OWNERS[k["code"].split(".")[0]]
            departments[owner]["cases"] += 1
            departments[owner]["accounts"].add(account)
        categories = {code.split(".")[0] for code in codes}
        for category in categories:
            by_category[category]["cases"] += 1
            by_category[category]["accounts"].add(account)
            opened = c["opened"]
            trend[f"{opened.year}-Q{(opened.month - 1) // 3 + 1}"][category] += 1
        for a, b in itertools.combinations(sorted(set(codes)), 2):
            pairs[a, b]["cases"] += 1
            pairs[a, b]["accounts"].add(account)
        roots = [n for n in case_graph if case_graph.in_degree(n) == 0]
        sinks = [n for n in case_graph if case_graph.out_degree(n) == 0]
        for root in roots:
            for sink in sinks:
                for path in nx.all_simple_paths(case_graph, root, sink):
                    chains[tuple(path)]["cases"] += 1
                    chains[tuple(path)]["accounts"].add(account)
        for action in c.get("actions") or []:
            if action.get("status", "open") == "open":
                departments[action["owner"]]["actions_open"] += 1
                if action.get("due") and action["due"] < as_of:
                    departments[action["owner"]]["actions_overdue"] += 1

    def arr(accs):
        return sum(accounts[a]["arr"] for a in accs)

    n = len(cases)
    descendants = {code: len(nx.descendants(graph, code)) for code in graph}
    report = {
        "summary": {"cases": n, "accounts": len(accounts), "open_cases": open_cases,
                    "arr_total": sum(a["arr"] for a in accounts.values())},
        "causes": sorted(({"code": code, "cases": s["cases"], "accounts": len(s["accounts"]),
                           "arr": arr(s["accounts"]), "as_root": s["as_root"], "confirmed": s["confirmed"],
                           "churned_accounts": sum(accounts[a]["outcome"] == "churned" for a in s["accounts"]),
                           "reach": descendants.get(code, 0)} for code, s in by_code.items()),
                         key=lambda x: (-x["accounts"], -x["arr"], x["code"])),
        "categories": sorted(({"code": code, "cases": s["cases"], "accounts": len(s["accounts"]),
                               "arr": arr(s["accounts"])} for code, s in by_category.items()),
                             key=lambda x: (-x["accounts"], -x["arr"], x["code"])),
        "links": sorted(({"from": u, "to": v, "cases": d["cases"], "accounts": len(d["accounts"])}
                         for u, v, d in graph.edges(data=True)),
                        key=lambda x: (-x["accounts"], -x["cases"], x["from"], x["to"])),
        "chains": sorted(({"path": list(p), "cases": s["cases"], "accounts": len(s["accounts"])}
                          for p, s in chains.items()), key=lambda x: (-x["accounts"], -x["cases"], x["path"])),
        "pairs": sorted(({"a": a, "b": b, "cases": s["cases"], "accounts": len(s["accounts"]),
                          "lift": round(s["cases"] * n / (by_code[a]["cases"] * by_code[b]["cases"]), 4)}
                         for (a, b), s in pairs.items() if len(s["accounts"]) >= args.min_accounts),
                        key=lambda x: (-x["accounts"], -x["lift"], x["a"], x["b"])),
        "repeat_accounts": sorted(({"account": a, "cases": s["cases"], "third_strike": s["cases"] >= 3,
                                    "recurring": sorted(k for k, v in per_account_codes[a].items() if v >= 2),
                                    "outcome": s["outcome"]} for a, s in accounts.items() if s["cases"] >= 2),
                                  key=lambda x: (-x["cases"], x["account"])),
        "loops": sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) >= 2),
        "departments": sorted(({"id": d, "cases": s["cases"], "accounts": len(s["accounts"]),
                                "actions_open": s["actions_open"], "actions_overdue": s["actions_overdue"]}
                               for d, s in departments.items()), key=lambda x: (-x["cases"], x["id"])),
        "trend": [{"quarter": q, "categories": dict(sorted(c.items()))} for q, c in sorted(trend.items())],
    }
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
