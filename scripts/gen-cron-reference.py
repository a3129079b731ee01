#!/usr/bin/env python3
"""Regenerate tests/fixtures/cron/vixie-next-runs.txt, the reference the cron schedule is tested
against (src/cron/schedule.rs, `differential_against_vixie_reference`).

usage: python3 -m venv /tmp/cronref && /tmp/cronref/bin/pip install 'croniter==7.0.0' 'crondst==1.0.3'
       /tmp/cronref/bin/python scripts/gen-cron-reference.py > tests/fixtures/cron/vixie-next-runs.txt

Seeded random 5-field expressions (steps, ranges with steps, lists, names, Sunday as 7, aliases)
in several zones, from random start instants (a third of them within two days of a DST change).
Each line: EXPR|ZONE|START|NEXT1 NEXT2 NEXT3 — unix seconds; each NEXT is the first run strictly
after the previous one (START for NEXT1).

Where the wall-clock times come from: croniter, an independent implementation, with two
adjustments so that it means what Vixie cron / cronie mean (`man 5 crontab`, and cronie's
entry.c and cron.c):
- `implement_cron_bug=True`: when the day-of-month or day-of-week field starts with `*` (so
  `*/2` too) cronie sets DOM_STAR/DOW_STAR and the two day fields are ANDed; croniter's default
  ORs them whenever neither has expanded to the full range.
- croniter folds a field that covers its whole range (`0-7`, `1-31`) into `*`, which turns cronie's
  OR into an AND (`0 0 1 * 0-7` is every day in cronie, the 1st in croniter). When neither day
  field starts with `*` and one covers its whole range, every day matches: the script asks
  croniter for `* *` in the day fields instead.
Every wall-clock time croniter returns is checked against a brute-force matcher (the field sets
croniter expanded, and cronie's day rule transcribed from cron.c), and no earlier matching minute
may lie between: the script stops if the two disagree.

A second opinion, when crondst is installed: crondst (a small Vixie-cron implementation with
its DST rule) recomputes every run of the expressions it accepts (it refuses names in lists,
aliases, Sunday as 7 in a range, …) and the script reports where it differs. With the pinned
versions: 10,319 runs compared, 2 differ, both an hour-`*` job in the spring-forward gap, which
Vixie cron skips ("jobs specified with wildcards run based on the new time") and openclaw runs at
the first valid minute, as its README promises.

Daylight saving, as the README promises (not cronie's own rule, which also depends on how far the
clock jumped): a wall-clock time in the spring-forward gap runs once, at the first instant after
the gap; a wall-clock time in the repeated hour runs once, at its first occurrence. Mapped here
with zoneinfo's `fold`, independently of the Rust code (which uses jiff).
"""
import random
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from croniter import croniter

