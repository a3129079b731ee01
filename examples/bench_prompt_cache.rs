//! How much of the system prompt a model server's prompt cache can reuse from one turn to the
//! next: the prompt of a fresh workspace, assembled for turns a minute apart, a day apart and
//! from another channel, compared byte by byte. Run with `scripts/bench-prompt-cache.sh`.
//!
//! llama.cpp (`cache_prompt`), Anthropic and OpenAI reuse the longest prefix a request shares
//! with an earlier one; everything after the first differing byte is processed again.

use jiff::civil::date;
use jiff::tz::TimeZone;
use openclaw::agent::prompt::{PromptInput, PromptLimits, assemble};
use openclaw::agent::workspace::{self, Identity};
use openclaw::config::AgentConfig;
use openclaw::home::Home;
use openclaw::tool::ToolSet;

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn main() {
    let dir = std::env::temp_dir().join(format!("openclaw-bench-prompt-{}", std::process::id()));
    let home = Home::new(&dir);
    let id = Identity { name: "Main".into(), model: "openai/gpt-4o-mini".into() };
    workspace::create(&home, "main", &id).expect("workspace");
    let tools = ToolSet::for_agent(&AgentConfig::default(), Vec::new()).expect("tools");
    let names = tools.names();
    let tz = TimeZone::get("Europe/Amsterdam").expect("zone");
    let turns = [
        ("09:30, webchat", date(2026, 11, 24).at(9, 30, 5, 0), "webchat"),
        ("09:31, webchat", date(2026, 11, 24).at(9, 31, 40, 0), "webchat"),
        ("09:47, telegram", date(2026, 11, 24).at(9, 47, 0, 0), "telegram"),
        ("next day 08:00, webchat", date(2026, 11, 25).at(8, 0, 0, 0), "webchat"),
    ];
    let mut previous: Option<(String, usize)> = None;
    println!(
        "| turn | prompt bytes | bytes shared with the turn before | bytes the old layout (runtime line first) shared |"
    );
    println!("|---|---|---|---|");
    for (label, when, channel) in turns {
        let now = when.to_zoned_datetime(tz.clone()).expect("time");
        let p = assemble(&PromptInput {
            home: &home,
            agent: "main",
            model: "openai/gpt-4o-mini",
            channel,
            now: &now,
            tools: &names,
            first_run: false,
            limits: PromptLimits::default(),
        });
        let runtime = &p.text[p.stable_len..];
        match &previous {
            None => println!("| {label} | {} | — | — |", p.text.len()),
            Some((before, before_stable)) => {
                let shared = common_prefix(before, &p.text);
                // The old layout put the runtime line first: the shared prefix ended inside it.
                let old = common_prefix(&before[*before_stable..], runtime);
                println!(
                    "| {label} | {} | {shared} ({:.1} %; the prefix before the runtime line is byte-identical: {}) | {old} |",
                    p.text.len(),
                    100.0 * shared as f64 / p.text.len() as f64,
                    before[..*before_stable] == p.text[..p.stable_len],
                );
            }
        }
        previous = Some((p.text.clone(), p.stable_len));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
