use jiff::civil::date;
use jiff::tz::TimeZone;

use std::time::Duration;

use super::*;
use crate::agent::workspace::{self, Identity};

const TOOLS: &[&str] = &["read", "write", "edit", "exec", "memory_search", "memory_get", "memory_append"];

fn now() -> ZonedDateTime {
    let tz = TimeZone::get("Europe/Amsterdam").unwrap();
    date(2026, 11, 24).at(9, 30, 0, 0).to_zoned_datetime(tz).unwrap()
}

/// A home with a fresh `main` workspace written from the built-in templates.
fn fresh() -> (tempfile::TempDir, Home) {
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let id = Identity { name: "Main".into(), model: "openai/gpt-4o-mini".into() };
    workspace::create(&home, "main", &id).unwrap();
    (dir, home)
}

fn write(home: &Home, rel: &str, text: &str) {
    let p = home.workspace("main").join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn build(home: &Home, first_run: bool, limits: PromptLimits) -> Prompt {
    let now = now();
    assemble(&PromptInput {
        home,
        agent: "main",
        model: "openai/gpt-4o-mini",
        channel: "telegram",
        now: &now,
        tools: TOOLS,
        first_run,
        limits,
    })
}

/// The prompt up to its runtime line.
fn before_runtime(p: &Prompt) -> &str {
    &p.text[..p.stable_len]
}

/// Turns in another minute, another day or from another channel share every byte before the
/// runtime line, so a model server's prompt cache reuses all of it: only the last line differs.
#[test]
fn the_prompt_is_byte_identical_up_to_the_runtime_line_across_minutes_and_channels() {
    let (_d, home) = fresh();
    write(&home, "skills/weather/SKILL.md", "---\nname: weather\ndescription: Forecasts.\n---\n");
    write(&home, "MEMORY.md", "# MEMORY.md\n\n- Ana prefers tea.\n");
    let tz = TimeZone::get("Europe/Amsterdam").unwrap();
    let at = |h, m| date(2026, 11, 24).at(h, m, 0, 0).to_zoned_datetime(tz.clone()).unwrap();
    let (nine_thirty, nine_thirty_one, next_day) =
        (at(9, 30), at(9, 31), date(2026, 11, 25).at(8, 0, 0, 0).to_zoned_datetime(tz.clone()).unwrap());
    let first = assemble(&input(&home, &nine_thirty));
    let prompts = [
        assemble(&input(&home, &nine_thirty_one)),
        assemble(&PromptInput { channel: "telegram", ..input(&home, &next_day) }),
    ];
    assert!(first.stable_len > first.text.len() * 9 / 10, "{} of {}", first.stable_len, first.text.len());
    for p in &prompts {
        assert_ne!(p.text, first.text);
        assert_eq!(p.stable_len, first.stable_len);
        assert_eq!(before_runtime(p), before_runtime(&first));
        // What differs is the last line alone.
        assert!(!p.text[p.stable_len..].trim_end().contains('\n'));
        assert!(p.text[p.stable_len..].starts_with("Runtime: agent main"));
    }
}

fn section<'p>(p: &'p Prompt, name: &str) -> Option<&'p SectionInfo> {
    p.sections.iter().find(|s| s.name == name)
}

#[test]
fn fixture_workspace_snapshot() {
    let (_d, home) = fresh();
    write(
        &home,
        "skills/weather/SKILL.md",
        "---\nname: weather\ndescription: Current weather and forecasts for a place.\n---\n# Weather\n",
    );
    write(&home, "skills/notes/SKILL.md", "# Keep meeting notes in notes/\n");
    write(&home, "USER.md", "# USER.md\n\n- Name: Ana\n- Time zone: Europe/Amsterdam\n");
    write(&home, "MEMORY.md", "# MEMORY.md\n\n- 2026-11-20 Ana prefers tea over coffee.\n");
    let p = build(&home, true, PromptLimits::default());
    insta::assert_snapshot!(p.text);
    let names: Vec<&str> = p.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tools",
            "skills",
            "AGENTS.md",
            "SOUL.md",
            "TOOLS.md",
            "IDENTITY.md",
            "USER.md",
            "BOOTSTRAP.md",
            "MEMORY.md",
            "runtime"
        ]
    );
    assert!(p.sections.iter().all(|s| !s.truncated));
    // Section sizes add up to the text: two bytes between sections and a final newline.
    let sum: usize = p.sections.iter().map(|s| s.bytes).sum();
    assert_eq!(sum + 2 * (p.sections.len() - 1) + 1, p.text.len());
}

