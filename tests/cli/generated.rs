//! The committed `completions/` and `man/` match what the CLI definition generates today.

use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "../../examples/gen_docs/docs.rs"]
mod docs;

const STALE: &str = "completions/ or man/ is stale: run scripts/gen-completions-and-man.sh";

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let generated: BTreeMap<PathBuf, Vec<u8>> = docs::generate().expect("generate").into_iter().collect();
    let mut committed = BTreeMap::new();
    for dir in docs::DIRS {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries {
            let path = entry.expect("read_dir entry").path();
            if path.is_file() {
                let rel = path.strip_prefix(&root).expect("below root").to_path_buf();
                committed.insert(rel, std::fs::read(&path).expect("read committed file"));
            }
        }
    }
    let mut problems = Vec::new();
    for (path, content) in &generated {
        match committed.get(path) {
            None => problems.push(format!("missing: {}", path.display())),
            Some(old) if old != content => problems.push(format!("differs: {}", path.display())),
            Some(_) => {}
        }
    }
    for path in committed.keys().filter(|p| !generated.contains_key(*p)) {
        problems.push(format!("not generated (extra): {}", path.display()));
    }
    assert!(problems.is_empty(), "{STALE}\n  {}", problems.join("\n  "));
}

#[test]
fn every_command_has_a_man_page_and_every_shell_a_script() {
    let names: Vec<String> =
        docs::generate().expect("generate").into_iter().map(|(p, _)| p.display().to_string()).collect();
    for want in [
        "completions/openclaw.bash",
        "completions/_openclaw",
        "completions/openclaw.fish",
        "completions/openclaw.elv",
        "completions/_openclaw.ps1",
        "man/openclaw.1",
        "man/openclaw-init.1",
        "man/openclaw-bind.1",
        "man/openclaw-bind-explain.1",
        "man/openclaw-completions.1",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} is not generated: {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "clap's help subcommand got a page: {names:?}");
}
