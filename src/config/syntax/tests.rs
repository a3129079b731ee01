//! The JSON5 reader against the specification: the official conformance suite (and our own
//! corner cases) file by file, the cases of issue #19 by name, and generated input.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value as Json;

use super::*;

/// `line:col: message` of a refused text, for exact assertions.
#[track_caller]
fn err(text: &str) -> String {
    match parse(text) {
        Ok(v) => panic!("expected {text:?} to be refused, got {v:?}"),
        Err(p) => {
            let (line, col) = line_col(text, p.at);
            format!("{line}:{col}: {}", p.message)
        }
    }
}

#[track_caller]
fn json(text: &str) -> Json {
    match parse(text) {
        Ok(Some(v)) => canonical(&v),
        other => panic!("expected {text:?} to load, got {other:?}"),
    }
}

/// The value as JavaScript sees it: every number a double; the ones JSON cannot hold as strings.
fn canonical(v: &Value<'_>) -> Json {
    match v {
        Value::StringLit(s) => Json::String(s.value.to_string()),
        Value::NumberLit(n) => number(number_f64(n.value)),
        Value::BooleanLit(b) => Json::Bool(b.value),
        Value::NullKeyword(_) => Json::Null,
        Value::Array(a) => Json::Array(a.elements.iter().map(canonical).collect()),
        Value::Object(o) => {
            let mut map = serde_json::Map::new();
            for p in &o.properties {
                // JSON5, like JavaScript: the last of duplicate keys counts.
                map.insert(p.name.as_str().to_string(), canonical(&p.value));
            }
            Json::Object(map)
        }
    }
}

fn number(f: f64) -> Json {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        (if f > 0.0 { "Infinity" } else { "-Infinity" }).into()
    } else if f == 0.0 && f.is_sign_negative() {
        "-0".into()
    } else {
        Json::from(f)
    }
}

/// `expected.json` with its numbers as doubles, comparable with [`canonical`].
fn normalise(v: Json) -> Json {
    match v {
        Json::Object(o) if o.len() == 1 && o.contains_key("$json5-number") => {
            let text = o["$json5-number"].as_str().unwrap_or_default();
            number(text.parse::<f64>().unwrap_or_else(|_| panic!("bad number {text:?}")))
        }
        Json::Array(a) => Json::Array(a.into_iter().map(normalise).collect()),
        Json::Object(o) => Json::Object(o.into_iter().map(|(k, v)| (k, normalise(v))).collect()),
        other => other,
    }
}

// --- issue #19, case by case ---------------------------------------------------------------

#[test]
fn an_unquoted_key_that_is_not_an_identifier_is_refused() {
    assert_eq!(err("{ multi-word: 1 }"), "1:3: `multi-word` is not a valid unquoted key");
    let p = parse("{ multi-word: 1 }").unwrap_err();
    assert_eq!(p.hint.as_deref(), Some("quote it: \"multi-word\""));
    assert_eq!(err("{\n  10twenty: 1 }"), "2:3: `10twenty` is not a valid unquoted key");
    assert_eq!(err("{ a.b: 1 }"), "1:3: `a.b` is not a valid unquoted key");
    assert_eq!(err("{ 1: 2 }"), "1:3: `1` is not a valid unquoted key");
    assert_eq!(json("{ 'multi-word': 1 }"), serde_json::json!({ "multi-word": 1.0 }));
}

#[test]
fn a_raw_line_break_in_a_string_is_refused() {
    assert_eq!(err("\"foo\nbar\""), "1:5: the string opened at 1:1 is not closed before the end of the line");
    assert_eq!(
        err("{ a: 'foo\r\nbar' }"),
        "1:10: the string opened at 1:6 is not closed before the end of the line"
    );
    assert_eq!(err("'foo\rbar'"), "1:5: the string opened at 1:1 is not closed before the end of the line");
    // Escaped, it is a line continuation (nothing) or a line break.
    assert_eq!(json("'foo\\\nbar'"), "foobar");
    assert_eq!(json("'foo\\\r\nbar'"), "foobar");
    assert_eq!(json("'foo\\nbar'"), "foo\nbar");
    // U+2028 and U+2029 may stand in a string as they are.
    assert_eq!(json("'a\u{2028}b\u{2029}'"), "a\u{2028}b\u{2029}");
}

