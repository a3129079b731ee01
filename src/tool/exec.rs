//! `exec {command, timeout?}`: a shell command in the workspace, under the agent's
//! `tools.exec` policy, the Landlock [`Sandbox`], a timeout and an output cap.
//!
//! The policy (`tools.exec.security`): `deny` refuses every command; `allowlist` runs a command
//! only when the whole command string matches one of `tools.exec.allowlist`'s globs (`git *`) and
//! contains none of the shell's chaining, substitution or redirection characters (`;`, `&`, `|`,
//! backquote, `$(`, `${`, `<`, `>`, newline), so `git status; rm -rf ~` does not pass as `git *`;
//! `full` runs anything. The allowlist is a coarse filter on what the model asks for; the sandbox
//! is what confines the command.
//!
//! The child gets a clean environment (`PATH`, `HOME`=workspace, `TMPDIR`=`<workspace>/.tmp`,
//! `LANG`, `TZ`, `TERM=dumb`; nothing else, so no API keys or tokens), stdin from `/dev/null` and its
//! own process group. No process outlives the call: on Linux the command runs under a supervisor
//! ([`super::reaper`]) that kills and reaps every descendant — background jobs, `setsid` sessions,
//! double forks — when the shell exits, on timeout and when the call is abandoned; elsewhere the
//! process group is killed, which misses processes that left it.

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt};

use super::fs::{floor_char_boundary, try_tool};
use super::sandbox::Sandbox;
use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};
use crate::config::{ExecConfig, ExecSecurity};

/// `PATH` inside `exec`.
const CLEAN_PATH: &str = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
/// Characters that chain, substitute or redirect in `sh`; refused under `allowlist`.
const SHELL_META: &[&str] = &[";", "&", "|", "`", "$(", "${", "<", ">", "\n", "\r", "\0"];
/// How long to keep reading output after the shell has exited and its group was killed.
const DRAIN_GRACE: Duration = Duration::from_millis(500);
/// How long the supervisor gets to clear up after a timeout before it is killed outright.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Checks `command` against the agent's exec policy; `Err` is the sentence for the model.
pub fn check_exec_policy(policy: &ExecConfig, command: &str) -> Result<(), String> {
    match policy.security {
        ExecSecurity::Full => Ok(()),
        ExecSecurity::Deny => Err("exec is disabled for this agent (tools.exec.security is \"deny\")".into()),
        ExecSecurity::Allowlist => {
            if policy.allowlist.is_empty() {
                return Err("exec is not allowed: tools.exec.allowlist is empty; the owner can add \
                            command globs (e.g. \"git *\") or set tools.exec.security to \"full\" \
                            in gateway.json5"
                    .into());
            }
            if let Some(meta) = SHELL_META.iter().find(|m| command.contains(*m)) {
                let shown = match *meta {
                    "\n" => "a newline",
                    "\r" => "a carriage return",
                    "\0" => "a NUL byte",
                    m => m,
                };
                return Err(format!(
                    "exec refused: under the allowlist policy a command may not contain \"{shown}\"; \
                     run one plain command per call"
                ));
            }
            let set = super::policy::compile("tools.exec.allowlist", &policy.allowlist)
                .map_err(|e| e.to_string())?;
            if set.is_match(command.trim()) {
                Ok(())
            } else {
                Err(format!(
                    "exec refused: \"{}\" matches no entry of tools.exec.allowlist ({})",
                    command.trim(),
                    policy.allowlist.join(", ")
                ))
            }
        }
    }
}

/// The `exec` tool.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExecTool;

