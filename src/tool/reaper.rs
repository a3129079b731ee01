//! The supervisor that makes sure no process outlives an `exec` call (Linux only).
//!
//! Between `fork` and `exec`, the child forked for `exec` forks once more: the grandchild goes on
//! to drop its privileges and run the command; the child stays behind as its supervisor. The
//! supervisor is a child subreaper (`PR_SET_CHILD_SUBREAPER`), so whatever the command leaves
//! behind — background jobs, `setsid` sessions, double forks — is reparented to it rather than to
//! init. When the shell exits, when the gateway sends SIGTERM (timeout, or the call was
//! abandoned) or when the gateway dies (parent-death signal), it kills every child it has with
//! SIGKILL, reaps them, and repeats until it has none; then it exits as the shell did. So when
//! `exec` has waited for it, every descendant is gone.
//!
//! The gateway itself is not made a subreaper (that would hand it every orphan of every child of
//! the multi-threaded process). The supervisor stays outside the command's Landlock domain, so
//! with Landlock ABI ≥ 6 the command cannot signal it; it keeps the gateway's identity but runs
//! only the code below.
//!
//! Not covered: processes started on the command's behalf by something outside it (a system
//! service reached over a socket, `at`, `systemd-run`), and, without Landlock signal scoping, a
//! command that kills its supervisor first (its leftovers then go to init, as before).
//!
//! Everything here runs in a forked child of a multi-threaded process: system calls only, no
//! allocation, no locks.

use std::io;

use libc::{c_int, pid_t};

/// How often the supervisor looks again when no signal arrives (a SIGCHLD can be merged).
const POLL: libc::timespec = libc::timespec { tv_sec: 0, tv_nsec: 100_000_000 };

/// Asks the supervisor `pid` (the process `exec` spawned) to end the command and everything it
/// started.
pub fn stop(pid: u32) {
    if let Ok(pid) = pid_t::try_from(pid) {
        // SAFETY: kill(2) on our own child, which is not yet reaped (the caller still holds it).
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
}

/// Splits the calling process (the child forked for `exec`, before `exec`) in two. Returns in the
/// grandchild, which goes on to run the command; the calling process becomes its supervisor and
/// never returns. `gateway` is the pid of the process that forked the caller.
///
/// # Safety
///
/// Only to be called in a child between `fork` and `exec` (a `pre_exec` closure).
pub unsafe fn split(gateway: pid_t) -> io::Result<()> {
    // SAFETY: prctl, sigprocmask, fork and getpid with pointers to live stack values.
    unsafe {
        if libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0 {
            return Err(io::Error::last_os_error());
        }
        // Blocked before the fork so that none is lost; `supervise` takes them with sigtimedwait.
        let mut wanted: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut wanted);
        libc::sigaddset(&mut wanted, libc::SIGTERM);
        libc::sigaddset(&mut wanted, libc::SIGCHLD);
        let mut before: libc::sigset_t = std::mem::zeroed();
        libc::sigprocmask(libc::SIG_BLOCK, &wanted, &mut before);
        let supervisor = libc::getpid();
        match libc::fork() {
            -1 => Err(io::Error::last_os_error()),
            0 => {
                libc::sigprocmask(libc::SIG_SETMASK, &before, std::ptr::null_mut());
                // Should the supervisor be killed, the shell goes with it.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                if libc::getppid() != supervisor {
                    return Err(io::Error::from_raw_os_error(libc::ESRCH));
                }
                Ok(())
            }
            shell => supervise(shell, gateway, &wanted),
        }
    }
}

/// The supervisor's life: see the module documentation.
unsafe fn supervise(shell: pid_t, gateway: pid_t, wanted: &libc::sigset_t) -> ! {
    // SAFETY: system calls on integers and live stack values.
    unsafe {
        // It needs none of the inherited descriptors, and holding std's exec-error pipe would
        // keep `spawn` in the gateway waiting until the supervisor exits.
        if libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32) != 0 {
            for fd in 0..4096 {
                libc::close(fd);
            }
        }
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM, 0, 0, 0);
        let me = libc::getpid();
        let mut stopping = libc::getppid() != gateway;
        let mut status: Option<c_int> = None;
        loop {
            loop {
                let mut st: c_int = 0;
                let pid = libc::waitpid(-1, &mut st, libc::WNOHANG);
                if pid > 0 {
                    if pid == shell {
                        status = Some(st);
                        stopping = true;
                    }
                    continue;
                }
                if pid == 0 {
                    break;
                }
                if io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                    continue;
                }
                // ECHILD: every descendant has been reaped (orphans are reparented to us before
                // their parent can be reaped, so none is in flight).
                exit_as(status);
            }
            if stopping {
                kill_children(me);
            }
            if libc::sigtimedwait(wanted, std::ptr::null_mut(), &POLL) == libc::SIGTERM {
                stopping = true;
            }
        }
    }
}