#[test]
fn fresh_workspace_prompt_is_small() {
    let (_d, home) = fresh();
    let first = build(&home, true, PromptLimits::default());
    let later = build(&home, false, PromptLimits::default());
    // Measured: about 2.3 KB on the first run, 2 KB after it. A budget, not an exact figure.
    assert!(first.text.len() < 2_600, "{} bytes", first.text.len());
    assert!(later.text.len() < first.text.len());
    assert!(first.text.contains("## BOOTSTRAP.md\n# BOOTSTRAP.md — first run"));
    assert!(!later.text.contains("BOOTSTRAP"));
}

#[test]
fn runtime_line_names_agent_model_channel_and_time() {
    let (_d, home) = fresh();
    let p = build(&home, false, PromptLimits::default());
    assert_eq!(
        p.text.lines().last().unwrap(),
        "Runtime: agent main · model openai/gpt-4o-mini · channel telegram · Tuesday 2026-11-24 09:30 Europe/Amsterdam (UTC+01:00)"
    );
    assert!(
        p.text.starts_with("## Tools\nread, write, edit, exec, memory_search, memory_get, memory_append\n")
    );
}

#[test]
fn missing_and_empty_files_are_left_out() {
    let (_d, home) = fresh();
    std::fs::remove_file(home.workspace("main").join("SOUL.md")).unwrap();
    write(&home, "TOOLS.md", " \n\n\t\n");
    let p = build(&home, false, PromptLimits::default());
    assert!(section(&p, "SOUL.md").is_none() && section(&p, "TOOLS.md").is_none());
    assert!(!p.text.contains("## SOUL.md") && !p.text.contains("## TOOLS.md"));
    assert!(section(&p, "skills").is_none(), "no skills, no section");
}

#[test]
fn a_large_file_is_cut_at_the_limit_with_a_marker() {
    let (_d, home) = fresh();
    // 3-byte characters and no line breaks: the cut must land on a character boundary.
    let soul = "é€".repeat(2_000);
    write(&home, "SOUL.md", &soul);
    let limits = PromptLimits { max_file_bytes: 1_001, max_total_bytes: 20_000 };
    let p = build(&home, false, limits);
    let s = section(&p, "SOUL.md").unwrap();
    assert!(s.truncated);
    let body = p.text.split("## SOUL.md\n").nth(1).unwrap().split("\n\n## ").next().unwrap();
    let (kept, marker) = body.split_once('\n').unwrap();
    assert!(kept.len() <= 1_001 && kept.len() > 990, "{}", kept.len());
    assert!(soul.starts_with(kept));
    let more = soul.len() - kept.len();
    assert_eq!(
        marker,
        format!("[… truncated: {} more bytes in SOUL.md; read SOUL.md for the rest]", thousands(more as u64))
    );
}

#[test]
fn cuts_prefer_a_line_break() {
    let text = "line one\nline two\nline three";
    assert_eq!(cut_text(text, 20), "line one\nline two");
    assert_eq!(cut_text(text, 5), "line");
    assert_eq!(cut_text("aé", 2), "a");
    assert_eq!(cut_text(text, 100), text);
}