#[test]
fn an_unquoted_key_may_be_written_with_unicode_escapes() {
    assert_eq!(json("{ \\u0061bc: 1 }"), serde_json::json!({ "abc": 1.0 }));
    assert_eq!(json("{ sig\\u03A3ma: 1 }"), serde_json::json!({ "sigΣma": 1.0 }));
    assert_eq!(json("{ \\u0024: 1, _\\u200C: 2 }"), serde_json::json!({ "$": 1.0, "_\u{200c}": 2.0 }));
    // The escaped character must itself be allowed where it stands.
    assert_eq!(err("{ \\u0031a: 1 }"), "1:3: `\\u0031` (`1`) cannot be part of an unquoted key");
    assert_eq!(err("{ a\\u002Db: 1 }"), "1:4: `\\u002D` (`-`) cannot be part of an unquoted key");
    assert_eq!(err("{ \\u200Da: 1 }"), "1:3: `\\u200D` (`\\u{200d}`) cannot be part of an unquoted key");
    assert_eq!(err("{ a\\u12: 1 }"), "1:4: `\\u` needs four hexadecimal digits (as in `\\u00e9`)");
    assert_eq!(err("{ \\x61: 1 }"), "1:3: only a `\\uXXXX` escape can be part of an unquoted key");
}

#[test]
fn unicode_identifiers_follow_ecmascript() {
    let keys =
        json("{ ümlaut: 1, ĀĢ: 2, ʰ: 3, Ⅰ: 4, e\u{301}: 5, a‿b: 6, a\u{200d}b: 7, $_: 8, if: 9, null: 10 }");
    let names: Vec<&str> = keys.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(names, ["ümlaut", "ĀĢ", "ʰ", "Ⅰ", "e\u{301}", "a‿b", "a\u{200d}b", "$_", "if", "null"]);
    // A mark, a digit, a connector or ZWJ cannot start one.
    for bad in ["\u{301}e", "٢a", "‿a", "\u{200d}a", "€", "a€"] {
        assert!(parse(&format!("{{ {bad}: 1 }}")).is_err(), "{bad:?}");
    }
    assert!(is_identifier("ümlaut") && is_identifier("$") && !is_identifier("a-b") && !is_identifier(""));
}

#[test]
fn an_unclosed_object_is_reported_at_the_end_and_where_it_opened() {
    let text = "// config\n{\n  agents: {\n    main: {},\n  },\n";
    assert_eq!(err(text), "6:1: the object opened at 2:1 is not closed");
    assert_eq!(parse(text).unwrap_err().hint.as_deref(), Some("add the missing `}`"));
    // The innermost one that is open.
    assert_eq!(err("{\n  cron: {\n"), "3:1: the object opened at 2:9 is not closed");
    assert_eq!(err("{ a: [1, 2"), "1:11: the list opened at 1:6 is not closed");
    assert_eq!(err("{ a: 'open"), "1:11: the string opened at 1:6 is not closed");
    assert_eq!(err("{ /* open"), "1:10: the comment opened at 1:3 is not closed");
    assert_eq!(err("{ a"), "1:4: the object opened at 1:1 is not closed");
    assert_eq!(err("{ a:"), "1:5: the object opened at 1:1 is not closed");
}

