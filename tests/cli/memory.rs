//! `openclaw memory grep | show | append` against a home with two agents.

use crate::harness::{Env, snapshot_tree};

/// A home with agents `main` (the default) and `jarvis`, and some memory.
fn env() -> Env {
    let env = Env::new();
    env.write("gateway.json5", "{\n  // two agents\n  agents: { main: {}, jarvis: {} },\n}\n");
    env.write("agents/main/workspace/MEMORY.md", "# Memory\n\n- Jonas likes tea, not coffee\n");
    env.write(
        "agents/main/workspace/memory/2026-11-20.md",
        "# 2026-11-20\n\n- 09:00 dentist at 14:00\n- 10:15 TEA with Ana\n",
    );
    env.write(
        "agents/main/workspace/memory/2026-11-22.md",
        "# 2026-11-22\n\n- 08:00 a\n- 08:01 b\n- 08:02 tea break\n- 08:03 c\n- 08:04 d\n- 08:05 e\n- 08:06 more tea\n",
    );
    env.write("agents/main/workspace/memory/notes.md", "loose notes: tea sorts\n");
    env.write(
        "agents/jarvis/workspace/memory/2026-11-21.md",
        "# 2026-11-21\n\n- 12:00 green tea for Jonas\n",
    );
    env
}

fn today_utc() -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

#[test]
fn grep_prints_path_line_text_in_file_order() {
    let env = env();
    assert_eq!(
        env.ok(&["memory", "grep", "tea"]),
        "MEMORY.md:3:- Jonas likes tea, not coffee\n\
         memory/2026-11-22.md:5:- 08:02 tea break\n\
         memory/2026-11-22.md:9:- 08:06 more tea\n\
         memory/notes.md:1:loose notes: tea sorts\n"
    );
    let out = env.ok(&["memory", "grep", "-i", "tea with"]);
    assert_eq!(out, "memory/2026-11-20.md:4:- 10:15 TEA with Ana\n");
}

#[test]
fn grep_fixed_strings_take_metacharacters_literally() {
    let env = env();
    env.write("agents/main/workspace/memory/2026-11-23.md", "- cost a.b( 5$\n- cost axb( 5$\n");
    let err = env.fails(&["memory", "grep", "a.b("], 2);
    assert!(err.contains("invalid regex \"a.b(\""), "{err}");
    assert_eq!(env.ok(&["memory", "grep", "-F", "a.b( 5$"]), "memory/2026-11-23.md:1:- cost a.b( 5$\n");
}

#[test]
fn grep_context_groups_are_separated_like_grep() {
    let env = env();
    assert_eq!(
        env.ok(&["memory", "grep", "-C", "1", "tea"]),
        "MEMORY.md-2-\n\
         MEMORY.md:3:- Jonas likes tea, not coffee\n\
         --\n\
         memory/2026-11-22.md-4-- 08:01 b\n\
         memory/2026-11-22.md:5:- 08:02 tea break\n\
         memory/2026-11-22.md-6-- 08:03 c\n\
         --\n\
         memory/2026-11-22.md-8-- 08:05 e\n\
         memory/2026-11-22.md:9:- 08:06 more tea\n\
         --\n\
         memory/notes.md:1:loose notes: tea sorts\n"
    );
}

#[test]
fn grep_dates_select_daily_logs_by_file_name() {
    let env = env();
    let out = env.ok(&["memory", "grep", "-i", "tea", "--since", "2026-11-20", "--until", "2026-11-21"]);
    assert_eq!(out, "memory/2026-11-20.md:4:- 10:15 TEA with Ana\n", "inclusive, no MEMORY.md, no notes.md");
    let out = env.ok(&["memory", "grep", "tea", "--since", "2026-11-21"]);
    assert!(out.starts_with("memory/2026-11-22.md:5:") && !out.contains("2026-11-20"), "{out}");

    let today = today_utc();
    env.write(&format!("agents/main/workspace/memory/{today}.md"), "- 07:00 tea today\n");
    let yesterday = today.yesterday().unwrap();
    env.write(&format!("agents/main/workspace/memory/{yesterday}.md"), "- 07:00 tea yesterday\n");
    assert_eq!(
        env.ok(&["memory", "grep", "tea", "--since", "today"]),
        format!("memory/{today}.md:1:- 07:00 tea today\n")
    );
    let out = env.ok(&["memory", "grep", "tea", "--since", "yesterday", "--until", "yesterday"]);
    assert_eq!(out, format!("memory/{yesterday}.md:1:- 07:00 tea yesterday\n"));
}

