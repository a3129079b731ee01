//! `openclaw doctor`.

use std::io::Write;

use crate::doctor::{self, Severity};

use super::{CmdResult, Ctx, Exit};

/// Check the home, permissions, config and session stores; --fix repairs what is safe
///
/// Checks that the home and gateway.json5 exist and are private (0700/0600), that the config
/// loads, that every agent has its workspace and state, that every sessions.json parses and
/// every transcript is readable, and that cron/jobs.json, the pairing and allowFrom files and
/// the Telegram offsets under credentials/ parse, and that every enabled MCP server answers
/// (through the running gateway when there is one) and offers tools. With --fix it repairs permissions, recreates
/// missing agent directories (never overwriting files), starts missing transcripts, removes
/// temporary files that interrupted writes left behind (older than 10 minutes), and renames
/// aside a corrupt pairing or offset file and a half-created agent; it never deletes your
/// data. With -v (and in --json) it also says, for each agent, whether the browser tool can
/// run (a Chromium found on PATH or at tools.browser.executablePath, or tools.browser.cdpUrl).
/// Problems print on stderr (`error: …`, `warning: …`), what --fix repaired and the summary
/// on stdout; --json prints one document on stdout. Exits 1 while errors remain.
///
/// Examples:
///   openclaw doctor
///   openclaw doctor --fix
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Repair what can be repaired safely
    #[arg(long)]
    pub fix: bool,
}

/// Runs the checks, applies fixes when asked and reports.
pub fn cmd_doctor(ctx: &Ctx, args: &Args) -> CmdResult {
    let mut findings = doctor::check(&ctx.home);
    findings.extend(super::mcp::doctor_findings(ctx));
    let mut fixed = vec![false; findings.len()];
    if args.fix {
        for (i, f) in findings.iter().enumerate() {
            if f.fix.is_some() {
                match doctor::apply(&ctx.home, f) {
                    Ok(()) => fixed[i] = true,
                    Err(e) => ctx.printer.warn(format!("could not fix {}: {e}", f.path.display())),
                }
            }
        }
    }
    let remaining_errors =
        findings.iter().zip(&fixed).filter(|(f, fixed)| f.severity == Severity::Error && !**fixed).count();
    let p = &ctx.printer;
    let browser = match crate::config::load_lenient(&ctx.home.config_path()) {
        Ok(loaded) => doctor::browser_status(&loaded.config),
        Err(_) => Vec::new(),
    };
    for (agent, status) in &browser {
        match status {
            Ok(at) => p.verbose(format!("browser of agent {agent}: available ({at})")),
            Err(why) => p.verbose(format!("browser of agent {agent}: unavailable: {why}")),
        }
    }
    if p.json {
        let items: Vec<_> = findings
            .iter()
            .zip(&fixed)
            .map(|(f, fixed)| {
                let mut v = serde_json::to_value(f).unwrap_or_default();
                v["fixed"] = serde_json::Value::Bool(*fixed);
                v
            })
            .collect();
        let browser: serde_json::Map<String, serde_json::Value> = browser
            .iter()
            .map(|(agent, s)| {
                let v = match s {
                    Ok(at) => serde_json::json!({"available": true, "detail": at}),
                    Err(why) => serde_json::json!({"available": false, "detail": why}),
                };
                (agent.clone(), v)
            })
            .collect();
        p.json_doc(
            &serde_json::json!({ "ok": remaining_errors == 0, "findings": items, "browser": browser }),
        )?;
    } else {
        // The problems that remain go to stderr, as every command's errors and warnings do; what
        // was repaired and the summary are the report, on stdout.
        let mut out = p.stdout();
        let mut err = std::io::stderr().lock();
        for (f, fixed) in findings.iter().zip(&fixed) {
            let path = f.path.strip_prefix(ctx.home.root()).unwrap_or(&f.path);
            let path = if path.as_os_str().is_empty() { ctx.home.root() } else { path };
            if *fixed {
                writeln!(out, "{}: {}: {}", p.paint("fixed", "32"), path.display(), f.message)?;
                continue;
            }
            let label = match f.severity {
                Severity::Error => p.paint_err("error", "31;1"),
                Severity::Warning => p.paint_err("warning", "33"),
            };
            let fixable = if f.fix.is_some() { " (--fix repairs this)" } else { "" };
            writeln!(err, "{label}: {}: {}{fixable}", path.display(), f.message)?;
        }
        let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
        let nfixed = fixed.iter().filter(|f| **f).count();
        if findings.is_empty() {
            writeln!(out, "ok: {} is healthy", ctx.home.root().display())?;
        } else {
            writeln!(out, "{remaining_errors} error(s), {warnings} warning(s), {nfixed} fixed")?;
        }
        out.flush()?;
    }
    Ok(if remaining_errors == 0 { Exit::Success } else { Exit::Failure })
}
