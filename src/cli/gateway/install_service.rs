//! `openclaw gateway install-service`.

use std::path::PathBuf;

use anyhow::Context as _;

use super::super::{CmdResult, Ctx, Exit};

/// Write a systemd user unit that runs the gateway.
///
/// Writes ~/.config/systemd/user/openclaw-gateway.service ($XDG_CONFIG_HOME respected): a
/// Type=notify service running this program with this home in the foreground, restarted on
/// failure. Prints the commands that enable it; run them yourself. Linux only (systemd); on
/// other systems it fails without writing anything.
///
/// Examples:
///   openclaw gateway install-service
///   openclaw --home /srv/openclaw gateway install-service
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub(crate) fn quote(s: &str) -> String {
    if s.chars().any(|c| c.is_whitespace() || c == '"' || c == '\\') {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

/// Writes the unit file.
pub fn cmd_install_service(ctx: &Ctx, _args: &Args) -> CmdResult {
    if !cfg!(target_os = "linux") {
        return Err(super::super::hinted(
            format!(
                "install-service writes a systemd unit, and systemd runs only on Linux, not {}",
                std::env::consts::OS
            ),
            "run `openclaw gateway start --foreground` under your own service manager (launchd on macOS)",
        ));
    }
    let exe = std::env::current_exe().context("finding this program's path")?;
    let home = std::path::absolute(ctx.home.root()).unwrap_or_else(|_| ctx.home.root().to_path_buf());
    let grace = crate::config::load_lenient(&ctx.home.config_path())
        .map(|l| l.config.gateway.shutdown_grace_seconds)
        .unwrap_or(20);
    let unit = format!(
        "[Unit]\nDescription=openclaw gateway\nAfter=network-online.target\nWants=network-online.target\n\n\
         [Service]\nType=notify\nNotifyAccess=main\nExecStart={} --home {} gateway start --foreground\n\
         Restart=on-failure\nRestartSec=5\nTimeoutStopSec={}\n\n[Install]\nWantedBy=default.target\n",
        quote(&exe.to_string_lossy()),
        quote(&home.to_string_lossy()),
        grace + 10,
    );
    write_user_unit(ctx, "openclaw-gateway", &unit)
}

/// Writes `~/.config/systemd/user/<name>.service` ($XDG_CONFIG_HOME respected) and says how to
/// enable it.
pub(crate) fn write_user_unit(ctx: &Ctx, name: &str, unit: &str) -> CmdResult {
    let config_dir = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME").context("$HOME is not set")?).join(".config"),
    };
    let dir = config_dir.join("systemd/user");
    let path = dir.join(format!("{name}.service"));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    crate::store::write_atomic(&path, unit.as_bytes(), 0o644)?;
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&serde_json::json!({"unit": path.display().to_string()}))?;
    } else {
        p.status(format!(
            "wrote {}\nenable it with:\n  systemctl --user daemon-reload && systemctl --user enable --now {name}",
            path.display()
        ))?;
    }
    Ok(Exit::Success)
}
