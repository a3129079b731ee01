//! `openclaw cron add/ls/rm/run/runs` through the binary, with a fake OpenAI-compatible model
//! server on 127.0.0.1 for the runs that need a model.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::harness::{Env, snapshot_tree};

/// A model server answering every chat completion with `status` and `body` (non-streamed JSON);
/// it keeps the request bodies it got.
pub(crate) struct Model {
    pub(crate) base: String,
    requests: Arc<Mutex<Vec<Value>>>,
}

impl Model {
    pub(crate) fn start(status: u16, body: Value) -> Model {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut buf = vec![0; len];
                if reader.read_exact(&mut buf).is_err() {
                    continue;
                }
                seen.lock().unwrap().push(serde_json::from_slice(&buf).unwrap_or(Value::Null));
                let text = body.to_string();
                let reason = if status == 200 { "OK" } else { "Bad Request" };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
                    text.len()
                );
            }
        });
        Model { base, requests }
    }

    pub(crate) fn replying(text: &str) -> Model {
        Self::start(
            200,
            serde_json::json!({
                "id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-test",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": 120, "completion_tokens": 9, "total_tokens": 129}
            }),
        )
    }

    pub(crate) fn user_messages(&self) -> Vec<String> {
        let reqs = self.requests.lock().unwrap();
        reqs.iter()
            .flat_map(|r| r["messages"].as_array().cloned().unwrap_or_default())
            .filter(|m| m["role"] == "user")
            .filter_map(|m| m["content"].as_str().map(String::from))
            .collect()
    }
}

fn env_with_model(base: &str) -> Env {
    let env = Env::init();
    env.write(
        "gateway.json5",
        &format!(
            r#"{{
  models: {{
    default: "openai/gpt-test",
    providers: {{ openai: {{ api: "openai", baseUrl: "{base}/v1", apiKey: "sk-test" }} }},
    retry: {{ maxTries: 1, baseDelayMs: 1 }},
  }},
  session: {{ reset: {{ timezone: "Europe/Amsterdam" }} }},
  agents: {{ main: {{}}, jarvis: {{}} }},
}}"#
        ),
    );
    env
}

fn jobs(env: &Env) -> Value {
    serde_json::from_str(&env.read("cron/jobs.json")).unwrap()
}

fn add(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["-q", "cron", "add"];
    all.extend_from_slice(args);
    env.ok(&all).trim().to_string()
}

#[test]
fn add_validates_and_changes_nothing_on_error() {
    let env = env_with_model("http://127.0.0.1:9");
    let before = snapshot_tree(&env.home);
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--cron", "0 8 * * mon-fry", "--message", "hi"], 2, "day-of-week field \"mon-fry\""),
        (&["--cron", "0 25 * * *", "--message", "hi"], 2, "hour field \"25\": 25 is out of range 0-23"),
        (&["--cron", "0 8 * *", "--message", "hi"], 2, "expected 5 fields"),
        (&["--cron", "0 0 30 feb *", "--message", "hi"], 2, "never fires"),
        (
            &["--cron", "0 8 * * *", "--tz", "Mars/Olympus", "--message", "hi"],
            2,
            "unknown time zone \"Mars/Olympus\"",
        ),
        (&["--every", "soon", "--message", "hi"], 2, "invalid duration \"soon\""),
        (&["--every", "0s", "--message", "hi"], 2, "longer than zero"),
        (&["--at", "2001-01-01 08:00", "--message", "hi"], 2, "is in the past"),
        (&["--at", "next tuesday", "--message", "hi"], 2, "invalid time \"next tuesday\""),
        (&["--every", "1h", "--message", "hi", "--deliver", "telegram"], 2, "expected CHANNEL:PEER"),
        (&["--every", "1h", "--message", "hi", "--agent", "nobody"], 1, "agent \"nobody\" does not exist"),
        (&["--every", "1h", "--cron", "* * * * *", "--message", "hi"], 2, "cannot be used with"),
        (&["--every", "1h"], 2, "--message"),
    ];
    for (args, code, needle) in cases {
        let mut all = vec!["cron", "add", "--name", "x"];
        all.extend_from_slice(args);
        let err = env.fails(&all, *code);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    let err = env
        .fails(&["cron", "add", "--name", "x", "--every", "1h", "--message", "hi", "--agent", "nobody"], 1);
    assert!(err.contains("hint: agents defined: main, jarvis"), "{err}");
    assert_eq!(snapshot_tree(&env.home), before, "a failed add writes nothing");
}

