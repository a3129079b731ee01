//! When a job runs: standard 5-field cron expressions evaluated in a time zone, fixed intervals
//! (`every`) and one-shot instants (`at`).
//!
//! Daylight-saving rules, in the words a user would check:
//! - a wall-clock time that does not exist on the spring-forward day (02:30 in Europe/Amsterdam on
//!   the last Sunday of March) runs once, at the first instant after the gap (03:00 local); several
//!   slots inside the gap (`*/15 2 * * *`) collapse into that one run;
//! - a wall-clock time that happens twice on the fall-back day runs once, at its first occurrence
//!   (the repeated hour is not run again).
//!
//! Day-of-month and day-of-week follow Vixie cron: when both are restricted (neither is `*`), a
//! day matches when either matches.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// A parsed cron expression: `min hour dom mon dow`, or an alias such as `@daily`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronExpr {
    minutes: u64,
    hours: u32,
    days: u32,
    months: u16,
    weekdays: u8,
    dom_any: bool,
    dow_any: bool,
}

/// Why an expression is not a cron expression; names the field and the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExprError {
    /// Not five fields.
    #[error(
        "invalid cron expression {expr:?}: expected 5 fields (minute hour day-of-month month day-of-week), found {found}"
    )]
    FieldCount {
        /// The expression.
        expr: String,
        /// How many fields it has.
        found: usize,
    },
    /// One field is wrong.
    #[error("invalid cron expression {expr:?}: {field} field {value:?}: {reason}")]
    Field {
        /// The expression.
        expr: String,
        /// `minute`, `hour`, `day-of-month`, `month` or `day-of-week`.
        field: &'static str,
        /// The field as written.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An `@alias` that does not exist.
    #[error(
        "invalid cron expression {expr:?}: unknown alias (use @yearly, @monthly, @weekly, @daily or @hourly)"
    )]
    Alias {
        /// The expression.
        expr: String,
    },
}

struct FieldSpec {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const MINUTE: FieldSpec = FieldSpec { name: "minute", min: 0, max: 59, names: &[] };
const HOUR: FieldSpec = FieldSpec { name: "hour", min: 0, max: 23, names: &[] };
const DOM: FieldSpec = FieldSpec { name: "day-of-month", min: 1, max: 31, names: &[] };
const MONTH: FieldSpec = FieldSpec {
    name: "month",
    min: 1,
    max: 12,
    names: &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
};
// 0 and 7 are both Sunday; 7 is folded into 0 after parsing.
const DOW: FieldSpec = FieldSpec {
    name: "day-of-week",
    min: 0,
    max: 7,
    names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
};

impl CronExpr {
    /// Parses `min hour dom mon dow` (with `*`, lists, ranges, steps and the names `jan`…`dec`,
    /// `sun`…`sat`) or one of `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`,
    /// `@midnight`, `@hourly`.
    pub fn parse(expr: &str) -> Result<Self, ExprError> {
        let trimmed = expr.trim();
        let expanded = match trimmed.to_ascii_lowercase().as_str() {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            a if a.starts_with('@') => return Err(ExprError::Alias { expr: expr.to_string() }),
            _ => trimmed,
        };
        let fields: Vec<&str> = expanded.split_whitespace().collect();
        let [min, hour, dom, mon, dow] = fields[..] else {
            return Err(ExprError::FieldCount { expr: expr.to_string(), found: fields.len() });
        };
        let parse = |spec: &FieldSpec, text: &str| {
            parse_field(spec, text).map_err(|reason| ExprError::Field {
                expr: expr.to_string(),
                field: spec.name,
                value: text.to_string(),
                reason,
            })
        };
        let mut weekdays = parse(&DOW, dow)?;
        if weekdays & (1 << 7) != 0 {
            weekdays = (weekdays | 1) & !(1 << 7);
        }
        Ok(Self {
            minutes: parse(&MINUTE, min)?,
            hours: parse(&HOUR, hour)? as u32,
            days: parse(&DOM, dom)? as u32,
            months: parse(&MONTH, mon)? as u16,
            weekdays: weekdays as u8,
            dom_any: dom.starts_with('*'),
            dow_any: dow.starts_with('*'),
        })
    }

