//! The Linux sandbox `exec` runs under: a Landlock ruleset built in the parent and applied in the
//! child between `fork` and `exec`.
//!
//! What it enforces when Landlock is available (kernel ≥ 5.13 with `landlock` in the LSM list):
//! - **writes** (create, write, truncate, delete, rename, link, mkdir, mknod, symlink, device
//!   ioctls) only inside the workspace, plus writing to `/dev/null`, `/dev/zero`, `/dev/full`,
//!   `/dev/tty`, `/dev/random` and `/dev/urandom`; `TMPDIR` points at `<workspace>/.tmp`, and `/tmp`
//!   itself is not writable;
//! - **reads and execution** only inside the workspace, the system directories listed in
//!   [`READ_ROOTS`] and the global `/proc` files in [`PROC_READABLE`]; home directories, `/tmp`,
//!   `/var`, `/root`, `/mnt`, `/srv`, `/proc/<pid>/…` (other processes' environments) and the
//!   openclaw home (`gateway.json5`, other agents' workspaces, transcripts) are unreadable — unless
//!   the openclaw home itself lies below one of the read roots (then [`Sandbox::note`] says so);
//! - with Landlock ABI ≥ 6: no signals to processes outside the sandbox (the gateway) and no
//!   connecting to abstract Unix sockets created outside it;
//! - `no_new_privs`: setuid programs (`sudo`, `su`) do not gain privileges.
//!
//! Not enforced: network access (TCP connects are allowed), CPU and memory use (only the timeout
//! bounds them), and anything on kernels without Landlock or on other systems (macOS) — there
//! `exec` still gets a clean environment, the workspace as cwd and the timeout, the result says it
//! ran unsandboxed (or is refused, with `Limits::exec_require_sandbox`).

use std::path::Path;

#[cfg(target_os = "linux")]
use landlock::{
    ABI, Access, AccessFs, CompatLevel, Compatible, PathBeneath, PathFd, Ruleset, RulesetAttr,
    RulesetCreated, RulesetCreatedAttr, Scope,
};

/// System directories a sandboxed command may read and execute from (those that exist).
pub const READ_ROOTS: &[&str] = &[
    "/bin", "/sbin", "/usr", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt", "/sys", "/dev", "/run",
    "/nix",
];

/// The parts of `/proc` a sandboxed command may read. The rest of `/proc` (notably
/// `/proc/<pid>/environ` of the gateway, which holds its API keys) stays closed: Landlock's own
/// ptrace scoping was expected to refuse that, but on this machine's kernel (6.18) it does not.
pub const PROC_READABLE: &[&str] = &[
    "/proc/cpuinfo",
    "/proc/meminfo",
    "/proc/stat",
    "/proc/uptime",
    "/proc/loadavg",
    "/proc/version",
    "/proc/filesystems",
    "/proc/sys",
];

/// Device files a sandboxed command may write to.
pub const WRITABLE_DEVICES: &[&str] =
    &["/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "/dev/random", "/dev/urandom"];

/// The Landlock ABI version the running kernel supports, or why there is none.
pub fn landlock_abi() -> Result<i32, &'static str> {
    #[cfg(target_os = "linux")]
    {
        const LANDLOCK_CREATE_RULESET_VERSION: libc::c_uint = 1;
        // SAFETY: landlock_create_ruleset(NULL, 0, VERSION) only returns a number; it reads no
        // memory and creates no file descriptor.
        let v = unsafe {
            libc::syscall(
                libc::SYS_landlock_create_ruleset,
                std::ptr::null::<libc::c_void>(),
                0usize,
                LANDLOCK_CREATE_RULESET_VERSION,
            )
        };
        if v >= 1 {
            return Ok(v as i32);
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EOPNOTSUPP) => Err("Landlock is built into the kernel but not enabled"),
            _ => Err("the kernel has no Landlock support"),
        }
    }
    #[cfg(not(target_os = "linux"))]
    Err("Landlock is Linux-only")
}

/// A ruleset ready to be applied in a child process, or the reason there is none.
pub struct Sandbox {
    #[cfg(target_os = "linux")]
    ruleset: Option<RulesetCreated>,
    /// Landlock ABI in use, when enforced.
    pub abi: Option<i32>,
    /// One line for the result details: what is enforced, or why nothing is.
    pub note: String,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("abi", &self.abi).field("note", &self.note).finish()
    }
}