#[test]
fn weekday_briefing_in_amsterdam_is_listed_with_its_next_run() {
    let env = env_with_model("http://127.0.0.1:9");
    let id = add(
        &env,
        &[
            "--name",
            "Morning briefing",
            "--cron",
            "0 8 * * mon-fri",
            "--tz",
            "Europe/Amsterdam",
            "--agent",
            "jarvis",
            "--message",
            "Brief me on today",
            "--deliver",
            "telegram:123456789",
        ],
    );
    assert!(id.starts_with("morning-briefing-") && id.len() == "morning-briefing-".len() + 4, "{id}");
    let job = &jobs(&env)[&id];
    assert_eq!(
        job["schedule"],
        serde_json::json!({"kind": "cron", "expr": "0 8 * * mon-fri", "tz": "Europe/Amsterdam"})
    );
    assert_eq!(job["action"], serde_json::json!({"message": "Brief me on today"}));
    assert_eq!(job["session"], "isolated");
    assert_eq!(job["deliver"], "telegram:123456789");
    // The next run is a weekday at 08:00 Amsterdam time.
    let next: jiff::Timestamp = job["nextRunAt"].as_str().unwrap().parse().unwrap();
    let local = next.to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap());
    assert_eq!((local.hour(), local.minute()), (8, 0));
    assert!(!matches!(local.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.path("cron/jobs.json")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // The default zone is session.reset.timezone.
    let tidy = add(&env, &["--name", "tidy", "--cron", "@daily", "--agent", "main", "--reset-stale"]);
    assert_eq!(jobs(&env)[&tidy]["schedule"]["tz"], "Europe/Amsterdam");
    assert_eq!(jobs(&env)[&tidy]["action"], serde_json::json!({"resetStale": true}));

    let ls = env.ok(&["cron", "ls"]);
    let lines: Vec<&str> = ls.lines().collect();
    assert_eq!(lines.len(), 3, "{ls}");
    assert!(lines[0].starts_with("ID") && lines[0].contains("SCHEDULE") && lines[0].contains("NEXT"), "{ls}");
    assert!(lines[1].contains("Morning briefing") && lines[1].contains("jarvis"), "{ls}");
    assert!(
        lines[1].contains("cron 0 8 * * mon-fri (Europe/Amsterdam)") && lines[1].contains("08:00 CE"),
        "{ls}"
    );
    assert!(lines[2].contains("00:00 CE"), "{ls}");
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"-[0-9a-f]{4}\b", "-XXXX");
    settings.add_filter(r"[A-Z][a-z]{2} \d{4}-\d\d-\d\d (\d\d:\d\d) CES?T +", "DAY $1 CET  ");
    // The NEXT column is one wider in summer (CEST).
    settings.add_filter(r"NEXT +LAST", "NEXT  LAST");
    settings.bind(|| insta::assert_snapshot!(ls));
    let listed: Value = serde_json::from_str(&env.ok(&["--json", "cron", "ls"])).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    let err = env.fails(&["cron", "rm", "nope"], 1);
    assert!(err.contains("no cron job \"nope\"") && err.contains(&id), "{err}");
    env.ok(&["cron", "rm", &id]);
    assert!(jobs(&env).get(&id).is_none());
    assert!(jobs(&env).get(&tidy).is_some());
}

