//! `openclaw completions <shell>`.

use clap::CommandFactory;

use super::{CmdResult, Ctx, Exit};

/// Print a shell completion script
///
/// The same scripts are shipped in `completions/`.
///
/// Examples:
///   openclaw completions bash > ~/.local/share/bash-completion/completions/openclaw
///   openclaw completions zsh > "${fpath[1]}/_openclaw"
///   openclaw completions fish > ~/.config/fish/completions/openclaw.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The shell to generate for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the completion script for `args.shell` to stdout.
pub fn cmd_completions(_ctx: &Ctx, args: &Args) -> CmdResult {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut super::Cli::command(), "openclaw", &mut out);
    Ok(Exit::Success)
}
