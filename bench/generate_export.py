#!/usr/bin/env python3
"""Writes a deterministic Salesforce-style Case export for `import` benchmarks.

    bench/generate_export.py OUT.csv --rows 100000 [--seed 7]

Same arguments, same bytes. Columns are the salesforce-cases preset's; about
one description in five holds quotes, commas and line breaks, one in ten is
long (2-4 KB), account names are partly non-ASCII, and one row in three has a
Case Reason the preset maps to a cause.
"""
import argparse
import random

REASONS = ["Product - Bug", "Performance", "Installation", "Feedback", "Complex functionality", "Other", "New problem", ""]
STATUSES = ["New", "Working", "Escalated", "Closed", "Closed", "Closed"]
PRIORITIES = ["Critical", "High", "Medium", "Low"]
WORDS = "export report sync login dashboard timeout renewal billing api webhook latency quota".split()
NAMES = ["ACME Corp", "Globex, Inc.", "Initech", "Müller GmbH", "Café Olé", "Umbrella \"Health\"", "Hooli", "Stark Industries"]


def quote(value):
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    header = ["Case Number", "Account Name", "Account ID", "Subject", "Status", "Priority", "Date/Time Opened",
              "Date/Time Closed", "Case Reason", "Description", "Type", "Case Origin"]
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\r\n")
        for n in range(args.rows):
            account = rng.randrange(2000)
            month, day = rng.randrange(1, 13), rng.randrange(1, 28)
            status = rng.choice(STATUSES)
            closed = f"{min(month + 1, 12)}/{day}/2024 5:00 PM" if status == "Closed" else ""
            r = rng.random()
            if r < 0.2:
                description = f'Customer said "{rng.choice(WORDS)} is broken, again".\r\nSteps: 1, 2, 3.'
            elif r < 0.3:
                description = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(300, 600)))
            else:
                description = f"{rng.choice(WORDS)} {rng.choice(WORDS)} fails"
            row = [f"{n + 1:08d}", f"{rng.choice(NAMES)} {account}", f"001A{account:06d}",
                   f"{rng.choice(WORDS).title()} {rng.choice(WORDS)}: escalation {n}", status,
                   rng.choice(PRIORITIES), f"{month}/{day}/2024 9:15 AM", closed, rng.choice(REASONS),
                   description, rng.choice(["Problem", "Question"]), rng.choice(["Web", "Phone", "Email"])]
            out.write(",".join(quote(v) for v in row) + "\r\n")


if __name__ == "__main__":
    main()
