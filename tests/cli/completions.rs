use crate::harness::Env;

#[test]
fn completions_print_a_script_for_each_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = env.ok(&["completions", shell]);
        assert!(out.contains("openclaw"), "{shell}: {out}");
    }
    let err = env.fails(&["completions", "tcsh"], 2);
    assert!(err.contains("tcsh"), "{err}");
}

/// A home with agents main and jarvis, a session of each, and one cron job.
fn populated() -> (Env, String) {
    use openclaw::session::{SessionEntry, SessionStore};
    let env = Env::init();
    env.ok(&["agent", "new", "jarvis"]);
    let home = openclaw::home::Home::new(&env.home);
    let now = jiff::Timestamp::now().as_millisecond();
    for key in ["agent:main:telegram:peer:anna", "agent:jarvis:main"] {
        let agent = key.split(':').nth(1).unwrap();
        let key = openclaw::session::SessionKey::parse(key).unwrap();
        SessionStore::open(&home, agent).upsert(&key, SessionEntry::new(now)).unwrap();
    }
    let out = env.ok(&["cron", "add", "--name", "tidy", "--every", "6h", "--agent", "main", "--reset-stale"]);
    let id = out.split_whitespace().nth(3).unwrap().to_string();
    assert!(id.starts_with("tidy-"), "{out}");
    (env, id)
}

#[test]
fn the_candidate_lister_lists_the_values_of_the_home() {
    let (env, job) = populated();
    assert_eq!(env.ok(&["__complete", "agents"]), "main\njarvis\n");
    assert_eq!(env.ok(&["__complete", "sessions"]), "agent:main:telegram:peer:anna\nagent:jarvis:main\n");
    let channels = env.ok(&["__complete", "channels"]);
    assert!(
        channels.lines().any(|c| c == "telegram") && channels.lines().any(|c| c == "webchat"),
        "{channels}"
    );
    assert_eq!(env.ok(&["__complete", "cron"]), format!("{job}\n"));
    // Quiet where there is nothing: no home at all.
    let empty = Env::new();
    let run = empty.run(&["__complete", "cron"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    // Hidden from the help.
    assert!(!env.ok(&["--help"]).contains("__complete"));
}

/// Runs the bash script's completion function on `words` (the last one being completed) and
/// returns the candidates.
fn bash_complete(env: &Env, words: &[&str]) -> Vec<String> {
    let script = env.dir.path().join("openclaw.bash");
    std::fs::write(&script, env.ok(&["completions", "bash"])).unwrap();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_openclaw")).parent().unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=(openclaw --home '{}' {})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n\
         _openclaw_dynamic openclaw \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        env.home.display(),
        quoted.join(" ")
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(program)
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
        .output()
        .expect("bash");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.is_empty()).map(String::from).collect()
}

#[test]
fn the_bash_script_completes_agents_sessions_channels_and_jobs_from_the_home() {
    let (env, job) = populated();
    let script = env.ok(&["completions", "bash"]);
    assert!(script.contains("__complete \"$kind\""), "the bash script calls the lister");
    assert_eq!(bash_complete(&env, &["send", "--agent", "j"]), ["jarvis"]);
    assert_eq!(bash_complete(&env, &["session", "ls", "--agent", ""]), ["main", "jarvis"]);
    assert_eq!(bash_complete(&env, &["send", "--session", "agent:main"]), ["agent:main:telegram:peer:anna"]);
    assert_eq!(bash_complete(&env, &["bind", "add", "main", "--channel", "tele"]), ["telegram"]);
    assert_eq!(bash_complete(&env, &["cron", "rm", ""]), [job.as_str()]);
    assert_eq!(bash_complete(&env, &["session", "show", "agent:j"]), ["agent:jarvis:main"]);
    // Everything else is still clap's static completion.
    assert!(bash_complete(&env, &["sess"]).contains(&"session".to_string()));
}

#[test]
fn the_zsh_and_fish_scripts_call_the_lister_for_home_values() {
    let env = Env::new();
    let zsh = env.ok(&["completions", "zsh"]);
    assert!(zsh.contains(":_openclaw_home_values agents'"), "--agent in zsh");
    assert!(zsh.contains(":_openclaw_home_values channels'"), "--channel in zsh");
    let fish = env.ok(&["completions", "fish"]);
    assert!(fish.contains("-l agent -x -a \"(openclaw __complete agents 2>/dev/null)\""), "{fish}");
}
