//! The Linux sandbox `exec` runs under: privileges dropped and a Landlock ruleset (built in the
//! parent) applied in the child between `fork` and `exec`.
//!
//! Always, on Linux (with or without Landlock, as root or not):
//! - `no_new_privs`: setuid programs (`sudo`, `su`) and file capabilities grant nothing;
//! - **no capabilities**: the effective, permitted, inheritable and ambient sets are emptied, and
//!   the bounding set too when the gateway may (as root it may), so a gateway running as root
//!   runs commands as a uid 0 without root's powers: no `mknod`, no mounts, no reading files it
//!   does not own, no ptrace of the gateway, and `execve` cannot give them back.
//!
//! What Landlock adds when available (kernel ≥ 5.13 with `landlock` in the LSM list):
//! - **writes** (create, write, truncate, delete, rename, link, mkdir, symlink, fifos, sockets,
//!   device ioctls) only inside the workspace, plus writing to the character devices in
//!   [`DEVICES`]; `TMPDIR` points at `<workspace>/.tmp`, and `/tmp` itself is not writable;
//! - **no device nodes** anywhere (the make-block and make-char rights are handled and never
//!   granted), and of `/dev` only [`DEVICES`] can be opened: no raw disks, no `/dev/mem`;
//! - **reads and execution** only inside the workspace, the system directories listed in
//!   [`READ_ROOTS`] minus the secrets in [`SECRETS`] (`/etc/shadow`, SSH host keys, …), and the
//!   global `/proc` files in [`PROC_READABLE`]; home directories (`/root` included), `/tmp`,
//!   `/var`, `/mnt`, `/srv`, `/proc/<pid>/…` (other processes' environments) and the openclaw home
//!   (`gateway.json5`, other agents' workspaces, transcripts) are unreadable — unless the openclaw
//!   home itself lies below one of the read roots (then [`Sandbox::note`] says so);
//! - with Landlock ABI ≥ 6: no signals to processes outside the sandbox (the gateway, and the
//!   supervisor that reaps the command's processes) and no connecting to abstract Unix sockets
//!   created outside it.
//!
//! Not enforced: network access (TCP connects, and Unix sockets by path such as
//! `/run/docker.sock` or D-Bus: connecting is not a Landlock right before ABI 9), CPU and memory
//! use (only the timeout bounds them), and anything on other systems (macOS) — there `exec` still
//! gets a clean environment, the workspace as cwd and the timeout, the result says it ran
//! unsandboxed (or is refused, with `Limits::exec_require_sandbox`). Without Landlock a command
//! run by root can still read the files uid 0 owns (`/etc/shadow` is `root:shadow 640`) and raw
//! disks (`root 600`): the note says `none:`, and such a gateway should run as an ordinary user (or
//! set `Limits::exec_require_sandbox`).

use std::path::Path;

#[cfg(target_os = "linux")]
use landlock::{
    ABI, Access, AccessFs, CompatLevel, Compatible, PathBeneath, PathFd, Ruleset, RulesetAttr,
    RulesetCreated, RulesetCreatedAttr, Scope,
};