#[test]
fn run_talks_to_the_agent_records_and_surfaces_delivery_errors() {
    let model = Model::replying("Good morning! Two meetings today.");
    let env = env_with_model(&model.base);
    let id = add(&env, &["--name", "brief", "--every", "1h", "--message", "Brief me"]);
    let run = env.run(&["cron", "run", &id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Good morning! Two meetings today.\n");
    assert_eq!(model.user_messages(), vec!["Brief me".to_string()]);

    // The turn ran in the job's own session.
    let key = format!("agent:main:cron:{id}");
    let transcript = env.read(&format!("agents/main/state/transcripts/{key}.jsonl"));
    assert!(transcript.contains("Good morning! Two meetings today."), "{transcript}");

    let history = env.ok(&["--json", "cron", "runs", &id]);
    let records: Vec<Value> = history.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["status"], "ok");
    assert_eq!(r["sessionKey"], key.as_str());
    assert_eq!(r["usage"], serde_json::json!({"input": 120, "output": 9}));
    assert!(r.get("delivery").is_none_or(Value::is_null), "{r}");
    let job = &jobs(&env)[&id];
    assert_eq!(job["lastStatus"], "ok");
    assert_eq!(job["failures"], 0);

    let table = env.ok(&["cron", "runs", &id]);
    assert!(
        table.lines().nth(1).is_some_and(|l| l.contains(" ok ") && l.contains("Good morning!")),
        "{table}"
    );
    assert!(env.ok(&["cron", "ls"]).contains("ok 0s ago"));

    // A delivery that cannot be made fails the run and says why; it is never a silent "sent".
    let deliver = add(
        &env,
        &["--name", "brief2", "--every", "1h", "--message", "Brief me", "--deliver", "telegram:42"],
    );
    let run = env.run(&["cron", "run", &deliver]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "Good morning! Two meetings today.\n");
    assert!(run.stderr.contains("channels.telegram is not configured in gateway.json5"), "{}", run.stderr);
    assert_eq!(jobs(&env)[&deliver]["failures"], 1);

    // --session main talks to the agent's main session.
    let main = add(&env, &["--name", "main", "--every", "1h", "--message", "Check in", "--session", "main"]);
    env.ok(&["cron", "run", &main]);
    assert!(env.read("agents/main/state/transcripts/agent:main:main.jsonl").contains("Check in"));

    // A one-shot job disables itself after its run.
    let once = add(
        &env,
        &["--name", "once", "--at", "2099-12-24 17:00", "--tz", "Europe/Amsterdam", "--message", "Call mum"],
    );
    assert_eq!(jobs(&env)[&once]["schedule"]["at"], "2099-12-24T16:00:00.000Z");
    env.ok(&["cron", "run", &once]);
    assert_eq!(jobs(&env)[&once]["enabled"], false);
    let ls = env.ok(&["cron", "ls"]);
    let row = ls.lines().find(|l| l.starts_with(&once)).unwrap();
    assert!(row.contains("disabled") && row.contains("ok 0s ago"), "{ls}");
}

#[test]
fn a_broken_jobs_file_is_named_with_line_and_column() {
    let env = env_with_model("http://127.0.0.1:9");
    env.write("cron/jobs.json", "{\n  \"x\": nope\n}\n");
    let err = env.fails(&["cron", "ls"], 1);
    assert!(err.contains("cron/jobs.json:2:"), "{err}");
    let err = env.fails(&["cron", "add", "--name", "x", "--every", "1h", "--message", "hi"], 1);
    assert!(err.contains("cron/jobs.json:2:"), "{err}");
    assert_eq!(env.read("cron/jobs.json"), "{\n  \"x\": nope\n}\n", "left as it was");
}

#[test]
fn a_failed_run_exits_1_and_backs_off() {
    let model = Model::start(400, serde_json::json!({"error": {"message": "model is on strike"}}));
    let env = env_with_model(&model.base);
    let id = add(&env, &["--name", "fails", "--every", "10m", "--message", "hi"]);
    let err = env.fails(&["cron", "run", &id], 1);
    assert!(err.contains(&format!("cron job {id} failed")) && err.contains("model is on strike"), "{err}");
    let job = &jobs(&env)[&id];
    assert_eq!(job["lastStatus"], "error");
    assert_eq!(job["failures"], 1);
    let last: jiff::Timestamp = job["lastRunAt"].as_str().unwrap().parse().unwrap();
    let until: jiff::Timestamp = job["backoffUntil"].as_str().unwrap().parse().unwrap();
    let wait = until.duration_since(last).as_secs();
    assert!((120..=125).contains(&wait), "2 minutes after the first failure, got {wait}s");

    env.fails(&["cron", "run", &id], 1);
    let job = &jobs(&env)[&id];
    assert_eq!(job["failures"], 2);
    let last: jiff::Timestamp = job["lastRunAt"].as_str().unwrap().parse().unwrap();
    let until: jiff::Timestamp = job["backoffUntil"].as_str().unwrap().parse().unwrap();
    assert!((240..=245).contains(&until.duration_since(last).as_secs()));

    let history = env.ok(&["cron", "runs", &id, "--tail", "1"]);
    assert_eq!(history.lines().count(), 2, "{history}");
    assert!(history.contains(" error ") && history.contains("HTTP 400"), "{history}");
    let json = env.run(&["--json", "cron", "run", &id]);
    assert_eq!(json.code, 1);
    let r: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(r["status"], "error");
}

#[test]
fn runs_of_an_unknown_job_and_empty_listing() {
    let env = env_with_model("http://127.0.0.1:9");
    let err = env.fails(&["cron", "runs", "ghost"], 1);
    assert!(err.contains("no cron job \"ghost\" (jobs: none)"), "{err}");
    assert_eq!(env.ok(&["cron", "ls"]), "no cron jobs; add one with `openclaw cron add`\n");
    assert_eq!(env.ok(&["--json", "cron", "ls"]).trim(), "[]");
}

/// The three runs `cron add` prints, as (weekday, day of month, HH:MM) in UTC.
fn printed_runs(out: &str) -> Vec<(String, u32, String)> {
    let mut lines = out.lines();
    assert!(lines.next().is_some_and(|l| l.starts_with("added cron job ")), "{out}");
    assert_eq!(lines.next(), Some("next runs:"), "{out}");
    lines
        .map(|l| {
            // `  Sun 2026-11-29 09:00 UTC`
            let parts: Vec<&str> = l.split_whitespace().collect();
            assert_eq!((parts.len(), parts[3]), (4, "UTC"), "{out}");
            (parts[0].to_string(), parts[1][8..].parse().unwrap(), parts[2].to_string())
        })
        .collect()
}

#[test]
fn add_shows_three_runs_and_star_steps_in_day_fields_restrict() {
    let env = env_with_model("http://127.0.0.1:9");
    let add = |expr: &str| {
        env.ok(&[
            "cron",
            "add",
            "--name",
            "x",
            "--cron",
            expr,
            "--tz",
            "UTC",
            "--agent",
            "main",
            "--message",
            "hi",
        ])
    };
    // Issue #18: `*/2` in day-of-week is Sun, Tue, Thu, Sat — not every day.
    let out = add("0 9 * * */2");
    let runs = printed_runs(&out);
    assert_eq!(runs.len(), 3, "{out}");
    for (day, _, time) in &runs {
        assert!(["Sun", "Tue", "Thu", "Sat"].contains(&day.as_str()) && time == "09:00", "{out}");
    }
    // One run a day: three different days.
    for pair in runs.windows(2) {
        assert_ne!(pair[0].0, pair[1].0, "{out}");
    }
    // `*/2` in day-of-month is the 1st, 3rd, 5th, …: every other day (31 → 1 excepted).
    let out = add("30 6 */2 * *");
    let runs = printed_runs(&out);
    assert!(runs.iter().all(|(_, dom, time)| dom % 2 == 1 && time == "06:30"), "{out}");
    // `*/13` with a restricted weekday is ANDed with it: days 1, 14 or 27 that are Sundays.
    let out = add("0 9 */13 * sun");
    let runs = printed_runs(&out);
    assert!(runs.iter().all(|(day, dom, _)| day == "Sun" && [1, 14, 27].contains(dom)), "{out}");

    // The first printed run is the stored one, which `cron ls --json` shows as nextRunAt.
    let listed: Value = serde_json::from_str(&env.ok(&["--json", "cron", "ls"])).unwrap();
    let last = listed.as_array().and_then(|a| a.last()).cloned().unwrap();
    let next: jiff::Timestamp = last["nextRunAt"].as_str().unwrap().parse().unwrap();
    let first = next.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    assert_eq!(first.strftime("%a %-d").to_string(), format!("{} {}", runs[0].0, runs[0].1), "{last}");

    // An interval only knows its first run.
    let out = env.ok(&["cron", "add", "--name", "y", "--every", "1h", "--message", "hi"]);
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("next run: ")), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
}