SEED = 18
COUNT = 4000
ZONES = ["UTC", "Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]
START_MIN = int(datetime(2025, 1, 1, tzinfo=timezone.utc).timestamp())
START_MAX = int(datetime(2031, 1, 1, tzinfo=timezone.utc).timestamp())
# No answer further than this is kept (the Rust code searches eight years).
HORIZON = timedelta(days=7 * 365)

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
# (low, high, names) per field; day-of-week goes to 7 like cronie's.
FIELDS = [(0, 59, None), (0, 23, None), (1, 31, None), (1, 12, MONTHS), (0, 7, DAYS)]
ALIASES = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


def value(rng, lo, hi, names):
    v = rng.randint(lo, hi)
    if names and rng.random() < 0.4:
        name = names[v - 1] if names is MONTHS else names[v % 7]
        return rng.choice([name, name.upper(), name.capitalize()])
    return str(v)


def term(rng, lo, hi, names):
    r = rng.random()
    if r < 0.25:
        return value(rng, lo, hi, names)
    if r < 0.5:
        a, b = sorted(rng.sample(range(lo, hi + 1), 2))
        if names and rng.random() < 0.4:
            # names in ranges: mon-fri, jan-mar
            if lo == 1:
                return f"{MONTHS[a - 1]}-{MONTHS[b - 1]}"
            if b <= 6:
                return f"{DAYS[a]}-{DAYS[b]}"
        return f"{a}-{b}"
    if r < 0.75:
        a, b = sorted(rng.sample(range(lo, hi + 1), 2))
        return f"{a}-{b}/{rng.randint(1, max(1, (b - a) // 2 + 1))}"
    if r < 0.85 and names is DAYS:
        # a range that ends on Sunday as 0: cronie reads fri-sun as 5-7 (but thu-sun/2 as
        # nothing at all, which openclaw does not copy)
        return rng.choice(["fri-sun", "sat-sun", "5-0", "mon-sun"])
    if names is DAYS:
        return f"{rng.randint(0, 6)}-7/{rng.randint(1, 4)}"
    # `N/S` is not cronie syntax (it is an error there) but openclaw keeps it: from N to the end
    # of the field. Not in day-of-week, where the end is 7 for openclaw (as `*` is 0-7 in
    # cronie) and 6 for croniter, which also reads `7/3` as 0,3,6.
    return f"{rng.randint(lo, hi)}/{rng.randint(1, hi - lo + 1)}"


def field(rng, lo, hi, names, star_weight):
    r = rng.random()
    if r < star_weight:
        return "*"
    if r < star_weight + 0.25:
        return f"*/{rng.randint(1, hi - lo + 2)}"
    if r < star_weight + 0.4:
        return ",".join(term(rng, lo, hi, names) for _ in range(rng.randint(2, 3)))
    if r < star_weight + 0.45:
        # a list that starts with a star-step still starts with `*`
        return f"*/{rng.randint(2, hi - lo + 1)},{value(rng, lo, hi, names)}"
    return term(rng, lo, hi, names)


def expression(rng):
    if rng.random() < 0.02:
        return rng.choice(list(ALIASES))
    weights = [0.15, 0.2, 0.35, 0.5, 0.35]
    return " ".join(field(rng, lo, hi, names, w) for (lo, hi, names), w in zip(FIELDS, weights))


def expand(expr):
    """The five fields as written and as croniter expanded them (full sets, Sunday as 0)."""
    text = ALIASES.get(expr, expr)
    written = text.split()
    expanded = croniter(text).expanded
    sets = []
    for (lo, hi, _), e in zip(FIELDS, expanded):
        full = set(range(lo, hi + 1))
        sets.append(full if e == ["*"] else set(e))
    sets[4] = {d % 7 for d in sets[4]}
    return text, written, sets


def day_matches(sets, dom_star, dow_star, d):
    """cronie's cron.c: ANDed when either day field starts with `*`, ORed otherwise."""
    if d.month not in sets[3]:
        return False
    dom = d.day in sets[2]
    dow = (d.isoweekday() % 7) in sets[4]
    return (dom and dow) if (dom_star or dow_star) else (dom or dow)


def wall_matches(sets, dom_star, dow_star, w):
    return day_matches(sets, dom_star, dow_star, w.date()) and w.hour in sets[1] and w.minute in sets[0]


class Reference:
    def __init__(self, expr):
        text, written, sets = expand(expr)
        self.sets = sets
        self.dom_star = written[2].startswith("*")
        self.dow_star = written[4].startswith("*")
        fields = list(written)
        if not (self.dom_star or self.dow_star) and (
            sets[2] == set(range(1, 32)) or sets[4] == set(range(7))
        ):
            fields[2] = fields[4] = "*"
        self.text = " ".join(fields)

    def next_wall(self, w):
        """The first matching wall-clock time strictly after `w` (naive), brute-force checked."""
        got = croniter(self.text, w, implement_cron_bug=True).get_next(datetime)
        assert wall_matches(self.sets, self.dom_star, self.dow_star, got), (self.text, w, got)
        # No matching minute in between: whole days where no day matches, minute by minute
        # on a matching day.
        t = w.replace(second=0, microsecond=0) + timedelta(minutes=1)
        while t < got:
            if not day_matches(self.sets, self.dom_star, self.dow_star, t.date()):
                t = datetime.combine(t.date() + timedelta(days=1), datetime.min.time())
                continue
            assert not wall_matches(self.sets, self.dom_star, self.dow_star, t), (self.text, w, t, got)
            t += timedelta(minutes=1)
        return got


def resolve(w, tz):
    """The instant wall-clock time `w` runs at in `tz`: its first occurrence in a fold, the first
    instant after the gap in a gap."""
    early = w.replace(tzinfo=tz, fold=0)
    late = w.replace(tzinfo=tz, fold=1)
    a, b = early.timestamp(), late.timestamp()
    back = datetime.fromtimestamp(a, tz).replace(tzinfo=None)
    if back == w:
        return int(min(a, b))  # exists (once, or twice: the first)
    # In the gap: the transition lies between the two readings; find it to the minute.
    lo, hi = int(min(a, b)), int(max(a, b))
    off_after = datetime.fromtimestamp(hi, tz).utcoffset()
    while hi - lo > 60:
        mid = (lo + hi) // 120 * 60
        if datetime.fromtimestamp(mid, tz).utcoffset() == off_after:
            hi = mid
        else:
            lo = mid
    return hi


def next_after(ref, after, tz):
    # Wall times before `after`'s own map to instants no later than `after`, so start there.
    w = datetime.fromtimestamp(after, tz).replace(tzinfo=None) - timedelta(minutes=1)
    limit = w + HORIZON
    while True:
        w = ref.next_wall(w)
        if w > limit:
            return None
        at = resolve(w, tz)
        if at > after:
            return at


def transitions(tz):
    out, prev = [], None
    for t in range(START_MIN, START_MAX, 3600):
        off = datetime.fromtimestamp(t, tz).utcoffset()
        if prev is not None and off != prev:
            out.append(t)
        prev = off
    return out


def second_opinion(lines):
    """Compares the runs with crondst's, where it accepts the expression; reports to stderr."""
    try:
        from crondst import CronDst
    except ImportError:
        print("crondst is not installed: no second opinion", file=sys.stderr)
        return
    compared, refused, differ = 0, 0, []
    for expr, zone, start, runs in lines:
        tz = ZoneInfo(zone)
        try:
            cron = CronDst(expr)
        except Exception:
            refused += 1
            continue
        after = start
        for want in runs:
            it = cron.iter(datetime.fromtimestamp(after, tz))
            got = int(next(it).timestamp())
            while got <= after:
                got = int(next(it).timestamp())
            compared += 1
            if got != want:
                show = lambda t: datetime.fromtimestamp(t, tz).isoformat()
                differ.append(f"{expr} in {zone} after {show(after)}: {show(want)}, crondst {show(got)}")
                break
            after = want
    print(f"crondst: {compared} runs compared, {len(differ)} differ, {refused} expressions refused", file=sys.stderr)
    for d in differ:
        print(f"  {d}", file=sys.stderr)


def main():
    rng = random.Random(SEED)
    zones = {z: ZoneInfo(z) for z in ZONES}
    changes = {z: transitions(tz) for z, tz in zones.items()}
    seen, skipped, rejected, lines = set(), 0, [], []
    print(f"# generated by scripts/gen-cron-reference.py (seed {SEED}); EXPR|ZONE|START|NEXT1 NEXT2 NEXT3")
    while len(seen) < COUNT:
        expr = expression(rng)
        zone = ZONES[len(seen) % len(ZONES)]
        if expr in seen:
            continue
        if changes[zone] and rng.random() < 0.34:
            start = rng.choice(changes[zone]) + rng.randint(-2 * 86400, 2 * 86400)
        else:
            start = rng.randint(START_MIN, START_MAX)
        try:
            ref = Reference(expr)
        except Exception as e:  # croniter refuses it: say which, keep going
            rejected.append(f"{expr} ({e})")
            continue
        runs, t = [], start
        for _ in range(3):
            t = next_after(ref, t, zones[zone])
            if t is None:
                break
            runs.append(t)
        if len(runs) < 3:
            skipped += 1  # never (30 feb) or too rare to be worth a line
            continue
        seen.add(expr)
        lines.append((expr, zone, start, runs))
        print(f"{expr}|{zone}|{start}|{' '.join(map(str, runs))}")
    print(f"{COUNT} expressions, {skipped} skipped (no three runs within seven years)", file=sys.stderr)
    print(f"{len(rejected)} refused by croniter, e.g. {rejected[:8]}", file=sys.stderr)
    second_opinion(lines)


if __name__ == "__main__":
    main()
