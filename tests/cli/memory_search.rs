//! `openclaw memory search` through the binary.

use crate::harness::Env;

fn env() -> Env {
    let env = Env::new();
    env.write("gateway.json5", "{ agents: { main: {}, jarvis: {} } }\n");
    env.write(
        "agents/main/workspace/MEMORY.md",
        "# Memory\n\n## People\n\n- Ana: allergic to peanuts,\n  prefers green tea\n- Jonas: coffee, black\n",
    );
    env.write(
        "agents/main/workspace/memory/2026-11-20.md",
        "# 2026-11-20\n\n- 09:00 dentist appointment moved to Friday\n- 10:15 tea with Ana\n",
    );
    env.write(
        "agents/main/workspace/memory/2026-11-22.md",
        "# 2026-11-22\n\n- 08:00 reminded Jonas about the dentist; the dentist wants the forms\n",
    );
    env.write("agents/jarvis/workspace/memory/2026-11-21.md", "- 12:00 invoice 42 paid\n");
    env
}

#[test]
fn prints_ranked_hits_with_line_ranges() {
    let env = env();
    // Scores include a recency boost that depends on today's date: mask them.
    let out = env.ok(&["memory", "search", "dentist"]);
    assert_eq!(
        mask_scores(&out),
        "memory/2026-11-22.md:3-3  S  - 08:00 reminded Jonas about the dentist; the dentist wants the forms\n\
         memory/2026-11-20.md:3-3  S  - 09:00 dentist appointment moved to Friday\n"
    );
    // Several words are one query; the plural and the case do not matter.
    let out = env.ok(&["memory", "search", "-n", "1", "Peanut", "ALLERGIES"]);
    assert!(out.starts_with("MEMORY.md:5-6  "), "{out}");
    assert!(out.ends_with("  - Ana: allergic to peanuts, prefers green tea\n"), "{out}");
}

#[test]
fn json_is_an_array_of_hits() {
    let env = env();
    let out = env.ok(&["--json", "memory", "search", "tea", "-n", "5"]);
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for h in hits {
        assert!(h["score"].as_f64().unwrap() > 0.0);
        assert!(h["startLine"].as_u64().unwrap() <= h["endLine"].as_u64().unwrap());
    }
    let paths: Vec<&str> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"MEMORY.md") && paths.contains(&"memory/2026-11-20.md"), "{paths:?}");
}

#[test]
fn other_agents_and_no_results() {
    let env = env();
    assert!(
        env.ok(&["memory", "search", "--agent", "jarvis", "invoice"])
            .starts_with("memory/2026-11-21.md:1-1 ")
    );
    // Nothing found: exit 1 and no output, like grep; JSON still prints an (empty) document.
    let run = env.run(&["memory", "search", "invoice"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (1, "", ""));
    let run = env.run(&["--json", "memory", "search", "invoice"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "[]\n");
}

#[test]
fn usage_errors() {
    let env = env();
    let err = env.fails(&["memory", "search", "?!"], 2);
    assert!(err.contains("nothing to search for: the query \"?!\" holds no words"), "{err}");
    env.fails(&["memory", "search"], 2);
    let err = env.fails(&["memory", "search", "x", "--agent", "ghost"], 1);
    assert!(err.contains("unknown agent \"ghost\""), "{err}");
}

#[test]
fn a_change_to_a_file_shows_in_the_next_search() {
    let env = env();
    env.fails(&["memory", "search", "kayak"], 1);
    env.ok(&["memory", "append", "bought a kayak"]);
    let out = env.ok(&["memory", "search", "kayak"]);
    assert!(out.starts_with("memory/") && out.contains("bought a kayak"), "{out}");
}

/// Replaces the score column (`  12.34  `) with `  S  `.
fn mask_scores(out: &str) -> String {
    out.lines()
        .map(|line| {
            let (place, rest) = line.split_once("  ").unwrap();
            let rest = rest.trim_start();
            let (score, snippet) = rest.split_once("  ").unwrap();
            assert!(score.parse::<f64>().unwrap() > 0.0, "{line}");
            format!("{place}  S  {snippet}\n")
        })
        .collect()
}
