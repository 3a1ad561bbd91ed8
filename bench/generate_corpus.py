#!/usr/bin/env python3
"""Writes a deterministic, realistic corpus of esc-autopsy case files.

    bench/generate_corpus.py OUT_DIR --cases 10000 [--seed 7]

Same arguments, same bytes. The corpus has nested folders (year/region/month),
about one file in eight holding several cases (`---`), comments, block
scalars, non-ASCII account names, and planted patterns for `report` to find:
a bad-sale -> rushed-onboarding -> workaround-closure chain, accounts on their
third strike, a cross-case loop, inflated severities and fixes that did not
hold. Every case is valid, so `validate` exits 0 and `report` uses them all.
"""
import argparse
import os
import random
import sys

CAUSES = {
    "bad-sale": ("sales", ["wrong-solution", "overpromised", "segment-mismatch"]),
    "product-flaw": ("engineering", ["defect", "design", "provisioning", "complexity"]),
    "missing-crm-context": ("sales", ["undocumented-goals", "no-visibility"]),
    "rushed-onboarding": ("customer-success", ["none", "rushed", "too-high-level", "no-oversight", "services-scope"]),
    "support-closure-incentives": ("support", ["workaround-closure", "severity-gaming", "reactive-triage"]),
    "missed-signals": ("customer-success", ["usage-decline", "no-health-monitoring", "ignored-feedback"]),
}
OWNER_OVERRIDES = {
    "product-flaw.provisioning": "cloud-ops",
    "missing-crm-context.no-visibility": "revops",
    "rushed-onboarding.services-scope": "services",
}
CODES = [f"{cat}.{leaf}" for cat, (_, leaves) in CAUSES.items() for leaf in leaves]
CHAIN = ["bad-sale.wrong-solution", "rushed-onboarding.too-high-level",
         "support-closure-incentives.workaround-closure"]
LOOP = ("product-flaw.design", "missed-signals.ignored-feedback")
SEGMENTS = ["enterprise", "enterprise", "mid-market", "mid-market", "mid-market", "smb", "public-sector"]
REGIONS = ["EMEA", "NA", "APAC", "LATAM"]
OUTCOMES = ["retained", "retained", "retained", "downgraded", "at-risk", "churned"]
DEPARTMENTS = ["sales", "revops", "engineering", "services", "customer-success", "support", "cloud-ops",
               "marketing", "leadership"]