#[test]
fn other_errors_name_the_offending_place() {
    assert_eq!(err("{ a: 1 b: 2 }"), "1:7: expected a comma after this value");
    assert_eq!(err("[1 2]"), "1:3: expected a comma after this value");
    assert_eq!(err("[1 ;]"), "1:4: unexpected `;`");
    assert_eq!(err("{ a: yes }"), "1:6: unexpected word `yes`");
    assert_eq!(err("{ a: gpt-4o }"), "1:6: unexpected word `gpt-4o`");
    assert_eq!(err("{ a 1 }"), "1:5: expected a colon after the key");
    assert_eq!(err("{ a: }"), "1:6: expected a value after the colon");
    assert_eq!(err("{ a: 1,, }"), "1:8: unexpected `,`");
    assert_eq!(err("[,]"), "1:2: unexpected `,`");
    assert_eq!(err("{ a: 1 }}"), "1:9: unexpected text after the configuration object");
    assert_eq!(err("1 2"), "1:3: unexpected text after the value");
    assert_eq!(err("010"), "1:1: a number cannot start with `0` (octal is not JSON5)");
    assert_eq!(err("-00"), "1:2: a number cannot start with `0` (octal is not JSON5)");
    assert_eq!(err("0x"), "1:3: expected hexadecimal digits after `0x`");
    assert_eq!(err("1e"), "1:3: expected digits in the exponent");
    assert_eq!(err("+-1"), "1:2: expected a number after `+`");
    assert_eq!(err("- 1"), "1:2: expected a number after `-`");
    assert_eq!(err("3in"), "1:1: unexpected word `3in`");
    assert_eq!(err("'\\1'"), "1:2: `\\1` is not an escape in JSON5 (octal escapes are not allowed)");
    assert_eq!(err("'\\08'"), "1:2: `\\0` is not an escape in JSON5 (octal escapes are not allowed)");
    assert_eq!(err("'\\x4'"), "1:2: `\\x` needs two hexadecimal digits (as in `\\x41`)");
    assert_eq!(err("{\u{85}}"), "1:2: `\\u{85}` is not a valid unquoted key");
    assert_eq!(parse("  // nothing\n/* at all */").unwrap(), None);
}