impl Tool for ExecTool {
    fn name(&self) -> &str {
        "exec"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "exec".into(),
            description: "Run a shell command in the workspace. timeout: seconds.".into(),
            parameters: json!({"type":"object","properties":{
                "command":{"type":"string"},
                "timeout":{"type":"integer"}},"required":["command"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(exec(ctx, args))
    }
}

async fn exec(ctx: &ToolContext, args: Value) -> ToolResult {
    let args = try_tool!(Args::parse("exec", args));
    let command = try_tool!(args.str("command"));
    let timeout = match try_tool!(args.opt_u64("timeout")) {
        Some(0) | None => ctx.limits.exec_timeout,
        Some(s) => Duration::from_secs(s).min(ctx.limits.exec_timeout_max),
    };
    if command.trim().is_empty() {
        return ToolResult::error("exec: argument \"command\" is empty");
    }
    if let Err(why) = check_exec_policy(&ctx.config.tools.exec, command) {
        return ToolResult::error(why);
    }
    let workspace = &ctx.workspace;
    if !workspace.is_dir() {
        return ToolResult::error(format!("the workspace {} does not exist", workspace.display()));
    }
    let tmp = workspace.join(".tmp");
    if let Err(e) = crate::store::create_dir_private(&tmp) {
        return ToolResult::error(format!("exec: {e}"));
    }
    let mut sandbox = Sandbox::prepare(workspace);
    if !sandbox.enforced() && ctx.limits.exec_require_sandbox {
        return ToolResult::error(format!(
            "exec refused: the sandbox is required but unavailable ({})",
            sandbox.note
        ));
    }
    let sandbox_note = sandbox.note.clone();

    let mut cmd = tokio::process::Command::new("/bin/sh");
    cmd.arg("-c")
        .arg(command)
        .current_dir(workspace)
        .env_clear()
        .env("PATH", CLEAN_PATH)
        .env("HOME", workspace)
        .env("TMPDIR", &tmp)
        .env("TERM", "dumb")
        .env("LANG", std::env::var_os("LANG").unwrap_or_else(|| "C.UTF-8".into()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    if let Some(tz) = std::env::var_os("TZ") {
        cmd.env("TZ", tz);
    }
    #[cfg(target_os = "linux")]
    let gateway = std::process::id() as libc::pid_t;
    // SAFETY: the closure only makes system calls: `reaper::split` forks (the supervisor never
    // returns from it) and `Sandbox::apply_in_child` drops privileges and applies a ruleset built
    // before the fork. Neither allocates nor takes a lock.
    unsafe {
        cmd.pre_exec(move || {
            #[cfg(target_os = "linux")]
            super::reaper::split(gateway)?;
            sandbox.apply_in_child()
        });
    }

    let started = Instant::now();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return ToolResult::error(format!("exec: cannot start /bin/sh: {e}")),
    };
    let pgid = child.id().map(|p| p as i32);
    // Declared after `child`, so dropped before it: an abandoned call stops the command while the
    // child is still unreaped (its pid cannot have been reused).
    let mut abandon = StopOnDrop(child.id());
    let cap = ctx.limits.exec_output_max;
    let out_task = tokio::spawn(read_capped(child.stdout.take(), cap));
    let err_task = tokio::spawn(read_capped(child.stderr.take(), cap));

    let (status, timed_out) = match tokio::time::timeout(timeout, child.wait()).await {
        Ok(status) => (status.ok(), false),
        Err(_) => {
            stop(child.id(), pgid);
            let status = match tokio::time::timeout(STOP_GRACE, child.wait()).await {
                Ok(status) => status.ok(),
                Err(_) => {
                    kill_group(pgid);
                    let _ = child.start_kill();
                    child.wait().await.ok()
                }
            };
            (status, true)
        }
    };
    abandon.0 = None;
    // Background jobs would hold the pipes open: they end with the call.
    kill_group(pgid);
    let stdout = join_output(out_task).await;
    let stderr = join_output(err_task).await;
    let elapsed = started.elapsed();

    let code = status.and_then(|s| s.code());
    let signal = status.and_then(|s| s.signal());
    let (text, truncated) = render(&stdout, &stderr, cap);
    let mut content = String::new();
    if timed_out {
        content.push_str(&format!(
            "timed out after {}s; the command and its children were killed\n",
            timeout.as_secs()
        ));
    } else if let Some(code) = code {
        content.push_str(&format!("exit code {code}\n"));
    } else if let Some(sig) = signal {
        content.push_str(&format!("killed by signal {sig}\n"));
    }
    content.push_str(&text);
    let details = json!({
        "exitCode": code,
        "signal": signal,
        "timedOut": timed_out,
        "truncated": truncated,
        "stdoutBytes": stdout.total,
        "stderrBytes": stderr.total,
        "durationMs": elapsed.as_millis() as u64,
        "sandbox": sandbox_note,
    });
    let result = if timed_out { ToolResult::error(content) } else { ToolResult::ok(content) };
    result.with_details(details)
}

/// Ends the command `pid` (not yet reaped): its supervisor kills every descendant; without one,
/// the process group is killed.
fn stop(pid: Option<u32>, pgid: Option<i32>) {
    #[cfg(target_os = "linux")]
    if let Some(pid) = pid {
        super::reaper::stop(pid);
        return;
    }
    let _ = pid;
    kill_group(pgid);
}

/// Stops the command when the call is dropped before the child was reaped.
struct StopOnDrop(Option<u32>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        if let Some(pid) = self.0.take() {
            stop(Some(pid), pid.try_into().ok());
        }
    }
}

fn kill_group(pgid: Option<i32>) {
    if let Some(pgid) = pgid.filter(|p| *p > 1) {
        // SAFETY: kill(2) with a negative pid signals the process group we created for the child.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

/// The first `cap` bytes of a stream and how many bytes it had in all.
#[derive(Debug, Default)]
struct Captured {
    head: Vec<u8>,
    total: u64,
}

async fn read_capped<R: AsyncRead + Unpin>(pipe: Option<R>, cap: usize) -> Captured {
    let mut got = Captured::default();
    let Some(mut pipe) = pipe else { return got };
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match pipe.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                got.total += n as u64;
                let room = cap.saturating_sub(got.head.len());
                got.head.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    got
}

async fn join_output(task: tokio::task::JoinHandle<Captured>) -> Captured {
    // A process that left our group (setsid) may still hold the pipe: stop waiting for it.
    let abort = task.abort_handle();
    match tokio::time::timeout(DRAIN_GRACE, task).await {
        Ok(Ok(c)) => c,
        _ => {
            abort.abort();
            Captured::default()
        }
    }
}

/// Formats stdout and stderr within `cap` bytes in all (stderr gets up to half when both are
/// long), marking cuts. Returns the text and whether anything was cut.
fn render(stdout: &Captured, stderr: &Captured, cap: usize) -> (String, bool) {
    let out = String::from_utf8_lossy(&stdout.head);
    let err = String::from_utf8_lossy(&stderr.head);
    let err_room = if out.len() + err.len() <= cap {
        err.len()
    } else {
        err.len().min((cap / 2).max(cap.saturating_sub(out.len())))
    };
    let out_room = cap.saturating_sub(err_room);
    let mut text = String::new();
    let mut truncated = false;
    let mut section = |label: &str, s: &str, room: usize, total: u64| {
        if s.is_empty() {
            return;
        }
        let cut = floor_char_boundary(s, room);
        if label == "stderr" || !text.is_empty() {
            text.push_str(&format!("[{label}]\n"));
        }
        text.push_str(&s[..cut]);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if (cut as u64) < total {
            truncated = true;
            text.push_str(&format!("[{label} cut: {} of {total} bytes shown]\n", cut));
        }
    };
    section("stdout", &out, out_room, stdout.total);
    section("stderr", &err, err_room, stderr.total);
    if text.is_empty() {
        text.push_str("(no output)\n");
    }
    (text, truncated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(security: ExecSecurity, allow: &[&str]) -> ExecConfig {
        ExecConfig { security, allowlist: allow.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn allowlist_matches_whole_commands_and_rejects_chaining() {
        let p = policy(ExecSecurity::Allowlist, &["git *", "ls"]);
        assert!(check_exec_policy(&p, "git status").is_ok());
        assert!(check_exec_policy(&p, "ls").is_ok());
        assert!(check_exec_policy(&p, "ls -la").is_err());
        assert!(check_exec_policy(&p, "rm -rf x").is_err());
        for bad in [
            "git status; rm -rf ~",
            "git status && rm -rf ~",
            "git status || true",
            "git log | sh",
            "git `rm -rf ~`",
            "git $(rm -rf ~)",
            "git ${HOME}",
            "git log > ../x",
            "git status\nrm -rf ~",
            "git status & rm -rf ~",
        ] {
            let err = check_exec_policy(&p, bad).unwrap_err();
            assert!(err.contains("may not contain"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn deny_and_empty_allowlist_refuse_with_a_hint() {
        let err = check_exec_policy(&policy(ExecSecurity::Deny, &[]), "ls").unwrap_err();
        assert!(err.contains("\"deny\""));
        let err = check_exec_policy(&policy(ExecSecurity::Allowlist, &[]), "ls").unwrap_err();
        assert!(err.contains("tools.exec.allowlist is empty"));
        assert!(check_exec_policy(&policy(ExecSecurity::Full, &[]), "a; b | c").is_ok());
    }

    #[test]
    fn render_caps_combined_output_and_keeps_stderr() {
        let out = Captured { head: vec![b'o'; 100], total: 1000 };
        let err = Captured { head: b"boom\n".to_vec(), total: 5 };
        let (text, cut) = render(&out, &err, 60);
        assert!(cut);
        assert!(text.contains("[stderr]\nboom\n"), "{text}");
        assert!(text.contains("[stdout cut: 55 of 1000 bytes shown]"), "{text}");
        let (text, cut) = render(&Captured::default(), &Captured::default(), 60);
        assert_eq!((text.as_str(), cut), ("(no output)\n", false));
    }
}