/// Exits with the shell's wait status: the same exit code, or death by the same signal.
unsafe fn exit_as(status: Option<c_int>) -> ! {
    // SAFETY: system calls on integers and live stack values.
    unsafe {
        match status {
            Some(st) if libc::WIFEXITED(st) => libc::_exit(libc::WEXITSTATUS(st)),
            Some(st) if libc::WIFSIGNALED(st) => {
                let sig = libc::WTERMSIG(st);
                let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                libc::signal(sig, libc::SIG_DFL);
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, sig);
                libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
                libc::kill(libc::getpid(), sig);
                libc::_exit(128 + sig)
            }
            _ => libc::_exit(127),
        }
    }
}

/// Sends SIGKILL to every process whose parent is `me`, found by walking `/proc/<pid>/stat`.
unsafe fn kill_children(me: pid_t) {
    // SAFETY: open/getdents64/close on a descriptor we own, into a stack buffer we bound-check.
    unsafe {
        let dir = libc::open(c"/proc".as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC);
        if dir < 0 {
            return;
        }
        let mut buf = [0u8; 8192];
        loop {
            let n = libc::syscall(libc::SYS_getdents64, dir, buf.as_mut_ptr(), buf.len());
            if n <= 0 {
                break;
            }
            let n = n as usize;
            let mut off = 0;
            // struct linux_dirent64 { u64 d_ino; i64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
            while off + 19 < n {
                let reclen = u16::from_ne_bytes([buf[off + 16], buf[off + 17]]) as usize;
                if reclen == 0 || off + reclen > n {
                    break;
                }
                if let Some(pid) = parse_pid(&buf[off + 19..off + reclen])
                    && pid != me
                    && parent_of(pid) == Some(me)
                {
                    libc::kill(pid, libc::SIGKILL);
                }
                off += reclen;
            }
        }
        libc::close(dir);
    }
}

/// The number a `/proc` entry name (NUL-terminated) spells, if it is a pid.
fn parse_pid(name: &[u8]) -> Option<pid_t> {
    let mut pid: pid_t = 0;
    let mut digits = 0;
    for &b in name.iter().take_while(|b| **b != 0) {
        if !b.is_ascii_digit() {
            return None;
        }
        pid = pid.checked_mul(10)?.checked_add(pid_t::from(b - b'0'))?;
        digits += 1;
    }
    (digits > 0).then_some(pid)
}

/// The parent pid from `/proc/<pid>/stat`, if the process still exists.
unsafe fn parent_of(pid: pid_t) -> Option<pid_t> {
    let mut path = [0u8; 32];
    let prefix = b"/proc/";
    path[..prefix.len()].copy_from_slice(prefix);
    let mut len = prefix.len();
    let mut digits = [0u8; 12];
    let mut d = 0;
    let mut rest = pid;
    loop {
        digits[d] = b'0' + (rest % 10) as u8;
        d += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    while d > 0 {
        d -= 1;
        path[len] = digits[d];
        len += 1;
    }
    path[len..len + 5].copy_from_slice(b"/stat");
    // path[len + 5] is the terminating NUL.
    let mut stat = [0u8; 512];
    // SAFETY: a NUL-terminated path in a stack buffer; read into a stack buffer of its length.
    let n = unsafe {
        let fd = libc::open(path.as_ptr().cast(), libc::O_RDONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return None;
        }
        let n = libc::read(fd, stat.as_mut_ptr().cast(), stat.len());
        libc::close(fd);
        n
    };
    if n <= 0 {
        return None;
    }
    parse_ppid(&stat[..n as usize])
}

/// The fourth field of a `/proc/<pid>/stat` line: `pid (comm) state ppid …`. The command name may
/// hold spaces and parentheses, so the fields are counted from its last `)`.
fn parse_ppid(stat: &[u8]) -> Option<pid_t> {
    let close = stat.iter().rposition(|b| *b == b')')?;
    let mut fields = stat[close + 1..].split(|b| *b == b' ').filter(|f| !f.is_empty());
    let _state = fields.next()?;
    parse_pid(fields.next()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parent_is_read_past_odd_command_names() {
        assert_eq!(parse_ppid(b"123 (sleep) S 45 123 1 0 -1"), Some(45));
        assert_eq!(parse_ppid(b"123 (a) b (c)) R 7 1"), Some(7));
        assert_eq!(parse_ppid(b"123 (x"), None);
        assert_eq!(parse_pid(b"4242\0junk"), Some(4242));
        assert_eq!(parse_pid(b"self\0"), None);
        assert_eq!(parse_pid(b"\0"), None);
    }

    #[test]
    fn our_own_parent_is_found() {
        // SAFETY: getpid/getppid only return numbers; parent_of reads our own stat file.
        let (me, parent) = unsafe { (libc::getpid(), libc::getppid()) };
        assert_eq!(unsafe { parent_of(me) }, Some(parent));
    }
}
