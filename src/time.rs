//! Time helpers shared by the stores: epoch milliseconds (the unit of `sessions.json`), RFC 3339
//! stamps (the unit of transcripts) and human durations such as `30m`, `12h`, `7d`.

use jiff::{SignedDuration, Timestamp};

/// Milliseconds since the Unix epoch, as stored in `sessions.json`.
pub fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

/// Converts epoch milliseconds into a timestamp; out-of-range values clamp to the epoch.
pub fn from_ms(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// An RFC 3339 UTC stamp with milliseconds, e.g. `2026-11-23T10:00:00.123Z`.
pub fn rfc3339_ms(ts: Timestamp) -> String {
    format!("{ts:.3}")
}

/// Error for a duration the user wrote that we cannot read.
#[derive(Debug, thiserror::Error)]
#[error("invalid duration {input:?}: expected a number and a unit such as 90s, 30m, 12h, 7d or 2w")]
pub struct DurationError {
    /// The text as given.
    pub input: String,
}

/// Parses `90s`, `30m`, `12h`, `7d`, `2w` (and combinations like `1h30m`) into a duration.
pub fn parse_duration(input: &str) -> Result<SignedDuration, DurationError> {
    let err = || DurationError { input: input.to_string() };
    let s = input.trim();
    if s.is_empty() {
        return Err(err());
    }
    let mut total: i64 = 0;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: i64 = digits.parse().map_err(|_| err())?;
        digits.clear();
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(err()),
        };
        total = n.checked_mul(unit).and_then(|v| total.checked_add(v)).ok_or_else(err)?;
    }
    if !digits.is_empty() {
        return Err(err());
    }
    Ok(SignedDuration::from_secs(total))
}

/// A short human age such as `45s`, `12m`, `3h`, `5d`.
pub fn human_age(d: SignedDuration) -> String {
    let s = d.as_secs().max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86_400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30m").unwrap().as_secs(), 1800);
        assert_eq!(parse_duration("1h30m").unwrap().as_secs(), 5400);
        assert_eq!(parse_duration("2w").unwrap().as_secs(), 14 * 86_400);
        for bad in ["", "m", "10", "10x", "-5m", "1.5h"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ages() {
        assert_eq!(human_age(SignedDuration::from_secs(59)), "59s");
        assert_eq!(human_age(SignedDuration::from_secs(7200)), "2h");
        assert_eq!(human_age(SignedDuration::from_secs(-3)), "0s");
    }
}
