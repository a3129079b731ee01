//! Writes `completions/` and `man/` from the CLI definition. Run `scripts/gen-completions-and-man.sh`.
//!
//! Usage: `cargo run --example gen_docs -- [CRATE_ROOT]` (default: this crate's root). Files in
//! those folders that are no longer generated are removed, so the folders hold exactly the output.

mod docs;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root =
        std::env::args_os().nth(1).map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    match run(&root) {
        Ok((written, removed)) => {
            println!("wrote {written} files under {} ({removed} stale removed)", root.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &std::path::Path) -> std::io::Result<(usize, usize)> {
    let files = docs::generate()?;
    let wanted: BTreeSet<PathBuf> = files.iter().map(|(p, _)| root.join(p)).collect();
    let mut removed = 0;
    for dir in docs::DIRS {
        let dir = root.join(dir);
        std::fs::create_dir_all(&dir)?;
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_file() && !wanted.contains(&path) {
                std::fs::remove_file(&path)?;
                removed += 1;
            }
        }
    }
    for (rel, content) in &files {
        let path = root.join(rel);
        // Leave unchanged files alone so their mtimes (and make-style rebuilds) stay quiet.
        if std::fs::read(&path).ok().as_deref() != Some(content.as_slice()) {
            std::fs::write(&path, content)?;
        }
    }
    Ok((files.len(), removed))
}
