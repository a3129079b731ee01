//! `read`, `write`, `edit`: what a model (and its user) would check.

use std::os::unix::fs::{PermissionsExt, symlink};

use serde_json::json;

use crate::common::Fixture;

#[tokio::test]
async fn write_then_read_round_trips_and_creates_parents() {
    let fx = Fixture::new();
    let r = fx.call("write", json!({"path": "notes/2026/today.md", "content": "hello\nworld\n"})).await;
    assert!(!r.is_error, "{}", r.content);
    assert_eq!(r.content, "wrote 12 bytes to notes/2026/today.md");
    let on_disk = fx.ws().join("notes/2026/today.md");
    assert_eq!(std::fs::read_to_string(&on_disk).unwrap(), "hello\nworld\n");
    assert_eq!(std::fs::metadata(&on_disk).unwrap().permissions().mode() & 0o777, 0o600);
    let r = fx.call("read", json!({"path": "notes/2026/today.md"})).await;
    assert_eq!((r.content.as_str(), r.is_error), ("hello\nworld\n", false));
    // Absolute paths inside the workspace are fine too.
    let abs = fx.ws().join("notes.md");
    let r = fx.call("read", json!({"path": abs.to_str().unwrap()})).await;
    assert_eq!(r.content, "line 1\nline 2\nline 3\n");
    // No temporary files are left beside the target.
    let names: Vec<_> = std::fs::read_dir(fx.ws().join("notes/2026")).unwrap().flatten().collect();
    assert_eq!(names.len(), 1);
}

#[tokio::test]
async fn write_keeps_an_existing_files_mode() {
    let fx = Fixture::new();
    let p = fx.ws().join("run.sh");
    std::fs::write(&p, "old").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    fx.call("write", json!({"path": "run.sh", "content": "new"})).await;
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o755);
}

#[tokio::test]
async fn read_offset_and_limit_are_lines() {
    let fx = Fixture::new();
    let r = fx.call("read", json!({"path": "notes.md", "offset": 2, "limit": 1})).await;
    assert_eq!(r.content, "line 2\n\n[more lines follow; continue with offset=3]");
    let r = fx.call("read", json!({"path": "notes.md", "offset": 3})).await;
    assert_eq!(r.content, "line 3\n");
    let r = fx.call("read", json!({"path": "notes.md", "offset": 9})).await;
    assert!(r.is_error);
    assert_eq!(r.content, "offset 9 is past the end of \"notes.md\" (3 lines)");
}

#[tokio::test]
async fn read_caps_big_files_and_refuses_binary() {
    let fx = Fixture::new();
    let line = "x".repeat(1023) + "\n";
    std::fs::write(fx.ws().join("big.txt"), line.repeat(400)).unwrap();
    let r = fx.call("read", json!({"path": "big.txt"})).await;
    assert!(!r.is_error);
    assert!(r.content.len() <= 256 * 1024 + 100, "{} bytes", r.content.len());
    assert!(r.content.ends_with("[output cut at 256 KiB; continue with offset=257]"));
    std::fs::write(fx.ws().join("blob.bin"), b"\x7fELF\0\0\x01").unwrap();
    let r = fx.call("read", json!({"path": "blob.bin"})).await;
    assert!(r.is_error);
    assert!(r.content.contains("binary"), "{}", r.content);
}

#[tokio::test]
async fn read_lists_directories_and_follows_inner_symlinks() {
    let fx = Fixture::new();
    std::fs::create_dir(fx.ws().join("memory")).unwrap();
    symlink("notes.md", fx.ws().join("alias.md")).unwrap();
    let r = fx.call("read", json!({"path": "."})).await;
    assert_eq!(r.content, "./ (3 entries)\nalias.md\nmemory/\nnotes.md");
    let r = fx.call("read", json!({"path": "alias.md"})).await;
    assert_eq!(r.content, "line 1\nline 2\nline 3\n");
    let r = fx.call("read", json!({"path": "nope.md"})).await;
    assert_eq!((r.content.as_str(), r.is_error), ("no such file: \"nope.md\"", true));
}

#[tokio::test]
async fn edit_replaces_exactly_one_occurrence() {
    let fx = Fixture::new();
    let r = fx.call("edit", json!({"path": "notes.md", "oldText": "line 2", "newText": "LINE TWO"})).await;
    assert_eq!((r.content.as_str(), r.is_error), ("edited notes.md at line 2", false));
    let text = std::fs::read_to_string(fx.ws().join("notes.md")).unwrap();
    assert_eq!(text, "line 1\nLINE TWO\nline 3\n");

    let r = fx.call("edit", json!({"path": "notes.md", "oldText": "line", "newText": "x"})).await;
    assert!(r.is_error);
    assert!(r.content.contains("occurs 2 times"), "{}", r.content);
    let r = fx.call("edit", json!({"path": "notes.md", "oldText": "absent", "newText": "x"})).await;
    assert!(r.is_error);
    assert!(r.content.contains("0 matches"), "{}", r.content);
    assert_eq!(
        std::fs::read_to_string(fx.ws().join("notes.md")).unwrap(),
        text,
        "failed edits change nothing"
    );
}

#[tokio::test]
async fn bad_arguments_name_the_field() {
    let fx = Fixture::new();
    let cases = [
        ("read", json!({}), "read: missing required argument \"path\" (string)"),
        ("read", json!({"path": 7}), "read: argument \"path\" must be a string, got a number"),
        (
            "read",
            json!({"path": "notes.md", "limit": "many"}),
            "read: argument \"limit\" must be a non-negative integer, got a string",
        ),
        ("write", json!({"path": "a.md"}), "write: missing required argument \"content\" (string)"),
        (
            "edit",
            json!({"path": "notes.md", "oldText": "", "newText": "x"}),
            "edit: argument \"oldText\" must not be empty",
        ),
        ("exec", json!([1, 2]), "exec: arguments must be a JSON object, got an array"),
        ("web_fetch", json!({"url": null}), "web_fetch: missing required argument \"url\" (string)"),
    ];
    for (tool, args, want) in cases {
        let r = fx.call(tool, args).await;
        assert!(r.is_error);
        assert_eq!(r.content, want);
    }
}