    /// Whether the civil date matches the day-of-month, month and day-of-week fields.
    pub fn matches_date(&self, d: Date) -> bool {
        if self.months & (1 << d.month()) == 0 {
            return false;
        }
        let dom = self.days & (1 << d.day()) != 0;
        let dow = self.weekdays & (1 << d.weekday().to_sunday_zero_offset()) != 0;
        match (self.dom_any, self.dow_any) {
            (true, true) => true,
            (false, true) => dom,
            (true, false) => dow,
            (false, false) => dom || dow,
        }
    }

    /// Whether the civil date and time (to the minute) match every field.
    pub fn matches(&self, dt: DateTime) -> bool {
        self.matches_date(dt.date())
            && self.hours & (1 << dt.hour()) != 0
            && self.minutes & (1 << dt.minute()) != 0
    }

    /// The first instant strictly after `after` at which the expression fires in `tz`; `None`
    /// when no date matches within eight years (e.g. `0 0 30 2 *`).
    pub fn next_after(&self, after: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
        let start = after.to_zoned_datetime(tz.clone()).datetime();
        let mut date = start.date();
        // Eight years covers every satisfiable combination, Feb 29 on a given weekday included.
        for _ in 0..(8 * 366) {
            if self.matches_date(date) {
                // Wall-clock times map to instants monotonically (first occurrence in a fold,
                // end of a gap), so on the first day times before `after`'s own are skipped.
                let first_day = date == start.date();
                for hour in bits(u64::from(self.hours)) {
                    if first_day && (hour as i8) < start.hour() {
                        continue;
                    }
                    for minute in bits(self.minutes) {
                        if first_day && hour as i8 == start.hour() && (minute as i8) < start.minute() {
                            continue;
                        }
                        let time = Time::new(hour as i8, minute as i8, 0, 0).ok()?;
                        let at = resolve(tz, date.to_datetime(time));
                        if at > after {
                            return Some(at);
                        }
                    }
                }
            }
            date = date.tomorrow().ok()?;
        }
        None
    }
}

/// The instant a wall-clock time denotes in `tz`: the first occurrence in a fold, the end of the
/// gap (the first valid instant after it) in a gap.
fn resolve(tz: &TimeZone, dt: DateTime) -> Timestamp {
    let amb = tz.to_ambiguous_timestamp(dt);
    match amb.offset() {
        AmbiguousOffset::Unambiguous { .. } | AmbiguousOffset::Fold { .. } => {
            amb.earlier().unwrap_or(Timestamp::MAX)
        }
        AmbiguousOffset::Gap { after, .. } => {
            // `dt` read with the post-gap offset lies before the transition; the transition
            // that follows it is the first instant after the gap.
            let before_gap = after.to_timestamp(dt).unwrap_or(Timestamp::MIN);
            tz.following(before_gap)
                .next()
                .map(|t| t.timestamp())
                .unwrap_or_else(|| amb.compatible().unwrap_or(Timestamp::MAX))
        }
    }
}

fn bits(set: u64) -> impl Iterator<Item = u32> {
    (0..64).filter(move |i| set & (1 << i) != 0)
}

fn parse_field(spec: &FieldSpec, text: &str) -> Result<u64, String> {
    if text.is_empty() {
        return Err("empty".into());
    }
    let mut set = 0u64;
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s.parse().map_err(|_| format!("step {s:?} is not a number"))?;
                if step == 0 {
                    return Err("step 0 is not allowed".into());
                }
                (r, step)
            }
            None => (part, 1),
        };
        let (lo, hi) = if range == "*" {
            (spec.min, spec.max)
        } else if let Some((a, b)) = range.split_once('-') {
            let (a, mut b) = (value(spec, a)?, value(spec, b)?);
            // `fri-sun`: Sunday closes a weekday range as 7.
            if spec.name == DOW.name && b == 0 && a > 0 {
                b = 7;
            }
            if a > b {
                return Err(format!("range {range:?} goes backwards"));
            }
            (a, b)
        } else {
            let a = value(spec, range)?;
            // `5/15` means from 5 to the end in steps of 15.
            (a, if part.contains('/') { spec.max } else { a })
        };
        let mut v = lo;
        while v <= hi {
            set |= 1 << v;
            v += step;
        }
    }
    Ok(set)
}