impl Sandbox {
    /// Whether a ruleset will be applied.
    pub fn enforced(&self) -> bool {
        self.abi.is_some()
    }

    /// Builds the ruleset for a command confined to `workspace` (which must exist). Returns an
    /// unenforced sandbox with the reason when Landlock is unavailable.
    pub fn prepare(workspace: &Path) -> Sandbox {
        let abi = match landlock_abi() {
            Ok(v) => v,
            Err(why) => return Sandbox::none(format!("none: {why}; exec ran unsandboxed")),
        };
        #[cfg(target_os = "linux")]
        match build(workspace) {
            Ok(ruleset) => {
                let mut note = format!(
                    "landlock ABI {abi}: writes confined to the workspace, reads to the workspace and system directories"
                );
                if let Some(root) = READ_ROOTS.iter().find(|r| workspace.starts_with(r)) {
                    note.push_str(&format!(
                        " (the workspace lies below {root}, so its neighbours stay readable)"
                    ));
                }
                Sandbox { ruleset: Some(ruleset), abi: Some(abi), note }
            }
            Err(e) => Sandbox::none(format!("none: building the Landlock ruleset failed: {e}")),
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (abi, workspace);
            Sandbox::none("none: Landlock is Linux-only".into())
        }
    }

    fn none(note: String) -> Sandbox {
        Sandbox {
            #[cfg(target_os = "linux")]
            ruleset: None,
            abi: None,
            note,
        }
    }

    /// Applies the ruleset to the calling process. Meant for the child between `fork` and `exec`:
    /// it makes two system calls and allocates nothing on success.
    pub fn apply_in_child(&mut self) -> std::io::Result<()> {
        #[cfg(target_os = "linux")]
        if let Some(ruleset) = self.ruleset.take() {
            return match ruleset.restrict_self() {
                Ok(_) => Ok(()),
                Err(_) => Err(std::io::Error::from_raw_os_error(libc::EPERM)),
            };
        }
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn build(workspace: &Path) -> Result<RulesetCreated, String> {
    let workspace_fd = PathFd::new(workspace).map_err(|e| e.to_string())?;
    build_with(workspace_fd).map_err(|e| e.to_string())
}

#[cfg(target_os = "linux")]
fn build_with(workspace: PathFd) -> Result<RulesetCreated, landlock::RulesetError> {
    // ABI 5 is the set of filesystem rights vetted here; newer rights (e.g. ABI 9's Unix socket
    // resolution) would break name lookups through nscd and are left unhandled.
    let fs_abi = ABI::V5;
    let all = AccessFs::from_all(fs_abi);
    let read = AccessFs::from_read(fs_abi);
    let device = AccessFs::ReadFile | AccessFs::WriteFile | AccessFs::Truncate | AccessFs::IoctlDev;
    let mut ruleset = Ruleset::default()
        .set_compatibility(CompatLevel::BestEffort)
        .handle_access(all)?
        .scope(Scope::from_all(ABI::V6))?
        .create()?;
    for root in READ_ROOTS {
        if let Ok(fd) = PathFd::new(root) {
            ruleset = ruleset.add_rule(PathBeneath::new(fd, read))?;
        }
    }
    for file in PROC_READABLE {
        if let Ok(fd) = PathFd::new(file) {
            let access = if file.ends_with("/sys") { read } else { AccessFs::ReadFile.into() };
            ruleset = ruleset.add_rule(PathBeneath::new(fd, access))?;
        }
    }
    for dev in WRITABLE_DEVICES {
        if let Ok(fd) = PathFd::new(dev) {
            ruleset = ruleset.add_rule(PathBeneath::new(fd, device))?;
        }
    }
    ruleset.add_rule(PathBeneath::new(workspace, all))
}

#[cfg(all(test, not(target_os = "linux")))]
mod tests {
    use super::*;

    #[test]
    fn elsewhere_nothing_is_enforced_and_the_note_says_why() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut sandbox = Sandbox::prepare(dir.path());
        assert!(!sandbox.enforced());
        assert_eq!(sandbox.note, "none: Landlock is Linux-only; exec ran unsandboxed");
        assert!(sandbox.apply_in_child().is_ok(), "applying nothing succeeds");
    }
}
