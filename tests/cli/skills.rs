//! `openclaw skills ls`.

use crate::harness::Env;

fn env() -> Env {
    let env = Env::init();
    env.write(
        "agents/main/workspace/skills/weather/SKILL.md",
        "---\nname: weather\ndescription: Current weather and forecasts for a place.\n---\n# Weather\n",
    );
    env.write("agents/main/workspace/skills/bread/SKILL.md", "\n# Bake sourdough bread step by step\n");
    env.write("agents/main/workspace/skills/empty-dir/README.md", "no SKILL.md here\n");
    env
}

#[test]
fn ls_prints_a_table_sorted_by_folder() {
    let env = env();
    assert_eq!(
        env.ok(&["skills", "ls"]),
        "NAME     DESCRIPTION                                 PATH\n\
         bread    Bake sourdough bread step by step           skills/bread/SKILL.md\n\
         weather  Current weather and forecasts for a place.  skills/weather/SKILL.md\n"
    );
}

#[test]
fn ls_json_and_other_agents() {
    let env = env();
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "skills", "ls"])).unwrap();
    assert_eq!(json[1]["name"], "weather");
    assert_eq!(json[1]["path"], "skills/weather/SKILL.md");
    assert_eq!(json.as_array().unwrap().len(), 2);

    env.ok(&["agent", "new", "jarvis", "--yes"]);
    let out = env.ok(&["skills", "ls", "--agent", "jarvis"]);
    assert!(out.starts_with("no skills: agent jarvis has no "), "{out}");
    assert_eq!(env.ok(&["--json", "skills", "ls", "--agent", "jarvis"]), "[]\n");

    let err = env.fails(&["skills", "ls", "--agent", "ghost"], 1);
    assert!(
        err.contains("agent \"ghost\" does not exist") && err.contains("hint: agents defined: main, jarvis"),
        "{err}"
    );
}
