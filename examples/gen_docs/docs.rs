//! Renders the shipped shell completions and man pages from the CLI definition, in memory.
//!
//! Shared by the `gen_docs` example (which writes the files; run it through
//! `scripts/gen-completions-and-man.sh`) and the `generated` integration test (which fails when
//! the committed files are stale). Output depends only on the CLI definition and the crate
//! version: no dates, no paths.

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

/// The folders this module owns, relative to the crate root; every file in them is generated.
pub const DIRS: &[&str] = &["completions", "man"];

/// Every generated file: its path relative to the crate root, and its content, sorted by path.
pub fn generate() -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut cmd = openclaw::cli::Cli::command();
    let name = cmd.get_name().to_string();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish, Shell::PowerShell] {
        let out = openclaw::cli::completions::script(shell);
        files.push((PathBuf::from("completions").join(shell.file_name(&name)), out));
    }
    cmd.build();
    man_pages(&cmd, &mut files)?;
    files.sort();
    Ok(files)
}

/// One page per command, recursively: `openclaw.1`, `openclaw-agent.1`, `openclaw-agent-new.1`, …
/// clap's built-in `help` subcommands get none (they are not commands).
fn man_pages(cmd: &clap::Command, files: &mut Vec<(PathBuf, Vec<u8>)>) -> std::io::Result<()> {
    // The source field defaults to the subcommand's own name ("explain 0.1.0"); name the program.
    let source = format!("openclaw {}", env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(cmd.clone()).source(source).manual("openclaw manual");
    let mut out = Vec::new();
    man.render(&mut out)?;
    files.push((PathBuf::from("man").join(man.get_filename()), out));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        man_pages(sub, files)?;
    }
    Ok(())
}
