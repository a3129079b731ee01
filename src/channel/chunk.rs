//! Splitting a reply into the parts a service accepts, once, for every channel: at most the
//! service's limit in the service's own unit, preferring a paragraph, then a line, then a word
//! break, never inside a character, and with a Markdown code fence that is open at the end of a
//! part closed there and reopened (with its language) at the start of the next.

use serde::Serialize;

/// How a service counts the length of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// UTF-8 bytes (IRC lines, Signal's inline limit).
    Bytes,
    /// Unicode scalar values.
    Chars,
    /// UTF-16 code units, which is how Discord and Telegram count (an emoji is two).
    Utf16,
}

impl Unit {
    /// The length of `s` in this unit.
    pub fn len(self, s: &str) -> usize {
        match self {
            Unit::Bytes => s.len(),
            Unit::Chars => s.chars().count(),
            Unit::Utf16 => s.encode_utf16().count(),
        }
    }

    fn of(self, c: char) -> usize {
        match self {
            Unit::Bytes => c.len_utf8(),
            Unit::Chars => 1,
            Unit::Utf16 => c.len_utf16(),
        }
    }

    /// The unit's name as the docs and `channel ls` say it.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Bytes => "bytes",
            Unit::Chars => "characters",
            Unit::Utf16 => "UTF-16 units",
        }
    }
}

/// The longest prefix of `s` (a byte index on a char boundary) whose length is at most `budget`.
fn fit(s: &str, budget: usize, unit: Unit) -> usize {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += unit.of(c);
        if used > budget {
            return i;
        }
    }
    s.len()
}

const FENCE: &str = "```";

/// The fence still open after `text`, given the one open before it: `Some(info)` with the
/// language (possibly empty), or `None`.
fn open_fence_after(text: &str, mut open: Option<String>) -> Option<String> {
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(FENCE) {
            open = match open {
                Some(_) => None,
                None => Some(rest.trim().chars().take(20).collect()),
            };
        }
    }
    open
}

/// Splits `text` into parts of at most `max` (in `unit`). Whitespace at the cuts is dropped;
/// every other character is kept, in order. An empty or blank text gives one empty part.
pub fn split(text: &str, max: usize, unit: Unit) -> Vec<String> {
    const CLOSE: &str = "\n```";
    let max = max.max(1);
    let mut parts = Vec::new();
    let mut rest = text.trim();
    let mut fence: Option<String> = None;
    while !rest.is_empty() {
        let mut prefix = fence.as_ref().map(|lang| format!("{FENCE}{lang}\n")).unwrap_or_default();
        if unit.len(&prefix) + unit.len(CLOSE) >= max {
            // A limit too small for fences: plain cuts.
            prefix.clear();
            fence = None;
        }
        let room = max - unit.len(&prefix);
        // First as if no fence stays open; if one does, again with room for closing it.
        let mut cut = cut_at(rest, room, unit);
        let mut after = open_fence_after(rest[..cut].trim_end(), fence.clone());
        if after.is_some() && room > unit.len(CLOSE) {
            cut = cut_at(rest, room - unit.len(CLOSE), unit);
            after = open_fence_after(rest[..cut].trim_end(), fence.clone());
        }
        let body = rest[..cut].trim_end();
        let mut part = format!("{prefix}{body}");
        let closes = after.is_some() && unit.len(&part) + unit.len(CLOSE) <= max;
        if closes {
            part.push_str(CLOSE);
        }
        if !body.is_empty() {
            parts.push(part);
        }
        fence = if closes { after } else { None };
        rest = rest[cut..].trim_start();
    }
    if parts.is_empty() {
        parts.push(String::new());
    }
    parts
}

/// Where to cut `rest` so that the part holds at most `budget`: all of it when it fits, else at
/// the last paragraph, line or word break in the second half of the window, else mid-word.
fn cut_at(rest: &str, budget: usize, unit: Unit) -> usize {
    let end = fit(rest, budget.max(1), unit);
    if end == rest.len() {
        return end;
    }
    let end = if end == 0 { rest.chars().next().map_or(1, char::len_utf8) } else { end };
    let window = &rest[..end];
    ["\n\n", "\n", " "]
        .iter()
        .filter_map(|sep| window.rfind(sep).filter(|&i| i > 0 && unit.len(&window[..i]) >= budget / 2))
        .next()
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_at_paragraphs_then_lines_then_words() {
        let text = format!("{}\n\n{}", "a".repeat(30), "b".repeat(30));
        assert_eq!(split(&text, 40, Unit::Bytes), vec!["a".repeat(30), "b".repeat(30)]);
        assert_eq!(split("one two three four", 9, Unit::Bytes), vec!["one two", "three", "four"]);
        assert_eq!(split("short", 4096, Unit::Bytes), vec!["short"]);
        assert_eq!(split("  ", 10, Unit::Bytes), vec![""]);
    }

    #[test]
    fn counts_in_the_services_unit() {
        // 🎉 is 4 bytes, 1 char, 2 UTF-16 units.
        let text = "🎉".repeat(10);
        assert_eq!(split(&text, 10, Unit::Chars).len(), 1);
        assert_eq!(split(&text, 10, Unit::Utf16).len(), 2);
        assert_eq!(split(&text, 10, Unit::Bytes).len(), 5);
        for p in split(&text, 7, Unit::Utf16) {
            assert!(Unit::Utf16.len(&p) <= 7 && !p.is_empty());
        }
    }

    #[test]
    fn a_code_fence_is_closed_and_reopened_across_parts() {
        let code: Vec<String> = (0..30).map(|i| format!("let x{i} = {i};")).collect();
        let text = format!("Here:\n\n```rust\n{}\n```\n\nDone.", code.join("\n"));
        let parts = split(&text, 120, Unit::Chars);
        assert!(parts.len() > 2, "{parts:#?}");
        for (i, p) in parts.iter().enumerate() {
            assert!(p.chars().count() <= 120, "part {i} too long: {p:?}");
            assert!(open_fence_after(p, None).is_none(), "part {i} leaves a fence open: {p:?}");
            if i > 0 && i + 1 < parts.len() {
                assert!(p.starts_with("```rust\n"), "part {i} does not reopen the fence: {p:?}");
            }
        }
        // Without the added fences, the lines are all there in order.
        let lines: Vec<&str> =
            parts.iter().flat_map(|p| p.lines()).filter(|l| l.starts_with("let")).collect();
        assert_eq!(lines, code.iter().map(String::as_str).collect::<Vec<_>>());
    }

    proptest! {
        #[test]
        fn parts_fit_and_keep_every_word(text in "[a-zé🎉 \n]{0,300}", max in 4usize..60, unit in 0..3u8) {
            let unit = [Unit::Bytes, Unit::Chars, Unit::Utf16][unit as usize];
            let parts = split(&text, max, unit);
            for p in &parts {
                prop_assert!(unit.len(p) <= max, "{p:?} longer than {max}");
            }
            // Every non-space character survives, in order (fences added at cuts aside).
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '`').collect::<String>();
            prop_assert_eq!(strip(&text), parts.iter().map(|p| strip(p)).collect::<String>());
        }

        #[test]
        fn parts_with_fences_fit(text in "[a-z🎉 \n`]{0,300}", max in 4usize..60, unit in 0..3u8) {
            // A reopened fence repeats its language, so only the size is checked here.
            let unit = [Unit::Bytes, Unit::Chars, Unit::Utf16][unit as usize];
            for p in split(&text, max, unit) {
                prop_assert!(unit.len(&p) <= max, "{p:?} longer than {max}");
            }
        }
    }
}