#[test]
fn grep_bad_dates_are_usage_errors_naming_the_value() {
    let env = env();
    let err = env.fails(&["memory", "grep", "tea", "--since", "2026-13-45"], 2);
    assert!(err.contains("\"2026-13-45\""), "{err}");
    let err = env.fails(&["memory", "grep", "tea", "--since", "2026-11-23", "--until", "2026-11-01"], 2);
    assert!(err.contains("--since 2026-11-23 is after --until 2026-11-01"), "{err}");
}

#[test]
fn grep_all_agents_prefixes_paths_with_the_agent() {
    let env = env();
    let out = env.ok(&["memory", "grep", "--all-agents", "Jonas"]);
    assert_eq!(
        out,
        "main/MEMORY.md:3:- Jonas likes tea, not coffee\njarvis/memory/2026-11-21.md:3:- 12:00 green tea for Jonas\n"
    );
    let out = env.ok(&["memory", "grep", "--agent", "jarvis", "Jonas"]);
    assert_eq!(out, "memory/2026-11-21.md:3:- 12:00 green tea for Jonas\n");
    env.fails(&["memory", "grep", "--agent", "main", "--all-agents", "x"], 2);
}

#[test]
fn grep_json_lines_parse_with_submatch_ranges() {
    let env = env();
    let out = env.ok(&["--json", "memory", "grep", "--all-agents", "tea"]);
    let records: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 5, "{out}");
    let first = &records[0];
    assert_eq!(first["type"], "match");
    assert_eq!(first["agent"], "main");
    assert_eq!(first["path"], "MEMORY.md");
    assert_eq!(first["line"], 3);
    let text = first["text"].as_str().unwrap();
    let sub = &first["submatches"][0];
    let (s, e) = (sub["start"].as_u64().unwrap() as usize, sub["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], "tea");
    assert_eq!(sub["match"], "tea");
    assert_eq!(records[4]["agent"], "jarvis");
    assert_eq!(records[4]["path"], "memory/2026-11-21.md");
}

#[test]
fn grep_exit_codes_follow_grep() {
    let env = env();
    let run = env.run(&["memory", "grep", "zebra"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (1, "", ""));
    let err = env.fails(&["memory", "grep", "("], 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("\"(\""), "{err}");
}

#[test]
fn grep_survives_non_utf8_bytes() {
    let env = env();
    let p = env.path("agents/main/workspace/memory/2026-11-24.md");
    std::fs::write(&p, b"caf\xe9 au lait with tea\n\xff\xfe\x00binary\n").unwrap();
    let out = env.command(&["memory", "grep", "au lait"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"memory/2026-11-24.md:1:caf\xe9 au lait with tea\n");
    let json = env.ok(&["--json", "memory", "grep", "au lait"]);
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(v["text"], "caf\u{fffd} au lait with tea");
}

#[test]
fn unknown_agent_is_an_error_listing_agents() {
    let env = env();
    for args in [&["memory", "grep", "--agent", "jarvs", "x"][..], &["memory", "show", "--agent", "jarvs"]] {
        let err = env.fails(args, 1);
        assert!(err.contains("unknown agent \"jarvs\""), "{err}");
        assert!(err.contains("hint: agents defined: main, jarvis"), "{err}");
    }
    let before = snapshot_tree(&env.home);
    env.fails(&["memory", "append", "--agent", "jarvs", "hello"], 1);
    assert_eq!(snapshot_tree(&env.home), before, "nothing written");
}

#[test]
fn show_prints_a_day_or_long_memory() {
    let env = env();
    assert_eq!(
        env.ok(&["memory", "show", "2026-11-20"]),
        env.read("agents/main/workspace/memory/2026-11-20.md")
    );
    assert_eq!(env.ok(&["memory", "show", "long"]), "# Memory\n\n- Jonas likes tea, not coffee\n");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "memory", "show", "2026-11-21", "--agent", "jarvis"]))
            .unwrap();
    assert_eq!(json["agent"], "jarvis");
    assert_eq!(json["path"], "memory/2026-11-21.md");
    assert_eq!(json["date"], "2026-11-21");
    assert_eq!(json["content"], "# 2026-11-21\n\n- 12:00 green tea for Jonas\n");

    let err = env.fails(&["memory", "show", "2026-11-19"], 1);
    assert!(err.contains("no daily log for 2026-11-19 ("), "{err}");
    assert!(err.contains("memory/2026-11-19.md)"), "{err}");
    let err = env.fails(&["memory", "show", "2026-13-45"], 2);
    assert!(err.contains("\"2026-13-45\""), "{err}");
}

