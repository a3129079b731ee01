//! Escape attempts: every one must be refused, leak nothing and change nothing outside the
//! workspace (DESIGN §4: "a tool call of agent A can never read or write outside A's workspace").

use std::os::unix::fs::symlink;

use serde_json::json;

use crate::common::{Fixture, SECRET, exists, landlock_or_skip, root_or_skip};

#[tokio::test]
async fn reads_cannot_leave_the_workspace() {
    let fx = Fixture::new();
    let ws = fx.ws();
    let sibling = fx.home.workspace("other").join("secret.txt");
    symlink("/etc/passwd", ws.join("etc_link")).unwrap();
    symlink(fx.home.workspace("other"), ws.join("other_dir")).unwrap();
    symlink("../../other/workspace/secret.txt", ws.join("rel_link")).unwrap();
    std::fs::create_dir(ws.join("sub")).unwrap();
    symlink("/etc", ws.join("sub/etc")).unwrap();
    let abs_dotdot = format!("{}/../../../gateway.json5", ws.display());
    let long = "a/".repeat(2100) + "x";
    let long_name = "n".repeat(300);
    let attempts = [
        "../../../gateway.json5",         // 1 plain ..
        "a/../../x",                      // 2 .. after a name
        "/etc/passwd",                    // 3 absolute outside
        sibling.to_str().unwrap(),        // 4 sibling agent's workspace, absolute
        "etc_link",                       // 5 symlink to /etc/passwd
        "other_dir/secret.txt",           // 6 through a symlinked directory
        "./../x",                         // 7 dot then ..
        "foo/./../../x",                  // 8 dots in the middle
        "notes.md\0/../../gateway.json5", // 9 NUL byte
        long.as_str(),                    // 10 longer than PATH_MAX
        long_name.as_str(),               // 11 name longer than NAME_MAX
        abs_dotdot.as_str(),              // 12 absolute, inside, then ..
        "rel_link",                       // 13 relative symlink climbing out
        "sub/etc/passwd",                 // 14 nested symlinked dir
        "sub/etc",                        // 15 listing a symlinked dir outside
        "~/../gateway.json5",             // 16 tilde is not expanded, .. still refused
    ];
    for path in attempts {
        fx.refused("read", json!({"path": path})).await;
    }
    // `..` inside a directory listing must not list the parent either.
    fx.refused("read", json!({"path": ".."})).await;
}

#[tokio::test]
async fn writes_cannot_create_or_change_anything_outside() {
    let fx = Fixture::new();
    let ws = fx.ws();
    let outside = fx.outside();
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("victim.txt"), "original").unwrap();
    symlink(&outside, ws.join("outdir")).unwrap();
    symlink(outside.join("victim.txt"), ws.join("victim_link")).unwrap();
    symlink(outside.join("created_by_dangling"), ws.join("dangle")).unwrap();
    symlink("../../../../outside/rel_dangle", ws.join("rel_dangle")).unwrap();

    let attempts = [
        "../escape.txt".to_string(),                           // 17
        "outdir/x.txt".into(),                                 // 18 through a symlinked dir
        "outdir/new/sub/x.txt".into(),                         // 19 new dirs under a symlinked dir
        "dangle".into(),                                       // 20 dangling symlink pointing out
        "rel_dangle".into(),                                   // 21 relative dangling symlink
        "victim_link".into(),                                  // 22 symlink to an existing file
        "/tmp/openclaw_abs_outside.txt".into(),                // 23 absolute outside
        outside.join("abs.txt").display().to_string(),         // 24 absolute to a sibling dir
        format!("{}/x", fx.home.workspace("other").display()), // 25 sibling agent's workspace
    ];
    for path in &attempts {
        fx.refused("write", json!({"path": path, "content": "pwned"})).await;
    }
    assert_eq!(std::fs::read_to_string(outside.join("victim.txt")).unwrap(), "original");
    for made in ["x.txt", "new", "created_by_dangling", "rel_dangle", "abs.txt"] {
        assert!(!exists(&outside.join(made)), "{made} was created outside");
    }
    assert!(!exists(&fx.home.agents_dir().join("main/escape.txt")));
    assert!(!exists(std::path::Path::new("/tmp/openclaw_abs_outside.txt")));
    assert!(!exists(&fx.home.workspace("other").join("x")));
}

