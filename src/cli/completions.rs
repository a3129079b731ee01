//! `openclaw completions <shell>`, and the hidden `openclaw __complete <kind>` the bash, zsh and
//! fish scripts call for values that live in the home (agent ids, session keys, channel names,
//! cron job ids), which a static script cannot know.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{CmdResult, Ctx, Exit};

/// Print a shell completion script
///
/// The same scripts are shipped in `completions/`. The bash, zsh and fish scripts complete
/// agent ids (--agent), session keys (--session, `session show/kill`), channel names
/// (--channel) and cron job ids (`cron rm/run/runs`) from the home, by running the hidden
/// `openclaw __complete <kind>`.
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
    pub shell: Shell,
}

/// Writes the completion script for `args.shell` to stdout.
pub fn cmd_completions(_ctx: &Ctx, args: &Args) -> CmdResult {
    let mut out = std::io::stdout().lock();
    out.write_all(&script(args.shell))?;
    out.flush()?;
    Ok(Exit::Success)
}

/// The completion script for `shell`: clap's static one, and for bash, zsh and fish the
/// dynamic values through `openclaw __complete`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::Cli::command(), "openclaw", &mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let text = match shell {
        Shell::Bash => format!("{text}{BASH}"),
        Shell::Zsh => zsh(&text),
        Shell::Fish => format!("{text}{FISH}"),
        _ => text,
    };
    text.into_bytes()
}

/// Wraps clap's `_openclaw`: flags and positionals whose values live in the home are answered by
/// `openclaw __complete` (with the line's own `--home`), everything else by clap's function.
const BASH: &str = r#"
# Values from the home: agent ids, session keys, channel names, cron job ids.
_openclaw_dynamic() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" kind="" i
    local -a home=() words=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --home) home=(--home "${COMP_WORDS[i+1]}"); ((i++)) ;;
            -*) ;;
            *) words+=("${COMP_WORDS[i]}") ;;
        esac
    done
    case "$prev" in
        --agent) kind=agents ;;
        --session) kind=sessions ;;
        --channel) kind=channels ;;
    esac
    if [[ -z $kind && $cur != -* && ${#words[@]} -eq 2 ]]; then
        case "${words[*]:0:2}" in
            "cron rm" | "cron run" | "cron runs") kind=cron ;;
            "session show" | "session kill") kind=sessions ;;
        esac
    fi
    if [[ -n $kind ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(openclaw "${home[@]}" __complete "$kind" 2>/dev/null)" -- "$cur"))
        return 0
    fi
    _openclaw "$@"
}
complete -F _openclaw_dynamic -o bashdefault -o default openclaw
"#;

const FISH: &str = r#"
# Values from the home: agent ids, session keys, channel names, cron job ids.
complete -c openclaw -l agent -x -a "(openclaw __complete agents 2>/dev/null)"
complete -c openclaw -l session -x -a "(openclaw __complete sessions 2>/dev/null)"
complete -c openclaw -l channel -x -a "(openclaw __complete channels 2>/dev/null)"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm run runs" -f -a "(openclaw __complete cron 2>/dev/null)"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show kill" -f -a "(openclaw __complete sessions 2>/dev/null)"
"#;

/// clap's zsh script with the values of --agent, --session and --channel from the home.
fn zsh(text: &str) -> String {
    let helper = r#"
# Values from the home: agent ids, session keys, channel names.
_openclaw_home_values() {
    local -a values home
    local i=${words[(i)--home]}
    (( i < CURRENT )) && home=(--home "${words[i+1]}")
    values=(${(f)"$(openclaw $home __complete $1 2>/dev/null)"})
    compadd -a values
}
"#;
    let mut out = String::with_capacity(text.len() + 512);
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let mut line = line.to_string();
        for (flag, kind) in
            [("--agent=[", "agents"), ("--session=[", "sessions"), ("--channel=[", "channels")]
        {
            if line.trim_start().starts_with(&format!("'{flag}")) && line.contains(":_default'") {
                line = line.replacen(":_default'", &format!(":_openclaw_home_values {kind}'"), 1);
            }
        }
        out.push_str(&line);
        if n == 0 {
            out.push_str(helper);
        }
    }
    out
}

/// Print completion candidates, one a line (used by the completion scripts)
#[derive(Debug, clap::Args)]
pub struct CompleteArgs {
    /// What to list
    #[arg(value_enum)]
    pub kind: Kind,
}

/// The values `__complete` lists.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    /// Agent ids.
    Agents,
    /// Session keys of every agent.
    Sessions,
    /// Channel names.
    Channels,
    /// Cron job ids.
    Cron,
}

/// Prints the candidates; never an error or a warning (a completion must stay quiet).
pub fn cmd_complete(ctx: &Ctx, args: &CompleteArgs) -> CmdResult {
    let mut out = ctx.printer.stdout();
    for c in candidates(&ctx.home, args.kind) {
        writeln!(out, "{c}")?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// The values of `kind` in `home`; empty where there is nothing to read.
pub fn candidates(home: &crate::home::Home, kind: Kind) -> Vec<String> {
    let agents = || {
        crate::config::load_or_last_good(&home.config_path(), &home.last_good_config_path())
            .loaded
            .config
            .agents
            .into_keys()
            .collect::<Vec<_>>()
    };
    match kind {
        Kind::Agents => agents(),
        Kind::Sessions => agents()
            .iter()
            .flat_map(|a| crate::session::SessionStore::open(home, a).load().unwrap_or_default().into_keys())
            .collect(),
        Kind::Channels => crate::config::channel_names().into_iter().map(String::from).collect(),
        Kind::Cron => crate::cron::load(home).map(|jobs| jobs.into_keys().collect()).unwrap_or_default(),
    }
}