#[test]
fn a_large_memory_points_to_memory_search() {
    let (_d, home) = fresh();
    let memory: String = (0..2_000).map(|i| format!("- fact number {i}\n")).collect();
    write(&home, "MEMORY.md", &memory);
    let p = build(&home, false, PromptLimits::default());
    assert!(section(&p, "MEMORY.md").unwrap().truncated);
    assert!(p.text.contains("- fact number 0\n"));
    assert!(before_runtime(&p).ends_with(
        "more bytes in MEMORY.md; use memory_search to find what you need, memory_get to read lines]\n\n"
    ));
    // Without memory_search the marker says to read the file instead.
    let now = now();
    let tools = ["read"];
    let p = assemble(&PromptInput { tools: &tools, ..input(&home, &now) });
    assert!(before_runtime(&p).ends_with("more bytes in MEMORY.md; read MEMORY.md for the rest]\n\n"));
}

fn input<'a>(home: &'a Home, now: &'a ZonedDateTime) -> PromptInput<'a> {
    PromptInput {
        home,
        agent: "main",
        model: "m/x",
        channel: "cli",
        now,
        tools: TOOLS,
        first_run: false,
        limits: PromptLimits::default(),
    }
}

#[test]
fn the_total_cap_cuts_the_last_files_first() {
    let (_d, home) = fresh();
    for name in ["AGENTS.md", "SOUL.md", "TOOLS.md", "IDENTITY.md", "USER.md", "MEMORY.md"] {
        write(&home, name, &format!("{name}\n{}", "word ".repeat(400)));
    }
    let limits = PromptLimits { max_file_bytes: 6_000, max_total_bytes: 5_000 };
    let p = build(&home, false, limits);
    assert!(p.text.len() <= 5_000 + 200, "{}", p.text.len());
    let cut: Vec<(&str, usize, bool)> =
        p.sections.iter().map(|s| (s.name.as_str(), s.bytes, s.truncated)).collect();
    assert_eq!(
        cut,
        [
            ("tools", 74, false),
            ("AGENTS.md", 2022, false),
            ("SOUL.md", 2018, false),
            ("TOOLS.md", 679, true),
            ("IDENTITY.md", 0, true),
            ("USER.md", 0, true),
            ("MEMORY.md", 0, true),
            ("left out", 165, true),
            ("runtime", 124, false),
        ]
    );
    assert!(p.text.contains("word\n[… truncated: 1,416 more bytes in TOOLS.md; read TOOLS.md for the rest]"));
    assert!(before_runtime(&p).ends_with(
        "\n\n[… left out for size: IDENTITY.md (2,012 bytes), USER.md (2,008 bytes), MEMORY.md (2,010 bytes); \
         read them when you need them; search MEMORY.md with memory_search]\n\n"
    ));
}

#[test]
fn files_outside_the_workspace_are_not_read() {
    let (dir, home) = fresh();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "top secret").unwrap();
    let user = home.workspace("main").join("USER.md");
    std::fs::remove_file(&user).unwrap();
    std::os::unix::fs::symlink(&secret, &user).unwrap();
    let p = build(&home, false, PromptLimits::default());
    assert!(!p.text.contains("top secret"));
    assert!(p.text.contains("## USER.md\n[USER.md could not be read: it points outside the workspace]"));
    // A symlink inside the workspace is fine.
    std::fs::remove_file(&user).unwrap();
    write(&home, "notes/user.md", "Ana");
    std::os::unix::fs::symlink(home.workspace("main").join("notes/user.md"), &user).unwrap();
    assert!(build(&home, false, PromptLimits::default()).text.contains("## USER.md\nAna"));
    // A FIFO is never opened (that would block the turn); a folder is not read either.
    std::fs::remove_file(&user).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(&user).status().unwrap().success());
    std::fs::create_dir(home.workspace("main").join("SOUL.md.d")).unwrap();
    std::fs::remove_file(home.workspace("main").join("SOUL.md")).unwrap();
    std::os::unix::fs::symlink(
        home.workspace("main").join("SOUL.md.d"),
        home.workspace("main").join("SOUL.md"),
    )
    .unwrap();
    let p = build(&home, false, PromptLimits::default());
    assert!(p.text.contains("## USER.md\n[USER.md could not be read: it is not a regular file]"));
    assert!(p.text.contains("## SOUL.md\n[SOUL.md could not be read: it is not a regular file]"));
}