#[tokio::test]
async fn edits_cannot_reach_outside() {
    let fx = Fixture::new();
    let ws = fx.ws();
    symlink(fx.home.config_path(), ws.join("config_link")).unwrap();
    for path in ["config_link", "../../../gateway.json5"] {
        fx.refused("edit", json!({"path": path, "oldText": SECRET, "newText": "x"})).await;
    }
    let config = std::fs::read_to_string(fx.home.config_path()).unwrap();
    assert!(config.contains(SECRET), "gateway.json5 was edited");
}

#[tokio::test]
async fn allowlist_refuses_what_it_does_not_list_and_chaining() {
    let fx = Fixture::new().allowlist(&["git *", "echo *"]);
    let ws = fx.ws();
    for command in [
        "cat ../../../gateway.json5",
        "echo hi; touch pwned",
        "echo hi && touch pwned",
        "echo hi | tee pwned",
        "echo `touch pwned`",
        "echo $(touch pwned)",
        "echo hi > pwned",
        "echo hi\ntouch pwned",
    ] {
        fx.refused("exec", json!({"command": command})).await;
    }
    assert!(!exists(&ws.join("pwned")), "a chained command ran");
}

#[tokio::test]
async fn sandboxed_exec_cannot_write_outside_the_workspace() {
    if !landlock_or_skip("sandboxed_exec_cannot_write_outside_the_workspace") {
        return;
    }
    let fx = Fixture::new().full_exec();
    let ws = fx.ws();
    let marker = format!("/tmp/x_outside_{}", std::process::id());
    let sibling = fx.home.workspace("other").join("planted");
    let r = fx.call("exec", json!({"command": format!("touch {marker}")})).await;
    assert!(r.content.contains("Permission denied"), "{}", r.content);
    assert!(!exists(std::path::Path::new(&marker)), "wrote {marker}: {}", r.content);
    fx.call("exec", json!({"command": "echo pwned > ../escape"})).await;
    assert!(!exists(&fx.home.agents_dir().join("main/escape")));
    fx.call("exec", json!({"command": format!("echo pwned > {}", sibling.display())})).await;
    assert!(!exists(&sibling));
    fx.call("exec", json!({"command": "rm -f ../../../gateway.json5"})).await;
    assert!(fx.home.config_path().exists(), "the sandbox let exec delete gateway.json5");
    // A symlink made by exec does not help the file tools out either.
    fx.call("exec", json!({"command": "ln -s /etc/passwd pw"})).await;
    assert!(exists(&ws.join("pw")), "ln inside the workspace is allowed");
    fx.refused("read", json!({"path": "pw"})).await;
}

#[tokio::test]
async fn sandboxed_exec_cannot_read_the_config_or_other_agents() {
    if !landlock_or_skip("sandboxed_exec_cannot_read_the_config_or_other_agents") {
        return;
    }
    // Passes the allowlist; the sandbox is what stops it.
    let fx = Fixture::new().allowlist(&["cat *"]);
    for path in ["../../../gateway.json5", "../../other/workspace/secret.txt"] {
        let r = fx.call("exec", json!({"command": format!("cat {path}")})).await;
        assert!(!r.content.contains(SECRET), "exec read {path}: {}", r.content);
        assert!(r.content.contains("Permission denied"), "{}", r.content);
    }
}

#[tokio::test]
async fn sandboxed_exec_cannot_inspect_or_signal_the_gateway() {
    if !landlock_or_skip("sandboxed_exec_cannot_inspect_or_signal_the_gateway") {
        return;
    }
    // This test process stands in for the gateway (same user).
    let fx = Fixture::new().full_exec();
    let me = std::process::id();
    let r = fx.call("exec", json!({"command": format!("cat /proc/{me}/environ")})).await;
    assert!(!r.content.contains("CARGO"), "{}", r.content);
    assert!(r.content.contains("Permission denied"), "{}", r.content);
    let r = fx.call("exec", json!({"command": format!("kill -0 {me} && echo reachable")})).await;
    assert!(!r.content.contains("reachable"), "{}", r.content);
    // Nor the process that supervises it (its parent), which would let its children escape.
    let r = fx.call("exec", json!({"command": "kill -0 $PPID && echo reachable"})).await;
    assert!(!r.content.contains("reachable"), "{}", r.content);
}

