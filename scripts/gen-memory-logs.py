#!/usr/bin/env python3
"""Writes a deterministic openclaw home with ten years of daily memory logs for benchmarks.

Usage: gen-memory-logs.py HOME [DAYS] [BYTES_PER_DAY]

Agent `main` gets MEMORY.md and DAYS files memory/YYYY-MM-DD.md (default 3650 days ending
2026-11-23) of realistic Markdown, about BYTES_PER_DAY each (default 14,000: ~50 MB in all).
The same arguments always produce the same bytes. A few planted lines make the queries of
bench-memory-grep.sh meaningful: "Zanzibar" is rare (12 lines), "meeting" is common.
"""

import datetime
import os
import random
import sys

home = sys.argv[1]
days = int(sys.argv[2]) if len(sys.argv) > 2 else 3650
per_day = int(sys.argv[3]) if len(sys.argv) > 3 else 14_000

rng = random.Random(20261123)
people = ["Jonas", "Ana", "Priya", "Marek", "Sofia", "Kenji", "Lena", "Omar", "Bea", "Tom"]
places = ["the office", "home", "Amsterdam", "the cafe", "Berlin", "the gym", "the station"]
verbs = ["called", "met", "emailed", "reminded", "helped", "asked", "thanked", "paid"]
topics = ["the invoice", "the roadmap", "dinner plans", "the dentist", "a birthday gift",
          "the flight to Lisbon", "the server migration", "quarterly taxes", "the garden",
          "a book recommendation", "the car repair", "school pickup", "the budget review"]
words = ("a about after again all also and any are as at back be because been before being "
         "between both but by can could day did do does done each even first for from get "
         "good had has have he her here him his how if in into is it its just know last "
         "like long look made make many may me more most much must my new no not now of "
         "on one only or other our out over people really right said same see she should "
         "so some still such take than that the their them then there these they thing "
         "think this those through time to too two under up us use very want was way we "
         "well were what when where which while who why will with work would year you "
         "your coffee tea lunch notes follow-up todo idea draft review call plan").split()

def sentence(n):
    return " ".join(rng.choice(words) for _ in range(n))

def entry(hour, minute):
    kind = rng.random()
    t = f"{hour:02d}:{minute:02d}"
    if kind < 0.25:
        return f"- {t} {rng.choice(verbs)} {rng.choice(people)} about {rng.choice(topics)}; {sentence(rng.randint(4, 10))}"
    if kind < 0.35:
        return f"- {t} meeting with {rng.choice(people)} at {rng.choice(places)}: {sentence(rng.randint(5, 12))}"
    if kind < 0.45:
        return f"- {t} TODO: {sentence(rng.randint(3, 8))} (ask {rng.choice(people)})"
    if kind < 0.5:
        return f"- {t} ran `openclaw session ls --active {rng.randint(1, 48)}h` -> {rng.randint(0, 40)} sessions"
    if kind < 0.55:
        return f"- {t} link: https://example.com/{rng.choice(words)}/{rng.randint(1000, 9999)}"
    return f"- {t} {sentence(rng.randint(6, 16)).capitalize()}."

mem = os.path.join(home, "agents", "main", "workspace", "memory")
os.makedirs(mem, exist_ok=True)
with open(os.path.join(home, "gateway.json5"), "w") as f:
    f.write("{ agents: { main: {} } }\n")
with open(os.path.join(home, "agents", "main", "workspace", "MEMORY.md"), "w") as f:
    f.write("# Memory\n\n## People\n\n")
    for p in people:
        f.write(f"- {p}: {sentence(12)}\n")

end = datetime.date(2026, 11, 23)
rare = set(rng.sample(range(days), 12))
total = 0
for i in range(days):
    day = end - datetime.timedelta(days=days - 1 - i)
    lines = [f"# {day.isoformat()}", ""]
    size = 0
    minute = 7 * 60
    section = 0
    for s in ["## Morning", "## Afternoon", "## Evening"]:
        lines += [s, ""]
        size += len(s) + 2
        while size < per_day * (section + 1) / 3:
            minute = min(minute + rng.randint(0, 3), 23 * 60 + 59)
            line = entry(minute // 60, minute % 60)
            lines.append(line)
            size += len(line) + 1
        lines.append("")
        section += 1
    if i in rare:
        lines.insert(5, f"- 07:30 booked the trip to Zanzibar with {rng.choice(people)}")
    data = "\n".join(lines) + "\n"
    total += len(data)
    with open(os.path.join(mem, f"{day.isoformat()}.md"), "w") as f:
        f.write(data)
print(f"{days} daily logs, {total / 1e6:.1f} MB in {mem}", file=sys.stderr)
