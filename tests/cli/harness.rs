//! The test environment: a temporary home and a way to run `openclaw` in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary directory holding the openclaw home (`<tmp>/home`) and a fake user `$HOME`.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub home: PathBuf,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

#[allow(dead_code)]
impl Env {
    /// A fresh environment whose home does not exist yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().join("home");
        std::fs::create_dir_all(dir.path().join("user")).expect("user dir");
        Env { dir, home }
    }

    /// A fresh environment after `openclaw init`.
    pub fn init() -> Self {
        let env = Self::new();
        env.ok(&["init"]);
        env
    }

    /// The command, with a cleared environment and `--home` pointing at this home.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_openclaw"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path().join("user"))
            .env("TZ", "UTC")
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .env("LANG", "C.UTF-8")
            .arg("--home")
            .arg(&self.home)
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `openclaw <args>` and captures everything.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_cmd(self.command(args))
    }

    /// Runs `openclaw <args>` with these environment variables set as well.
    pub fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        cmd.envs(vars.iter().copied());
        self.run_cmd(cmd)
    }

    /// Runs `openclaw <args>` with `stdin` as standard input.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        use std::io::Write;
        let mut cmd = self.command(args);
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn openclaw");
        child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
        Self::to_run(child.wait_with_output().expect("wait"))
    }

    /// Runs a prepared command.
    pub fn run_cmd(&self, mut cmd: Command) -> Run {
        Self::to_run(cmd.output().expect("run openclaw"))
    }

    fn to_run(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and asserts exit 0; returns stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "openclaw {args:?} failed\nstdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
        run.stdout
    }

    /// Runs and asserts exit `code`; returns stderr.
    #[track_caller]
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code, code,
            "openclaw {args:?}: expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        run.stderr
    }

    /// A path below the home.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.home.join(rel)
    }

    /// Reads a file below the home.
    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Writes a file below the home, creating its directories.
    #[track_caller]
    pub fn write(&self, rel: &str, content: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, content).unwrap_or_else(|e| panic!("writing {rel}: {e}"));
    }

    /// Replaces the temporary home path with `[HOME]` so output can be snapshotted.
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.home.display().to_string(), "[HOME]")
            .replace(&self.dir.path().display().to_string(), "[TMP]")
    }
}

/// Every file below `dir` with its content, for "nothing changed" assertions.
#[allow(dead_code)]
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".lock"))
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    out.sort();
    out
}