NAME_PARTS = [
    ("Müller", "Logistik GmbH"), ("Société", "Énergie SA"), ("Øresund", "Shipping A/S"), ("Łódź", "Fabryka"),
    ("東京", "システム株式会社"), ("São Paulo", "Saúde Ltda"), ("Zürich", "Rückversicherung AG"),
    ("Ngā", "Awa Utilities"), ("Acme", "Corp"), ("Globex", "Manufacturing"), ("Initech", "Software"),
    ("Umbrella", "Health"), ("Stellar", "Bank"), ("Kestrel", "Insurance"), ("Tasman", "Energy"),
    ("Lumen", "Dental"), ("Northwind", "Logistics"), ("Blåbær", "Retail AB"), ("Παράδεισος", "Hotels"),
    ("Čedok", "Travel"), ("Istanbul", "Değirmen AŞ"), ("Crème", "Brûlée Bakeries"),
]
EVENTS = [
    "Sev{sev} ticket opened by the customer", "Executive sponsor escalates to the CRO",
    "Rescue plan agreed with the customer", "Weekly status call starts", "Root cause identified",
    "Fix deployed to production", "Customer confirms the fix", "Renewal call", "QBR with the champion",
]
SIGNALS = ["Logins fell {n}% in {month}", "{n} how-to tickets in one quarter", "Champion left the company",
           "NPS detractor response ignored", "Usage of the core module dropped after go-live"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def owner_of(code):
    return OWNER_OVERRIDES.get(code, CAUSES[code.split(".")[0]][0])


def date(year, month, day):
    return f"{year:04d}-{month:02d}-{day:02d}"


class Generator:
    def __init__(self, cases, seed):
        self.rng = random.Random(seed)
        self.cases = cases
        n_accounts = max(4, cases // 3)
        self.accounts = []
        for i in range(n_accounts):
            first, last = self.rng.choice(NAME_PARTS)
            self.accounts.append({
                "id": f"ACC{i:06d}",
                "name": f"{first} {last} {i}",
                "segment": self.rng.choice(SEGMENTS),
                "region": self.rng.choice(REGIONS),
                "arr": self.rng.randrange(12, 2400) * 1000,
            })

    def pick_account(self, index):
        # Skewed: a few accounts escalate again and again (third strikes).
        if index % 7 == 0:
            return self.accounts[self.rng.randrange(max(1, len(self.accounts) // 20))]
        return self.rng.choice(self.accounts)

    def causes(self, index):
        rng = self.rng
        if index % 6 == 0:
            codes = list(CHAIN[: rng.choice([2, 3, 3])])
            links = [[]] + [[codes[i - 1]] for i in range(1, len(codes))]
        elif index % 97 == 0:
            a, b = LOOP if index % 2 else LOOP[::-1]
            codes, links = [a, b], [[], [a]]
        else:
            codes = rng.sample(CODES, rng.choice([1, 2, 2, 3, 4]))
            links = [[]] + [[codes[rng.randrange(i)]] if rng.random() < 0.5 else [] for i in range(1, len(codes))]
        return list(zip(codes, links))

    def case_text(self, index, year):
        rng = self.rng
        acc = self.pick_account(index)
        month = rng.randrange(1, 11)
        opened = date(year, month, rng.randrange(1, 28))
        is_open = index % 11 == 0
        closed = date(year, month + rng.randrange(1, 3), rng.randrange(1, 28))
        causes = [] if is_open and index % 2 else self.causes(index)
        out = []
        if index % 3 == 0:
            out.append(f"# Autopsy of escalation {index}: reviewed with every owner present.")
        out.append(f"id: ESC-{year}-{index:06d}")
        out.append(f"title: \"{acc['name']}: escalation {index} during {rng.choice(['renewal', 'go-live', 'upgrade', 'expansion'])}\"")
        out.append("account:")
        out.append(f"  id: {acc['id']}")
        out.append(f"  name: {acc['name']}")
        out.append(f"  segment: {acc['segment']}")
        out.append(f"  region: {acc['region']}")
        out.append(f"  arr: {acc['arr']}")
        out.append(f"opened: {opened}")
        if not is_open:
            out.append(f"closed: {closed}")
            out.append(f"outcome: {rng.choice(OUTCOMES)}")
        else:
            out.append("outcome: open")
        claimed = rng.randrange(1, 3) if index % 5 == 0 else rng.randrange(1, 5)
        assessed = min(4, claimed + (rng.randrange(1, 3) if index % 5 == 0 else 0))
        out.append("severity:")
        out.append(f"  claimed: sev{claimed}")
        out.append(f"  assessed: sev{assessed}")
        out.append("summary: |")
        for _ in range(rng.randrange(2, 5)):
            out.append(f"  {acc['name']} reported {rng.choice(['slow exports', 'failed syncs', 'missing reports', 'login errors'])}"
                       f" affecting {rng.randrange(2, 400)} users; the team {rng.choice(['escalated', 'worked around it', 'waited'])}.")
        out.append("timeline:")
        for k in range(rng.randrange(1, 4)):
            out.append(f"  - date: {date(year, month, min(28, 1 + 9 * k))}")
            out.append(f"    event: {rng.choice(EVENTS).format(sev=claimed)}")
            out.append(f"    source: {rng.choice(['support', 'customer-success', 'sales'])}")
        if causes:
            out.append("causes:")
            for code, links in causes:
                confirmed = rng.random() < 0.5
                out.append(f"  - code: {code}")
                out.append(f"    confidence: {'confirmed' if confirmed else rng.choice(['likely', 'suspected'])}")
                if confirmed:
                    out.append(f"    evidence: Ticket SUP-{rng.randrange(10000, 99999)}, CRM note {rng.randrange(100, 999)}")
                if links:
                    out.append(f"    caused_by: [{', '.join(links)}]")
                if rng.random() < 0.2:
                    out.append("    note: >-")
                    out.append("      Found in the review; the owner agreed")
                    out.append("      to follow up before the next QBR.")
        if rng.random() < 0.6:
            out.append("signals_missed:")
            out.append(f"  - {rng.choice(SIGNALS).format(n=rng.randrange(10, 60), month=rng.choice(MONTHS))}")
        if not is_open:
            out.append("actions:")
            for code, _ in causes[:2] or [(None, None)]:
                owner = owner_of(code) if code else "customer-success"
                out.append(f"  - action: Follow-up {rng.randrange(1, 999)} for {code or 'the account'}")
                out.append(f"    owner: {owner}")
                out.append(f"    due: {date(year + 1, rng.randrange(1, 13), rng.randrange(1, 28))}")
                out.append(f"    status: {rng.choice(['open', 'done', 'done', 'dropped'])}")
                if code:
                    out.append(f"    cause: {code}")
            owners = sorted({owner_of(code) for code, _ in causes} | {"customer-success"})
            out.append("reviewed:")
            out.append(f"  date: {closed}")
            out.append(f"  attendees: [{', '.join(owners)}]")
        out.append(f"tags: [{acc['segment']}-{year}, {rng.choice(['renewal', 'go-live', 'upgrade'])}]")
        return "\n".join(out) + "\n"

    def write(self, root):
        written = 0
        index = 0
        file_no = 0
        while written < self.cases:
            year = 2022 + index % 4
            region = REGIONS[file_no % len(REGIONS)]
            month = 1 + (file_no // 4) % 12
            folder = os.path.join(root, str(year), region.lower(), f"{month:02d}")
            os.makedirs(folder, exist_ok=True)
            per_file = 1 if file_no % 8 else min(self.rng.randrange(2, 6), self.cases - written)
            docs = []
            for _ in range(per_file):
                docs.append(self.case_text(index, year))
                index += 1
            ext = "yml" if file_no % 10 == 9 else "yaml"
            name = f"case-{file_no:06d}.{ext}"
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write("---\n".join(docs) if per_file > 1 else docs[0])
            written += per_file
            file_no += 1
        return file_no


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = Generator(args.cases, args.seed).write(args.out)
    print(f"{args.out}: {args.cases} cases in {files} files", file=sys.stderr)


if __name__ == "__main__":
    main()
