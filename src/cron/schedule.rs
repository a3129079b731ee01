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
//! Fields mean what they mean to the system cron (Vixie cron / cronie, `man 5 crontab`): steps,
//! ranges, lists and names in every field. Day-of-month and day-of-week are ORed only when both
//! are restricted; a day field that starts with `*` (so `*/2` too) is not restricted for that rule,
//! but its step still applies, and the two day fields are then ANDed: `0 9 */4 * sun` runs on the
//! Sundays that are the 1st, 5th, 9th, … of a month. Two extensions cronie does not accept are
//! kept: `N/S` (from N to the end of the range in steps of S) and Sunday written as 0 at the end
//! of a range with a step (`thu-sun/2`, which cronie silently reads as no day at all).

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
    /// The day-of-month field starts with `*` (cronie's DOM_STAR).
    dom_star: bool,
    /// The day-of-week field starts with `*` (cronie's DOW_STAR).
    dow_star: bool,
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
            dom_star: dom.starts_with('*'),
            dow_star: dow.starts_with('*'),
        })
    }

    /// Whether the civil date matches the day-of-month, month and day-of-week fields.
    pub fn matches_date(&self, d: Date) -> bool {
        if self.months & (1 << d.month()) == 0 {
            return false;
        }
        let dom = self.days & (1 << d.day()) != 0;
        let dow = self.weekdays & (1 << d.weekday().to_sunday_zero_offset()) != 0;
        // cronie's cron.c: a `*` field holds every day, so ANDing it leaves the other field,
        // and a starred field with a step (`*/2`) still restricts.
        if self.dom_star || self.dow_star { dom && dow } else { dom || dow }
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
                let step = number(s).ok_or_else(|| format!("step {s:?} is not a number"))?;
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
        // Checked: `1/4294967295` must not overflow.
        let mut v = Some(lo);
        while let Some(x) = v.filter(|x| *x <= hi) {
            set |= 1 << x;
            v = x.checked_add(step);
        }
    }
    Ok(set)
}