#[test]
fn values_are_what_javascript_reads() {
    assert_eq!(
        json("[0x1F, -0x10, .5, 5., +1, 1e3, -Infinity, 0xFFFFFFFFFFFFFFFFFF]"),
        serde_json::json!([31.0, -16.0, 0.5, 5.0, 1.0, 1000.0, "-Infinity", 4722366482869645213696.0])
    );
    assert_eq!(json("NaN"), "NaN");
    assert_eq!(json("-0"), "-0");
    assert_eq!(json(r#"'\x41\v\0\a\'\"\u00e9\uD83D\uDE00'"#), "A\u{b}\0a'\"é😀");
    assert_eq!(json(r"'\uD800'"), "\u{fffd}");
    assert_eq!(json("\u{feff}{\u{a0}a\u{3000}:\u{2028}1 // c\u{2029}}"), serde_json::json!({ "a": 1.0 }));
}

#[test]
fn nesting_is_limited_not_fatal() {
    let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(parse(&deep).is_ok());
    let deeper = "[".repeat(100_000);
    assert_eq!(
        err(&deeper),
        format!("1:{}: lists and objects nest more than {MAX_DEPTH} deep here", MAX_DEPTH + 1)
    );
}

// --- the conformance suite -------------------------------------------------------------------

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn cases() -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for dir in ["json5-tests", "json5-extra"] {
        for entry in walkdir::WalkDir::new(fixtures().join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(fixtures()).unwrap().to_string_lossy().replace('\\', "/");
            let valid = match entry.path().extension().and_then(|e| e.to_str()) {
                Some("json" | "json5") => true,
                Some("js" | "txt") => false,
                _ => continue,
            };
            if rel != "json5-tests/expected.json" {
                out.push((rel, valid));
            }
        }
    }
    out
}

/// Every case of the official JSON5 suite (and of `json5-extra`): a valid one reads as the
/// reference parser reads it, an invalid one is refused with a position, by the reader and by
/// the config loader.
#[test]
fn the_json5_conformance_suite() {
    let expected: serde_json::Map<String, Json> =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("json5-tests/expected.json")).unwrap())
            .unwrap();
    let cases = cases();
    let mut failures = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for (rel, is_valid) in &cases {
        let text = std::fs::read_to_string(fixtures().join(rel)).unwrap();
        let name = rel.rsplit('/').next().unwrap();
        let loaded = crate::config::parse_with_env(Path::new(name), &text, &|_| Some(String::new()));
        if *is_valid {
            valid += 1;
            match parse(&text) {
                Ok(Some(v)) => {
                    let want = expected.get(rel).cloned().map(normalise);
                    if want.as_ref() != Some(&canonical(&v)) {
                        failures
                            .push(format!("{rel}: read as {}, the reference reads {want:?}", canonical(&v)));
                    }
                    // A config must be an object; any valid object loads (unknown keys warn).
                    if matches!(v, Value::Object(_))
                        && let Err(e) = loaded
                    {
                        failures.push(format!("{rel}: the config loader refused it: {e}"));
                    }
                }
                other => failures.push(format!("{rel}: refused: {other:?}")),
            }
        } else {
            invalid += 1;
            if let Ok(v) = parse(&text)
                && v.is_some()
            {
                failures.push(format!("{rel}: accepted"));
            }
            match loaded {
                Err(crate::config::ConfigError::Invalid { file, line, col, .. }) if file == name => {
                    let lines = text.split_inclusive(['\n', '\r']).count().max(1);
                    if line > lines + 1 || col == 0 {
                        failures.push(format!("{rel}: error at {line}:{col}, outside the file"));
                    }
                }
                other => failures.push(format!(
                    "{rel}: the config loader did not refuse it with file:line:col: {other:?}"
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(expected.len(), valid, "expected.json is stale: run scripts/json5-tests-expected.js");
    // The official suite alone: 82 valid and 31 invalid cases, none skipped.
    let official = cases.iter().filter(|(r, _)| r.starts_with("json5-tests/")).count();
    assert_eq!(official, 113);
    assert_eq!((valid, invalid), (95, 67), "cases found");
}

/// Where the suite says where the reference reported an error, we report it on the same line;
/// except that we point at the end of the value that wants a missing comma (the reference: at
/// what follows it), and at the end of the line a string runs off (the reference: after it).
#[test]
fn errors_are_on_the_line_the_suite_names() {
    let mut checked = 0;
    for (rel, _) in cases().iter().filter(|(_, valid)| !valid) {
        let spec = fixtures().join(rel).with_extension("errorSpec");
        let Ok(spec) = std::fs::read_to_string(spec) else { continue };
        let line: usize = spec
            .lines()
            .find_map(|l| l.trim().strip_prefix("lineNumber:"))
            .and_then(|n| n.trim().trim_end_matches(',').parse().ok())
            .unwrap();
        let text = std::fs::read_to_string(fixtures().join(rel)).unwrap();
        let p = parse(&text).err().unwrap_or_else(|| Problem::new(text.len(), "no value"));
        if p.message == "expected a comma after this value"
            || p.message.ends_with("before the end of the line")
        {
            continue;
        }
        assert_eq!(line_col(&text, p.at).0, line, "{rel}: {}", p.message);
        checked += 1;
    }
    assert_eq!(checked, 5);
}

/// `json5` (serde), a second strict reader, agrees with ours on every case of the suite.
#[test]
fn the_json5_crate_agrees_on_the_suite() {
    for (rel, valid) in cases() {
        let text = std::fs::read_to_string(fixtures().join(&rel)).unwrap();
        let theirs = json5::from_str::<serde::de::IgnoredAny>(&text).is_ok();
        assert_eq!(theirs, valid, "{rel}: json5 crate");
    }
}

// --- generated input -----------------------------------------------------------------------------

/// Pieces of JSON5, right and wrong, so generated texts get past the first character.
fn json5ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{feff}".to_string()),
        Just("//".to_string()),
        Just("/*".to_string()),
        Just("*/".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\\u".to_string()),
        Just("\\x".to_string()),
        "[0-9a-fA-FxXeE.+-]{1,4}",
        "[a-zA-Z_$é\u{301}\u{200c}]{1,4}",
        Just("Infinity".to_string()),
        Just("NaN".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any text: no panic, and an error points inside the text.
    #[test]
    fn never_panics(text in json5ish()) {
        if let Err(p) = parse(&text) {
            prop_assert!(p.at <= text.len());
            prop_assert!(text.is_char_boundary(p.at));
        }
    }

    /// Any bytes that are UTF-8 at all.
    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse(&text);
    }

    /// Ours and the `json5` crate accept and refuse the same texts.
    #[test]
    fn agrees_with_the_json5_crate(text in json5ish()) {
        let ours = matches!(parse(&text), Ok(Some(_)));
        let theirs = json5::from_str::<serde::de::IgnoredAny>(&text).is_ok();
        prop_assert_eq!(ours, theirs, "{:?}", text);
    }
}