/// System directories a sandboxed command may read and execute from (those that exist), less
/// [`SECRETS`].
pub const READ_ROOTS: &[&str] =
    &["/bin", "/sbin", "/usr", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt", "/sys", "/run", "/nix"];

/// Paths below [`READ_ROOTS`] that stay unreadable (a `*` matches within one name). Landlock only
/// grants, so the directories holding them are granted entry by entry, leaving these out; an
/// entry created after the call started is unreadable until the next call.
pub const SECRETS: &[&str] = &[
    "/etc/shadow",
    "/etc/shadow-",
    "/etc/gshadow",
    "/etc/gshadow-",
    "/etc/sudoers",
    "/etc/sudoers.d",
    "/etc/ssh/ssh_host_*_key",
    "/etc/ssl/private",
    "/etc/security/opasswd",
    "/etc/ipsec.secrets",
    "/etc/ppp/*-secrets",
    "/etc/wireguard",
    "/etc/letsencrypt",
    "/etc/NetworkManager/system-connections",
    "/run/secrets",
    "/run/credentials",
    "/run/user",
    "/run/sudo",
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

/// The only device files a sandboxed command may open (to read, write and ioctl).
pub const DEVICES: &[&str] =
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
        #[cfg(target_os = "linux")]
        {
            let abi = match landlock_abi() {
                Ok(v) => v,
                Err(why) => {
                    return Sandbox::none(format!(
                        "none: {why}; exec ran without Landlock (only capabilities dropped and \
                         no_new_privs set)"
                    ));
                }
            };
            match build(workspace) {
                Ok(ruleset) => {
                    let mut note = format!(
                        "landlock ABI {abi}: writes confined to the workspace, reads to the workspace \
                         and system directories less secrets, no devices but null, zero, full, tty \
                         and random; no capabilities, no_new_privs"
                    );
                    if let Some(root) = READ_ROOTS.iter().find(|r| workspace.starts_with(r)) {
                        note.push_str(&format!(
                            " (the workspace lies below {root}, so its neighbours stay readable)"
                        ));
                    }
                    Sandbox { ruleset: Some(ruleset), abi: Some(abi), note }
                }
                Err(e) => Sandbox::none(format!(
                    "none: building the Landlock ruleset failed: {e}; exec ran without Landlock \
                     (only capabilities dropped and no_new_privs set)"
                )),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = workspace;
            Sandbox::none("none: Landlock is Linux-only; exec ran unsandboxed".into())
        }
    }

    /// The ruleset Chromium runs under: writes only below `writable` (its profile directory and
    /// the agent's workspace, for downloads) and `/dev/shm`; reads in the system directories
    /// less secrets, in `writable`, and in all of `/proc` (Chromium reads its own processes'
    /// files there, and Landlock cannot tell its own pids from others'). Capabilities are
    /// dropped as for `exec`.
    pub fn prepare_browser(writable: &[&Path]) -> Sandbox {
        #[cfg(target_os = "linux")]
        {
            let abi = match landlock_abi() {
                Ok(v) => v,
                Err(why) => return Sandbox::none(format!("none: {why}; only capabilities dropped")),
            };
            match build_browser(writable) {
                Ok(ruleset) => Sandbox {
                    ruleset: Some(ruleset),
                    abi: Some(abi),
                    note: format!(
                        "landlock ABI {abi}: writes confined to the profile, the workspace and /dev/shm; \
                         reads to those, system directories less secrets, and /proc; no capabilities"
                    ),
                },
                Err(e) => Sandbox::none(format!("none: building the Landlock ruleset failed: {e}")),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = writable;
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

    /// Drops privileges and applies the ruleset to the calling process. Meant for the child
    /// between `fork` and `exec`: it makes system calls only and allocates nothing on success.
    pub fn apply_in_child(&mut self) -> std::io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            drop_privileges()?;
            if let Some(ruleset) = self.ruleset.take() {
                return match ruleset.restrict_self() {
                    Ok(_) => Ok(()),
                    Err(_) => Err(std::io::Error::from_raw_os_error(libc::EPERM)),
                };
            }
        }
        Ok(())
    }
}

/// Sets `no_new_privs` and empties every capability set of the calling process.
#[cfg(target_os = "linux")]
fn drop_privileges() -> std::io::Result<()> {
    use std::io::Error;

    #[repr(C)]
    struct CapHeader {
        version: u32,
        pid: libc::c_int,
    }
    #[repr(C)]
    #[derive(Clone, Copy)]
    struct CapData {
        effective: u32,
        permitted: u32,
        inheritable: u32,
    }
    const LINUX_CAPABILITY_VERSION_3: u32 = 0x2008_0522;

    // SAFETY: prctl(2) and capset(2) with integer arguments and pointers to live stack values;
    // none of them allocates or takes a lock.
    unsafe {
        // First, so that nothing below can be undone by a later execve (a setuid binary, or root's
        // own "all capabilities on exec" rule: with no_new_privs exec grants none it lacks).
        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
            return Err(Error::last_os_error());
        }
        // The bounding set needs CAP_SETPCAP (root has it). Without it there is nothing to drop that
        // matters: no_new_privs already keeps execve from raising anything.
        for cap in 0..64 {
            if libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 {
                break; // EINVAL past the last capability, or EPERM without CAP_SETPCAP
            }
        }
        // Fails with EINVAL only on kernels before 4.3, which have no ambient set to clear.
        libc::prctl(libc::PR_CAP_AMBIENT, libc::PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        let header = CapHeader { version: LINUX_CAPABILITY_VERSION_3, pid: 0 };
        let data = [CapData { effective: 0, permitted: 0, inheritable: 0 }; 2];
        if libc::syscall(libc::SYS_capset, &header as *const CapHeader, data.as_ptr()) != 0 {
            return Err(Error::last_os_error());
        }
    }
    Ok(())
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
    // Handled and granted nowhere: no device node can be made, not even in the workspace (one
    // made there would open a disk as easily as /dev/vda does).
    let in_workspace = all & !(AccessFs::MakeBlock | AccessFs::MakeChar);
    let mut ruleset = Ruleset::default()
        .set_compatibility(CompatLevel::BestEffort)
        .handle_access(all)?
        .scope(Scope::from_all(ABI::V6))?
        .create()?;
    let secrets = secret_set();
    for root in READ_ROOTS {
        ruleset = grant_read(ruleset, Path::new(root), read, &secrets)?;
    }
    for file in PROC_READABLE {
        if let Ok(fd) = PathFd::new(file) {
            let access = if file.ends_with("/sys") { read } else { AccessFs::ReadFile.into() };
            ruleset = ruleset.add_rule(PathBeneath::new(fd, access))?;
        }
    }
    for dev in DEVICES {
        if let Ok(fd) = PathFd::new(dev) {
            ruleset = ruleset.add_rule(PathBeneath::new(fd, device))?;
        }
    }
    ruleset.add_rule(PathBeneath::new(workspace, in_workspace))
}

#[cfg(target_os = "linux")]
fn build_browser(writable: &[&Path]) -> Result<RulesetCreated, String> {
    let (first, rest) = writable.split_first().ok_or("no writable directory")?;
    let fd = |p: &Path| PathFd::new(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut ruleset = build_with(fd(first)?).map_err(|e| e.to_string())?;
    let writes = AccessFs::from_all(ABI::V5) & !(AccessFs::MakeBlock | AccessFs::MakeChar);
    for p in rest.iter().copied().chain([Path::new("/dev/shm")]) {
        if let Ok(fd) = PathFd::new(p) {
            ruleset = ruleset.add_rule(PathBeneath::new(fd, writes)).map_err(|e| e.to_string())?;
        }
    }
    ruleset
        .add_rule(PathBeneath::new(fd(Path::new("/proc"))?, AccessFs::from_read(ABI::V5)))
        .map_err(|e| e.to_string())
}

#[cfg(target_os = "linux")]
fn secret_set() -> globset::GlobSet {
    let mut set = globset::GlobSetBuilder::new();
    for secret in SECRETS {
        // `*` stays within one name; the patterns are constants, so a bad one is skipped rather
        // than failing every call (the unit test below catches it).
        if let Ok(glob) = globset::GlobBuilder::new(secret).literal_separator(true).build() {
            set.add(glob);
        }
    }
    set.build().unwrap_or_else(|_| globset::GlobSet::empty())
}

/// Whether `dir` holds a secret somewhere below it, so it must be granted entry by entry.
#[cfg(target_os = "linux")]
fn holds_secret(dir: &Path) -> bool {
    SECRETS.iter().any(|s| Path::new(s).parent().is_some_and(|p| p.starts_with(dir)))
}

/// Grants `access` beneath `path`, except to the entries matching `secrets`: directories holding
/// a secret are granted entry by entry. Symlinks get no rule of their own (a rule would follow
/// them): what they lead to is readable when its real place is.
#[cfg(target_os = "linux")]
fn grant_read(
    mut ruleset: RulesetCreated,
    path: &Path,
    access: landlock::BitFlags<AccessFs>,
    secrets: &globset::GlobSet,
) -> Result<RulesetCreated, landlock::RulesetError> {
    if secrets.is_match(path) {
        return Ok(ruleset);
    }
    if !holds_secret(path) {
        if let Ok(fd) = PathFd::new(path) {
            ruleset = ruleset.add_rule(PathBeneath::new(fd, access))?;
        }
        return Ok(ruleset);
    }
    let Ok(entries) = std::fs::read_dir(path) else { return Ok(ruleset) };
    // The directory itself may be listed (its entry names are not secret), not read beneath.
    if let Ok(fd) = PathFd::new(path) {
        ruleset = ruleset.add_rule(PathBeneath::new(fd, AccessFs::ReadDir))?;
    }
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_symlink()) {
            continue;
        }
        ruleset = grant_read(ruleset, &entry.path(), access, secrets)?;
    }
    Ok(ruleset)
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

#[cfg(all(test, target_os = "linux"))]
mod linux_tests {
    use super::*;

    #[test]
    fn secrets_are_matched_by_name_and_their_directories_split() {
        let secrets = secret_set();
        assert_eq!(secrets.len(), SECRETS.len(), "every pattern in SECRETS compiles");
        for secret in ["/etc/shadow", "/etc/gshadow-", "/etc/ssh/ssh_host_ed25519_key", "/run/secrets"] {
            assert!(secrets.is_match(secret), "{secret}");
        }
        for open in ["/etc/passwd", "/etc/ssh/ssh_host_ed25519_key.pub", "/etc/ssh/ssh_config", "/etc/ssl"] {
            assert!(!secrets.is_match(open), "{open}");
        }
        for dir in ["/etc", "/etc/ssh", "/etc/ssl", "/run"] {
            assert!(holds_secret(Path::new(dir)), "{dir}");
        }
        for dir in ["/usr", "/etc/ssl/certs", "/etc/apt", "/sys"] {
            assert!(!holds_secret(Path::new(dir)), "{dir}");
        }
    }
}