/// Digits only, as cronie reads them (`str::parse` would also take `+5`).
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn value(spec: &FieldSpec, text: &str) -> Result<u32, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(i) = spec.names.iter().position(|n| *n == lower) {
        // Month names start at 1, weekday names at 0 (Sunday).
        return Ok(i as u32 + spec.min.min(1));
    }
    let n = number(text).ok_or_else(|| {
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
        // A step as big as a u32 is one value, not an overflow; a sign is not a digit.
        assert_eq!(next("1/4294967295 * * * *", "2026-01-01T00:00:00Z", "UTC"), "2026-01-01 00:01 +00:00");
        let e = CronExpr::parse("+5 * * * *").unwrap_err().to_string();
        assert!(e.contains("minute field \"+5\": \"+5\" is not a number"), "{e}");
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

    #[test]
    fn star_steps_in_the_day_fields_restrict() {
        // The three cases of issue #18, from Friday 2026-11-27 17:04 UTC.
        let from = "2026-11-27T17:04:00Z";
        // Day-of-week 0,2,4,6: Saturday, not Friday 22:54.
        assert_eq!(next("*/27 * * * */2", from, "UTC"), "2026-11-28 00:00 +00:00");
        // Days 1, 14, 27: today is the 27th, so tonight; then December 1st.
        assert_eq!(next("13,17 */10 */13 * *", from, "UTC"), "2026-11-27 20:13 +00:00");
        assert_eq!(next("13,17 */10 */13 * *", "2026-11-27T20:17:00Z", "UTC"), "2026-12-01 00:13 +00:00");
        // `*/4` starts with `*`, so ANDed with Sunday: Sundays that are the 1st, 5th, … 29th.
        assert_eq!(next("0 9 */4 * sun", from, "UTC"), "2026-11-29 09:00 +00:00");
        assert_eq!(next("0 9 */4 * sun", "2026-11-29T09:00:00Z", "UTC"), "2026-12-13 09:00 +00:00");
        // Every other day, not every day: the 27th, then the 29th, then the 1st (31 is odd).
        let e = CronExpr::parse("0 0 */2 * *").unwrap();
        let days: Vec<i8> = std::iter::successors(Some(ts(from)), |t| e.next_after(*t, &TimeZone::UTC))
            .skip(1)
            .take(4)
            .map(|t| t.to_zoned_datetime(TimeZone::UTC).day())
            .collect();
        assert_eq!(days, [29, 1, 3, 5]);
        // Both restricted and neither starting with `*`: ORed, even when one covers every day.
        assert_eq!(next("0 0 1-31 * mon", from, "UTC"), "2026-11-28 00:00 +00:00");
        assert_eq!(next("0 0 13 * 5", from, "UTC"), "2026-12-04 00:00 +00:00");
        // A list that starts with a star-step is starred too (cronie looks at the first byte).
        // Days 1, 11, 13, 21, 31 and Friday: not Friday the 4th, but the 11th.
        assert_eq!(next("0 0 */10,13 * fri", from, "UTC"), "2026-12-11 00:00 +00:00");
    }

    /// Every run of `expr` from local midnight to the next midnight of `day` in `zone`, as
    /// local `HH:MM±hh:mm`.
    fn runs_on(expr: &str, day: &str, zone: &str) -> Vec<String> {
        let tz = TimeZone::get(zone).unwrap();
        let e = CronExpr::parse(expr).unwrap();
        let date: Date = day.parse().unwrap();
        let start = resolve(&tz, date.to_datetime(Time::midnight())) - SignedDuration::from_secs(1);
        let end = resolve(&tz, date.tomorrow().unwrap().to_datetime(Time::midnight()));
        std::iter::successors(e.next_after(start, &tz), |t| e.next_after(*t, &tz))
            .take_while(|t| *t < end)
            .map(|t| t.to_zoned_datetime(tz.clone()).strftime("%H:%M%:z").to_string())
            .collect()
    }

    #[test]
    fn dst_days_of_three_zones() {
        for (zone, spring, fall, gap_end, repeated) in [
            // 02:00 → 03:00, and 03:00 → 02:00.
            ("Europe/Amsterdam", "2026-03-29", "2026-10-25", "03:00+02:00", "02:45+02:00"),
            // 02:00 → 03:00, and 02:00 → 01:00.
            ("America/New_York", "2026-03-08", "2026-11-01", "03:00-04:00", "01:45-04:00"),
            // Half an hour: 02:00 → 02:30, and 02:00 → 01:30.
            ("Australia/Lord_Howe", "2026-10-04", "2026-04-05", "02:30+11:00", "01:45+11:00"),
        ] {
            // Every quarter hour: the slots in the gap collapse into one run at its end, and the
            // repeated slots run once, at their first occurrence.
            let spring_runs = runs_on("*/15 * * * *", spring, zone);
            let gap = if zone == "Australia/Lord_Howe" { 2 } else { 4 };
            assert_eq!(spring_runs.len(), 96 - gap, "{zone}: {spring_runs:?}");
            assert_eq!(spring_runs.iter().filter(|r| **r == gap_end).count(), 1, "{zone}: {spring_runs:?}");
            let fall_runs = runs_on("*/15 * * * *", fall, zone);
            assert_eq!(fall_runs.len(), 96, "{zone}: {fall_runs:?}");
            assert!(fall_runs.contains(&repeated.to_string()), "{zone}: {fall_runs:?}");
            let mut sorted = fall_runs.clone();
            sorted.dedup_by(|a, b| a[..5] == b[..5]);
            assert_eq!(sorted.len(), 96, "{zone}: a wall-clock time ran twice: {fall_runs:?}");
        }
        // A daily job inside the gap runs once, at the first valid minute.
        assert_eq!(runs_on("40 2 * * *", "2026-03-29", "Europe/Amsterdam"), ["03:00+02:00"]);
        assert_eq!(runs_on("10 2 * * *", "2026-10-04", "Australia/Lord_Howe"), ["02:30+11:00"]);
        assert_eq!(runs_on("45 1 * * *", "2026-04-05", "Australia/Lord_Howe"), ["01:45+11:00"]);
        // Several slots of one job inside the gap: one run.
        assert_eq!(runs_on("0,20,40 2 * * *", "2026-03-08", "America/New_York"), ["03:00-04:00"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// No input panics: anything that is not an expression is an error naming a field.
        #[test]
        fn any_text_parses_or_errs(text in "[0-9*/,a-zA-Z@ -]{0,30}|\\PC{0,40}", secs in 0i64..4_000_000_000) {
            if let Ok(e) = CronExpr::parse(&text) {
                let tz = TimeZone::get("Australia/Lord_Howe").unwrap();
                let _ = e.next_after(Timestamp::from_second(secs).unwrap(), &tz);
            }
        }

        #[test]
        fn big_numbers_are_errors_not_panics(
            a in "[0-9]{1,12}", b in "[0-9]{1,12}", which in 0..5usize,
        ) {
            let mut fields = ["*"; 5].map(String::from);
            fields[which] = format!("{a}/{b}");
            let _ = CronExpr::parse(&fields.join(" "));
            fields[which] = format!("*/{b},{a}-{b}");
            let _ = CronExpr::parse(&fields.join(" "));
        }
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

#[cfg(test)]
mod differential {
    use std::collections::HashMap;

    use super::*;

    /// Next runs computed by an independent implementation (croniter, set to cronie's day rule,
    /// with the DST rules above), written by scripts/gen-cron-reference.py:
    /// `EXPR|ZONE|START|N1 N2 N3`. The script also has crondst (a Vixie-cron implementation)
    /// recompute the runs of the expressions it accepts: they differ only where Vixie's own DST
    /// rule does (an hour-`*` job in the spring-forward gap).
    const REFERENCE: &str = include_str!("../../tests/fixtures/cron/vixie-next-runs.txt");

    fn show(t: Option<Timestamp>, tz: &TimeZone) -> String {
        t.map_or("never".into(), |t| t.to_zoned_datetime(tz.clone()).strftime("%a %F %H:%M %:z").to_string())
    }

    #[test]
    fn next_runs_agree_with_the_vixie_reference() {
        let mut zones: HashMap<&str, TimeZone> = HashMap::new();
        let (mut cases, mut failures) = (0, Vec::new());
        for line in REFERENCE.lines().filter(|l| !l.starts_with('#')) {
            let [expr, zone, start, runs] = line.split('|').collect::<Vec<_>>()[..] else {
                panic!("bad fixture line {line:?}");
            };
            let tz = zones.entry(zone).or_insert_with(|| TimeZone::get(zone).unwrap()).clone();
            cases += 1;
            let e = match CronExpr::parse(expr) {
                Ok(e) => e,
                Err(err) => {
                    failures.push(err.to_string());
                    continue;
                }
            };
            let mut after = Timestamp::from_second(start.parse().unwrap()).unwrap();
            for want in runs.split(' ') {
                let want = Timestamp::from_second(want.parse().unwrap()).unwrap();
                let got = e.next_after(after, &tz);
                if got != Some(want) {
                    failures.push(format!(
                        "{expr:?} in {zone} after {}: want {}, got {}",
                        show(Some(after), &tz),
                        show(Some(want), &tz),
                        show(got, &tz)
                    ));
                    break;
                }
                after = want;
            }
        }
        assert!(cases >= 4000, "the fixture has {cases} expressions");
        assert!(
            failures.is_empty(),
            "{} of {cases} expressions disagree with the reference; the first:\n{}",
            failures.len(),
            failures.iter().take(15).cloned().collect::<Vec<_>>().join("\n")
        );
    }
}