fn value(spec: &FieldSpec, text: &str) -> Result<u32, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(i) = spec.names.iter().position(|n| *n == lower) {
        // Month names start at 1, weekday names at 0 (Sunday).
        return Ok(i as u32 + spec.min.min(1));
    }
    let n: u32 = text.parse().map_err(|_| {
        if spec.names.is_empty() {
            format!("{text:?} is not a number")
        } else {
            format!("{text:?} is not a number or a name ({}…)", spec.names[..3].join(", "))
        }
    })?;
    if n < spec.min || n > spec.max {
        return Err(format!("{n} is out of range {}-{}", spec.min, spec.max));
    }
    Ok(n)
}

/// How often a job runs, as stored in `cron/jobs.json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Schedule {
    /// A cron expression in a time zone.
    Cron {
        /// The expression as written, e.g. `0 8 * * mon-fri`.
        expr: String,
        /// An IANA zone name such as `Europe/Amsterdam`, or `local`.
        tz: String,
    },
    /// A fixed interval, e.g. `30m`, counted from the end of the previous run.
    Every {
        /// The interval as written.
        every: String,
    },
    /// Once, at an instant (RFC 3339, UTC).
    At {
        /// The instant.
        at: String,
    },
}

/// A stored schedule that no longer parses (hand-edited jobs.json).
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// A bad cron expression.
    #[error(transparent)]
    Expr(#[from] ExprError),
    /// A zone that is not in the time zone database.
    #[error("unknown time zone {0:?}: use an IANA name such as Europe/Amsterdam, or local")]
    Zone(String),
    /// A bad interval.
    #[error(transparent)]
    Every(#[from] crate::time::DurationError),
    /// An interval of zero.
    #[error("interval {0:?} must be longer than zero")]
    ZeroInterval(String),
    /// A bad instant.
    #[error("invalid time {0:?}: expected RFC 3339 (2026-12-01T08:00:00+01:00) or YYYY-MM-DD HH:MM")]
    At(String),
}

/// The zone called `name` (`local` is the system zone).
pub fn zone(name: &str) -> Result<TimeZone, ScheduleError> {
    if name.eq_ignore_ascii_case("local") {
        Ok(TimeZone::system())
    } else {
        TimeZone::get(name).map_err(|_| ScheduleError::Zone(name.to_string()))
    }
}

/// Parses `--every`: a positive duration such as `30m` or `1h30m`.
pub fn parse_every(text: &str) -> Result<SignedDuration, ScheduleError> {
    let d = crate::time::parse_duration(text)?;
    if d.is_zero() {
        return Err(ScheduleError::ZeroInterval(text.to_string()));
    }
    Ok(d)
}

/// Parses `--at`: RFC 3339 with an offset, or `YYYY-MM-DD HH:MM[:SS]` (or with `T`) in `tz`.
pub fn parse_at(text: &str, tz: &TimeZone) -> Result<Timestamp, ScheduleError> {
    let err = || ScheduleError::At(text.to_string());
    if let Ok(ts) = text.trim().parse::<Timestamp>() {
        return Ok(ts);
    }
    let dt: DateTime = text.trim().parse().map_err(|_| err())?;
    Ok(resolve(tz, dt))
}

impl Schedule {
    /// The first run strictly after `after`; `None` when there is none (a past `at`).
    pub fn next_after(&self, after: Timestamp) -> Result<Option<Timestamp>, ScheduleError> {
        Ok(match self {
            Schedule::Cron { expr, tz } => CronExpr::parse(expr)?.next_after(after, &zone(tz)?),
            Schedule::Every { every } => after.checked_add(parse_every(every)?).ok(),
            Schedule::At { at } => {
                let at: Timestamp = at.parse().map_err(|_| ScheduleError::At(at.clone()))?;
                (at > after).then_some(at)
            }
        })
    }

    /// The zone times of this job are shown in.
    pub fn time_zone(&self) -> TimeZone {
        match self {
            Schedule::Cron { tz, .. } => zone(tz).unwrap_or(TimeZone::UTC),
            _ => TimeZone::system(),
        }
    }

    /// Checks that the schedule parses.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        self.next_after(Timestamp::UNIX_EPOCH).map(|_| ())
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schedule::Cron { expr, tz } => write!(f, "cron {expr} ({tz})"),
            Schedule::Every { every } => write!(f, "every {every}"),
            Schedule::At { at } => match at.parse::<Timestamp>() {
                Ok(ts) => {
                    write!(f, "at {}", ts.to_zoned_datetime(TimeZone::system()).strftime("%Y-%m-%d %H:%M %Z"))
                }
                Err(_) => write!(f, "at {at}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn next(expr: &str, after: &str, tz: &str) -> String {
        let tz = TimeZone::get(tz).unwrap();
        let at = CronExpr::parse(expr).unwrap().next_after(ts(after), &tz).unwrap();
        at.to_zoned_datetime(tz).strftime("%Y-%m-%d %H:%M %:z").to_string()
    }

    #[test]
    fn weekdays_at_eight_in_amsterdam() {
        // Friday 2026-11-27 09:00 local → Monday 08:00 CET.
        assert_eq!(
            next("0 8 * * mon-fri", "2026-11-27T08:00:00Z", "Europe/Amsterdam"),
            "2026-11-30 08:00 +01:00"
        );
        // Monday 07:59 local → the same day.
        assert_eq!(
            next("0 8 * * mon-fri", "2026-11-30T06:59:00Z", "Europe/Amsterdam"),
            "2026-11-30 08:00 +01:00"
        );
        // Exactly at 08:00 → strictly after: Tuesday.
        assert_eq!(
            next("0 8 * * mon-fri", "2026-11-30T07:00:00Z", "Europe/Amsterdam"),
            "2026-12-01 08:00 +01:00"
        );
        // Summer time: 08:00 CEST is 06:00 UTC.
        assert_eq!(
            next("0 8 * * MON-FRI", "2026-06-01T00:00:00Z", "Europe/Amsterdam"),
            "2026-06-01 08:00 +02:00"
        );
    }

    #[test]
    fn spring_forward_runs_once_at_end_of_gap() {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST in Amsterdam.
        let tz = TimeZone::get("Europe/Amsterdam").unwrap();
        let e = CronExpr::parse("30 2 * * *").unwrap();
        let first = e.next_after(ts("2026-03-28T00:00:00Z"), &tz).unwrap();
        assert_eq!(first, ts("2026-03-28T01:30:00Z")); // the day before: 02:30 CET
        let gap_day = e.next_after(first, &tz).unwrap();
        assert_eq!(
            gap_day.to_zoned_datetime(tz.clone()).strftime("%F %H:%M %:z").to_string(),
            "2026-03-29 03:00 +02:00"
        );
        let after = e.next_after(gap_day, &tz).unwrap();
        assert_eq!(
            after.to_zoned_datetime(tz.clone()).strftime("%F %H:%M %:z").to_string(),
            "2026-03-30 02:30 +02:00"
        );
        // Four slots inside the gap collapse into one run.
        let q = CronExpr::parse("*/15 2 * * *").unwrap();
        let a = q.next_after(ts("2026-03-28T23:00:00Z"), &tz).unwrap();
        assert_eq!(a, ts("2026-03-29T01:00:00Z"));
        assert_eq!(q.next_after(a, &tz).unwrap().to_zoned_datetime(tz).date().to_string(), "2026-03-30");
    }

    #[test]
    fn fall_back_runs_once() {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
        let tz = TimeZone::get("Europe/Amsterdam").unwrap();
        let e = CronExpr::parse("30 2 * * *").unwrap();
        let first = e.next_after(ts("2026-10-24T12:00:00Z"), &tz).unwrap();
        assert_eq!(first, ts("2026-10-25T00:30:00Z")); // 02:30 CEST, the first occurrence
        let second = e.next_after(first, &tz).unwrap();
        assert_eq!(second, ts("2026-10-26T01:30:00Z")); // the next day, not 02:30 CET
        // From inside the repeated hour, too.
        assert_eq!(e.next_after(ts("2026-10-25T01:10:00Z"), &tz).unwrap(), second);
    }

    #[test]
    fn new_york_dst_days() {
        assert_eq!(next("30 2 * * *", "2026-03-08T05:00:00Z", "America/New_York"), "2026-03-08 03:00 -04:00");
        assert_eq!(next("30 1 * * *", "2026-11-01T04:00:00Z", "America/New_York"), "2026-11-01 01:30 -04:00");
        let tz = TimeZone::get("America/New_York").unwrap();
        let e = CronExpr::parse("30 1 * * *").unwrap();
        let first = e.next_after(ts("2026-11-01T04:00:00Z"), &tz).unwrap();
        let then = e.next_after(first, &tz).unwrap();
        assert_eq!(
            then.to_zoned_datetime(tz).strftime("%F %H:%M %:z").to_string(),
            "2026-11-02 01:30 -05:00"
        );
    }

    #[test]
    fn fields_lists_ranges_steps_names() {
        assert_eq!(next("*/20 9-10 * * *", "2026-01-05T09:41:00Z", "UTC"), "2026-01-05 10:00 +00:00");
        assert_eq!(next("0 0 1 jan,jul *", "2026-02-01T00:00:00Z", "UTC"), "2026-07-01 00:00 +00:00");
        assert_eq!(next("0 12 * * 7", "2026-11-23T00:00:00Z", "UTC"), "2026-11-29 12:00 +00:00");
        assert_eq!(next("0 12 * * sat-sun", "2026-11-23T00:00:00Z", "UTC"), "2026-11-28 12:00 +00:00");
        assert_eq!(next("0 12 * * fri-sun", "2026-11-28T13:00:00Z", "UTC"), "2026-11-29 12:00 +00:00");
        assert_eq!(next("5/30 * * * *", "2026-01-01T00:06:00Z", "UTC"), "2026-01-01 00:35 +00:00");
        assert_eq!(next("@daily", "2026-01-01T00:00:00Z", "UTC"), "2026-01-02 00:00 +00:00");
        assert_eq!(next("@hourly", "2026-01-01T00:00:00Z", "UTC"), "2026-01-01 01:00 +00:00");
        // dom and dow both restricted: either matches (Vixie cron).
        assert_eq!(next("0 0 13 * fri", "2026-11-23T00:00:00Z", "UTC"), "2026-11-27 00:00 +00:00");
        assert_eq!(next("0 0 29 2 *", "2026-03-01T00:00:00Z", "UTC"), "2028-02-29 00:00 +00:00");
        let utc = TimeZone::UTC;
        assert_eq!(CronExpr::parse("0 0 30 2 *").unwrap().next_after(ts("2026-01-01T00:00:00Z"), &utc), None);
    }

    #[test]
    fn errors_name_field_and_value() {
        let e = CronExpr::parse("0 8 * * mon-fry").unwrap_err().to_string();
        assert!(e.contains("day-of-week field \"mon-fry\""), "{e}");
        let e = CronExpr::parse("61 * * * *").unwrap_err().to_string();
        assert!(e.contains("minute field \"61\": 61 is out of range 0-59"), "{e}");
        let e = CronExpr::parse("0 8 * *").unwrap_err().to_string();
        assert!(e.contains("expected 5 fields"), "{e}");
        for bad in
            ["*/0 * * * *", "5-1 * * * *", "@sometimes", "* * 0 * *", "* * * 13 *", "a * * * *", ", * * * *"]
        {
            assert!(CronExpr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn at_and_every() {
        let ams = TimeZone::get("Europe/Amsterdam").unwrap();
        assert_eq!(parse_at("2026-12-01 08:00", &ams).unwrap(), ts("2026-12-01T07:00:00Z"));
        assert_eq!(parse_at("2026-12-01T08:00:00+01:00", &ams).unwrap(), ts("2026-12-01T07:00:00Z"));
        assert!(parse_at("tomorrow", &ams).is_err());
        assert!(parse_every("0m").is_err());
        let s = Schedule::Every { every: "30m".into() };
        assert_eq!(s.next_after(ts("2026-01-01T00:00:00Z")).unwrap(), Some(ts("2026-01-01T00:30:00Z")));
        let a = Schedule::At { at: "2026-01-01T00:00:00Z".into() };
        assert_eq!(a.next_after(ts("2026-01-01T00:00:00Z")).unwrap(), None);
    }

    fn field(lo: u32, hi: u32) -> impl Strategy<Value = String> {
        prop_oneof![
            Just("*".to_string()),
            (lo..=hi).prop_map(|v| v.to_string()),
            (lo..=hi, 1..=hi).prop_map(|(a, s)| format!("{a}/{s}")),
            (lo..=hi, lo..=hi).prop_map(|(a, b)| format!("{}-{}", a.min(b), a.max(b))),
        ]
    }

    /// `next_after` is strictly later, matches the fields (or is the end of a DST gap), and no
    /// matching minute lies between (a repeated fold minute excepted), checked over two days.
    fn check(expr: &str, after: Timestamp, zone: &str) -> Result<(), TestCaseError> {
        let Ok(e) = CronExpr::parse(expr) else { return Ok(()) };
        let tz = TimeZone::get(zone).unwrap();
        let next = e.next_after(after, &tz).unwrap();
        prop_assert!(next > after);
        let local = next.to_zoned_datetime(tz.clone()).datetime();
        let gap_end = matches!(
            tz.to_ambiguous_timestamp(local - SignedDuration::from_mins(1)).offset(),
            AmbiguousOffset::Gap { .. }
        );
        prop_assert!(e.matches(local) || gap_end, "{expr} after {after} gave {local}");
        let mut t = after;
        let limit = after + SignedDuration::from_hours(48);
        while t < next.min(limit) {
            let l = t.to_zoned_datetime(tz.clone()).datetime();
            let repeat = tz.to_ambiguous_timestamp(l).earlier().is_ok_and(|first| first < t);
            if t > after && l.second() == 0 {
                prop_assert!(!e.matches(l) || repeat, "{expr}: {l} matched before {local}");
            }
            t = t.checked_add(SignedDuration::from_secs(60 - t.as_second().rem_euclid(60))).unwrap();
        }
        Ok(())
    }

    const ZONES: [&str; 3] = ["Europe/Amsterdam", "America/New_York", "UTC"];
    /// DST changes of 2026: Amsterdam spring and fall, New York spring and fall.
    const TRANSITIONS: [i64; 4] = [1_774_746_000, 1_792_890_000, 1_772_953_200, 1_793_512_800];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn next_is_after_and_matches(
            min in field(0, 59), hour in field(0, 23), dom in field(1, 28), dow in field(0, 6),
            secs in 1_700_000_000i64..1_900_000_000, zone in 0..3usize,
        ) {
            check(&format!("{min} {hour} {dom} * {dow}"), Timestamp::from_second(secs).unwrap(), ZONES[zone])?;
        }

        #[test]
        fn next_is_right_around_dst_changes(
            min in field(0, 59), hour in field(0, 4), which in 0..4usize, offset in -30_000i64..30_000,
        ) {
            let zone = if which < 2 { "Europe/Amsterdam" } else { "America/New_York" };
            let after = Timestamp::from_second(TRANSITIONS[which] + offset).unwrap();
            check(&format!("{min} {hour} * * *"), after, zone)?;
        }
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    /// The slowest kinds of search still answer (and say "never" for February 30th).
    #[test]
    fn sparse_and_impossible_expressions_answer() {
        let tz = TimeZone::get("Europe/Amsterdam").unwrap();
        let start = Timestamp::from_second(1_790_000_000).unwrap();
        for expr in ["* * * * *", "0 8 * * mon-fri", "0 0 29 2 mon"] {
            let next = CronExpr::parse(expr).unwrap().next_after(start, &tz);
            assert!(next.is_some_and(|t| t > start), "{expr}");
        }
        if let Ok(e) = CronExpr::parse("0 0 30 2 *") {
            assert_eq!(e.next_after(start, &tz), None);
        }
    }
}