#[test]
fn many_skills_are_capped() {
    let (_d, home) = fresh();
    for i in 0..200 {
        write(
            &home,
            &format!("skills/s{i:03}/SKILL.md"),
            &format!("---\nname: s{i}\ndescription: {}\n---\n", "d".repeat(300)),
        );
    }
    let p = build(&home, false, PromptLimits { max_file_bytes: 6_000, max_total_bytes: 8_000 });
    let skills = section(&p, "skills").unwrap();
    assert!(skills.truncated && skills.bytes < 8_000);
    assert!(p.text.contains("more skills under skills/ are not listed]"));
    assert!(p.text.contains(&format!("- s0: {}… (skills/s000/SKILL.md)", "d".repeat(240))));
}

#[test]
fn first_run_is_the_first_conversation() {
    let (_d, home) = fresh();
    assert!(first_run(&home, "main", "agent:main:main"));
    let store = crate::session::SessionStore::open(&home, "main");
    let key = crate::session::SessionKey::main("main");
    let mut entry = crate::session::SessionEntry::new(0);
    entry.message_count = 4;
    store.upsert(&key, entry).unwrap();
    // The same conversation goes on with the bootstrap; another one does not get it.
    assert!(first_run(&home, "main", "agent:main:main"));
    assert!(!first_run(&home, "main", "agent:main:telegram:direct:ana"));
    // Once the agent deleted BOOTSTRAP.md there is nothing to include.
    std::fs::remove_file(home.workspace("main").join(BOOTSTRAP_FILE)).unwrap();
    assert!(!first_run(&home, "main", "agent:main:main"));
}

#[test]
fn thousands_separators() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(12_345), "12,345");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

#[test]
fn a_file_read_within_the_clock_resolution_of_its_change_is_not_trusted() {
    // Two writes in one tick of the file clock can leave the same stamp, so a file read right
    // after it changed is read again next time (git's "racy clean" rule).
    let path = PathBuf::from("/nonexistent/racy/USER.md");
    let now = SystemTime::now();
    let stamp = |changed: SystemTime| Stamp { file: FileStamp::for_test(3, changed), cap: 10 };
    let text = Capped { text: "x".into(), cut: false, size: 1, skipped: 0 };
    read_cache::put(path.clone(), stamp(now), now, Some(text.clone()));
    assert!(read_cache::get(&path, &stamp(now)).is_none(), "changed as it was read");
    let old = now - Duration::from_secs(5);
    read_cache::put(path.clone(), stamp(old), now, Some(text));
    assert!(read_cache::get(&path, &stamp(old)).is_some(), "changed well before it was read");
    assert!(read_cache::get(&path, &Stamp { cap: 11, ..stamp(old) }).is_none(), "stamp differs");
}

#[test]
fn an_unchanged_file_is_served_from_the_cache_and_a_replaced_one_is_not() {
    let (_d, home) = fresh();
    write(&home, "USER.md", "# USER.md\n\n- Name: Ana\n");
    let p = home.workspace("main").join("USER.md");
    // Old enough that its stamp can be trusted.
    let old = SystemTime::now() - Duration::from_secs(5);
    std::fs::File::options().write(true).open(&p).unwrap().set_modified(old).unwrap();
    let first = build(&home, false, PromptLimits::default()).text;
    assert_eq!(build(&home, false, PromptLimits::default()).text, first);
    // Replaced (new inode), as editors and the write tool do.
    let tmp = p.with_extension("tmp");
    std::fs::write(&tmp, "# USER.md\n\n- Name: Bob\n").unwrap();
    std::fs::rename(&tmp, &p).unwrap();
    assert!(build(&home, false, PromptLimits::default()).text.contains("Name: Bob"));
}
