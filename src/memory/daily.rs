//! Daily logs, `memory/YYYY-MM-DD.md`: which day it is in the configured zone, how a user writes
//! a day (`today`, `yesterday`, `2026-11-23`), which logs exist in a range, and appending a
//! timestamped entry (creating the file with a `# YYYY-MM-DD` heading on the day's first write).
//!
//! It does not read the config: callers pass the zone (`session.reset.timezone`) or a
//! [`ZonedDateTime`] for "now", so the same code serves the CLI, the agent's tools and compaction.

use std::path::PathBuf;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use super::{Appended, DateError, MemoryError, entry_lines, require_workspace};
use crate::home::Home;
use crate::store;

/// Today's date in `tz`.
pub fn today(tz: &TimeZone) -> Date {
    now(tz).date()
}

/// The current instant in `tz`.
pub fn now(tz: &TimeZone) -> ZonedDateTime {
    Timestamp::now().to_zoned_datetime(tz.clone())
}

/// Reads a day as a user writes it: `today`, `yesterday` (relative to `today`) or `YYYY-MM-DD`.
pub fn parse_day(input: &str, today: Date) -> Result<Date, DateError> {
    let err = || DateError { input: input.to_string() };
    match input.trim() {
        s if s.eq_ignore_ascii_case("today") => Ok(today),
        s if s.eq_ignore_ascii_case("yesterday") => today.yesterday().map_err(|_| err()),
        s => parse_date(s).ok_or_else(err),
    }
}

/// Parses exactly `YYYY-MM-DD` (a real calendar date); anything else is `None`.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).filter(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    digits(0..4)?;
    digits(5..7)?;
    digits(8..10)?;
    let year: i16 = s.get(0..4)?.parse().ok()?;
    let month: i8 = s.get(5..7)?.parse().ok()?;
    let day: i8 = s.get(8..10)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// The date of a daily log file name such as `2026-11-23.md`; `None` for any other name.
pub fn date_of_file_name(name: &str) -> Option<Date> {
    parse_date(name.strip_suffix(".md")?)
}

/// An inclusive range of days; an open end is unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    /// First day included.
    pub since: Option<Date>,
    /// Last day included.
    pub until: Option<Date>,
}

impl DateRange {
    /// Whether `date` lies in the range.
    pub fn contains(&self, date: Date) -> bool {
        self.since.is_none_or(|s| date >= s) && self.until.is_none_or(|u| date <= u)
    }