#[tokio::test]
async fn root_exec_cannot_make_device_nodes() {
    if !root_or_skip("root_exec_cannot_make_device_nodes") {
        return;
    }
    let fx = Fixture::new().full_exec();
    let ws = fx.ws();
    // 254:0 is a virtio disk; 1:3 is /dev/null. Neither may appear in the workspace.
    for (name, spec) in [("disk", "b 254 0"), ("loop", "b 7 0"), ("null", "c 1 3")] {
        let r = fx.call("exec", json!({"command": format!("mknod {name} {spec} && echo made")})).await;
        assert!(!r.content.contains("made"), "mknod {spec}: {}", r.content);
        assert!(!exists(&ws.join(name)), "mknod {spec} created a node: {}", r.content);
    }
    // Fifos are not devices and stay allowed.
    let r = fx.call("exec", json!({"command": "mkfifo f && test -p f && echo fifo"})).await;
    assert_eq!(r.content, "exit code 0\nfifo\n");
}

#[tokio::test]
async fn root_exec_cannot_read_block_devices() {
    if !root_or_skip("root_exec_cannot_read_block_devices")
        || !landlock_or_skip("root_exec_cannot_read_block_devices")
    {
        return;
    }
    let disk = std::fs::read_dir("/sys/block")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| std::path::Path::new("/dev").join(e.file_name()))
        .find(|dev| std::fs::File::open(dev).is_ok());
    let Some(disk) = disk else {
        eprintln!("SKIP root_exec_cannot_read_block_devices: no readable block device under /dev");
        return;
    };
    let fx = Fixture::new().full_exec();
    let r = fx.call("exec", json!({"command": format!("head -c 512 {} | wc -c", disk.display())})).await;
    assert!(r.content.contains("Permission denied"), "{}: {}", disk.display(), r.content);
    assert!(!r.content.contains("512"), "read {}: {}", disk.display(), r.content);
    // The harmless character devices keep working.
    let r = fx
        .call("exec", json!({"command": "head -c 16 /dev/urandom | wc -c; head -c 3 /dev/zero | wc -c; echo x > /dev/null && echo null-ok"}))
        .await;
    assert_eq!(r.content, "exit code 0\n16\n3\nnull-ok\n");
}

#[tokio::test]
async fn root_exec_cannot_read_system_secrets() {
    if !root_or_skip("root_exec_cannot_read_system_secrets")
        || !landlock_or_skip("root_exec_cannot_read_system_secrets")
    {
        return;
    }
    // Passes the allowlist; the sandbox is what stops it.
    let fx = Fixture::new().allowlist(&["cat *", "ls *"]);
    let mut secrets = vec!["/etc/shadow".to_string(), "/etc/gshadow".to_string()];
    if let Ok(keys) = std::fs::read_dir("/etc/ssh") {
        for key in keys.flatten() {
            let name = key.file_name().to_string_lossy().to_string();
            if name.starts_with("ssh_host_") && name.ends_with("_key") {
                secrets.push(key.path().display().to_string());
            }
        }
    }
    for path in secrets.iter().filter(|p| exists(std::path::Path::new(p))) {
        let r = fx.call("exec", json!({"command": format!("cat {path}")})).await;
        assert!(r.content.contains("Permission denied"), "{path}: {}", r.content);
        assert!(!r.content.contains("root:"), "{path}: {}", r.content);
    }
    let r = fx.call("exec", json!({"command": "ls /root"})).await;
    assert!(r.content.contains("Permission denied"), "{}", r.content);
    // Ordinary system files stay readable.
    let r = fx.call("exec", json!({"command": "cat /etc/passwd"})).await;
    assert!(r.content.contains("root:x:0:0"), "{}", r.content);
}