#[test]
fn append_then_show_round_trip() {
    let env = env();
    let today = today_utc();
    env.ok(&["memory", "append", "bought", "milk"]);
    env.ok(&["memory", "append", "called Ana"]);
    let shown = env.ok(&["memory", "show"]);
    assert_eq!(shown, env.read(&format!("agents/main/workspace/memory/{today}.md")));
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines[..2], [format!("# {today}").as_str(), ""]);
    assert_eq!(lines.len(), 4, "{shown}");
    assert!(is_entry(lines[2], "bought milk") && is_entry(lines[3], "called Ana"), "{shown}");
    assert_eq!(env.ok(&["memory", "show", "today"]), shown);

    let out = env.ok(&["--json", "memory", "append", "--long", "Ana's birthday is 3 May"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["path"], "MEMORY.md");
    let long = env.ok(&["memory", "show", "long"]);
    let last = long.lines().last().unwrap();
    assert!(last.starts_with(&format!("- {today} ")) && last.ends_with(" Ana's birthday is 3 May"), "{long}");

    let err = env.fails(&["memory", "append", "  "], 2);
    assert!(err.contains("empty"), "{err}");
}

/// `- HH:MM text`.
fn is_entry(line: &str, text: &str) -> bool {
    let b = line.as_bytes();
    line.len() == 8 + text.len()
        && line.starts_with("- ")
        && b[2..4].iter().chain(&b[5..7]).all(u8::is_ascii_digit)
        && b[4] == b':'
        && line.ends_with(&format!(" {text}"))
}

#[test]
fn append_reads_multi_line_text_from_stdin() {
    let env = env();
    let run =
        env.run_stdin(&["memory", "append", "--agent", "jarvis", "-"], "\nShopping:\n  eggs\n\nflour\n\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = env.ok(&["memory", "show", "--agent", "jarvis"]);
    let body: Vec<&str> = shown.lines().skip(2).collect();
    assert_eq!(body.len(), 4, "{shown}");
    assert!(is_entry(body[0], "Shopping:"), "{shown}");
    assert_eq!(body[1..], ["    eggs", "", "  flour"]);
}

#[test]
fn append_uses_the_configured_time_zone() {
    let env = env();
    env.write(
        "gateway.json5",
        "{ agents: { main: {} }, session: { reset: { timezone: \"Pacific/Kiritimati\" } } }",
    );
    let tz = jiff::tz::TimeZone::get("Pacific/Kiritimati").unwrap();
    let before = jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date();
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "memory", "append", "hi"])).unwrap();
    let after = jiff::Timestamp::now().to_zoned_datetime(tz).date();
    let date = json["date"].as_str().unwrap().to_string();
    assert!(date == before.to_string() || date == after.to_string(), "{date} vs {before}");
    assert!(env.path(&format!("agents/main/workspace/memory/{date}.md")).is_file());
}

#[test]
fn concurrent_appenders_lose_and_mix_nothing() {
    let env = env();
    let (procs, each) = (8, 20);
    std::thread::scope(|s| {
        for p in 0..procs {
            let env = &env;
            s.spawn(move || {
                for i in 0..each {
                    let text = format!("writer {p} entry {i} {}", "x".repeat(200));
                    env.ok(&["memory", "append", &text]);
                }
            });
        }
    });
    let text = env.read(&format!("agents/main/workspace/memory/{}.md", today_utc()));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.iter().filter(|l| l.starts_with("# ")).count(), 1, "one heading");
    assert!(lines[0].starts_with("# "), "heading first");
    let entries: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(entries.len(), procs * each);
    for p in 0..procs {
        for i in 0..each {
            let want = format!("writer {p} entry {i} {}", "x".repeat(200));
            assert_eq!(entries.iter().filter(|l| is_entry(l, &want)).count(), 1, "{want}");
        }
    }
}

#[test]
fn grep_colours_like_rg_when_asked() {
    let env = env();
    let out = env.ok(&["--color", "always", "memory", "grep", "--until", "2026-11-20", "-i", "tea"]);
    assert_eq!(
        out,
        "\x1b[35mmemory/2026-11-20.md\x1b[0m:\x1b[32m4\x1b[0m:- 10:15 \x1b[1;31mTEA\x1b[0m with Ana\n"
    );
    assert!(!env.ok(&["memory", "grep", "tea"]).contains('\x1b'), "no colour on a pipe");
}