    /// Whether either end is set.
    pub fn is_bounded(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// One existing daily log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyLog {
    /// The day it records (from its file name).
    pub date: Date,
    /// Where it is.
    pub path: PathBuf,
}

/// The daily logs of `agent` whose date lies in `range`, oldest first. Only regular files named
/// `YYYY-MM-DD.md` count; a missing `memory/` folder means no logs.
pub fn list(home: &Home, agent: &str, range: DateRange) -> Result<Vec<DailyLog>, MemoryError> {
    let dir = home.daily_memory_dir(agent);
    let mut logs: Vec<DailyLog> = super::md_files(&dir)?
        .into_iter()
        .filter_map(|(name, path)| Some(DailyLog { date: date_of_file_name(&name)?, path }))
        .filter(|log| range.contains(log.date))
        .collect();
    logs.sort_by_key(|log| log.date);
    Ok(logs)
}

/// The `# YYYY-MM-DD` heading a daily log starts with.
pub fn heading(date: Date) -> String {
    format!("# {date}\n\n")
}

/// Formats one daily-log entry: `- HH:MM first line`, further lines indented by two spaces so
/// Markdown keeps them in the same list item. Blank lines at either end are dropped.
pub fn format_entry(now: &ZonedDateTime, text: &str) -> Result<String, MemoryError> {
    let stamp = format!("{:02}:{:02}", now.hour(), now.minute());
    entry_lines(&stamp, text)
}

/// Appends `text` as one timestamped entry to the daily log of `now`'s date, creating
/// `memory/` and the file (with its heading) on the day's first write.
///
/// The entry is one `O_APPEND` write, so concurrent appenders never interleave or lose entries.
pub fn append(home: &Home, agent: &str, now: &ZonedDateTime, text: &str) -> Result<Appended, MemoryError> {
    let entry = format_entry(now, text)?;
    require_workspace(home, agent)?;
    let dir = home.daily_memory_dir(agent);
    store::create_dir_private(&dir)?;
    let date = now.date();
    let path = home.daily_memory(agent, date);
    let created =
        store::append_or_create(&path, heading(date).as_bytes(), entry.as_bytes(), store::PRIVATE_FILE)?;
    Ok(Appended { path, entry, created, date: Some(date) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_as_users_write_them() {
        let today = date(2026, 3, 1);
        assert_eq!(parse_day("today", today).unwrap(), today);
        assert_eq!(parse_day("Yesterday", today).unwrap(), date(2026, 2, 28));
        assert_eq!(parse_day("2024-02-29", today).unwrap(), date(2024, 2, 29));
        for bad in [
            "2026-13-45",
            "2025-02-29",
            "2026-1-01",
            "20261101",
            "2026-11-01x",
            "",
            "tomorrow",
            "２026-11-01",
        ] {
            let e = parse_day(bad, today).unwrap_err();
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_real_date_round_trips(days in 0i32..200_000) {
            let d = date(1900, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap();
            proptest::prop_assert_eq!(parse_date(&d.to_string()), Some(d));
            proptest::prop_assert_eq!(date_of_file_name(&format!("{d}.md")), Some(d));
        }
    }

    #[test]
    fn file_names() {
        assert_eq!(date_of_file_name("2026-11-23.md"), Some(date(2026, 11, 23)));
        for other in ["2026-11-23.txt", "notes.md", "2026-11.md", ".2026-11-23.md", "2026-11-23.md.bak"] {
            assert_eq!(date_of_file_name(other), None, "{other}");
        }
    }

    #[test]
    fn ranges_are_inclusive() {
        let r = DateRange { since: Some(date(2026, 1, 2)), until: Some(date(2026, 1, 4)) };
        let inside: Vec<i8> = (1..=5).filter(|d| r.contains(date(2026, 1, *d))).collect();
        assert_eq!(inside, vec![2, 3, 4]);
        assert!(DateRange::default().contains(date(1999, 1, 1)));
    }

    #[test]
    fn entries() {
        let now = date(2026, 11, 23).at(14, 3, 59, 0).to_zoned_datetime(TimeZone::UTC).unwrap();
        assert_eq!(format_entry(&now, "bought milk").unwrap(), "- 14:03 bought milk\n");
        assert_eq!(format_entry(&now, "\nfirst\n\nsecond  \n\n").unwrap(), "- 14:03 first\n\n  second\n");
        assert!(format_entry(&now, " \n\t\n").is_err());
    }

    #[test]
    fn list_filters_and_sorts() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let mem = home.daily_memory_dir("main");
        std::fs::create_dir_all(&mem).unwrap();
        for name in ["2026-11-23.md", "2026-11-01.md", "2025-12-31.md", "notes.md", "2026-13-45.md"] {
            std::fs::write(mem.join(name), "x").unwrap();
        }
        std::fs::create_dir(mem.join("2026-11-02.md")).unwrap();
        let all: Vec<Date> =
            list(&home, "main", DateRange::default()).unwrap().iter().map(|l| l.date).collect();
        assert_eq!(all, vec![date(2025, 12, 31), date(2026, 11, 1), date(2026, 11, 23)]);
        let r = DateRange { since: Some(date(2026, 1, 1)), until: None };
        assert_eq!(list(&home, "main", r).unwrap().len(), 2);
        assert!(list(&home, "ghost", DateRange::default()).unwrap().is_empty());
    }
}
