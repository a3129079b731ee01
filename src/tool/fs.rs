//! `read`, `write` and `edit`: file tools confined to the workspace through
//! [`super::resolve_in_workspace`] and the no-follow opens of [`super::path`].

use std::io::{BufRead, BufReader, Read};
use std::os::fd::OwnedFd;

use serde_json::{Value, json};

use super::path::{Opened, Resolved, open_read, resolve_in_workspace, write_file};
use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};

/// Entries listed at most when `read` is given a directory.
const MAX_DIR_ENTRIES: usize = 500;

fn spec(name: &str, description: &str, parameters: Value) -> ToolSpec {
    ToolSpec { name: name.into(), description: description.into(), parameters }
}

/// Turns an argument or path failure into the result the model sees.
macro_rules! try_tool {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return ToolResult::error(e.to_string()),
        }
    };
}
pub(crate) use try_tool;

/// `read {path, offset?, limit?}`: a file's text (or a directory's listing).
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadTool;

impl Tool for ReadTool {
    fn name(&self) -> &str {
        "read"
    }

    fn spec(&self) -> ToolSpec {
        spec(
            "read",
            "Read a workspace file (or list a directory). offset: first line (1-based); limit: lines.",
            json!({"type":"object","properties":{
                "path":{"type":"string"},
                "offset":{"type":"integer"},
                "limit":{"type":"integer"}},"required":["path"]}),
        )
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move { read(ctx, args) })
    }
}

fn read(ctx: &ToolContext, args: Value) -> ToolResult {
    let args = try_tool!(Args::parse("read", args));
    let path = try_tool!(args.str("path"));
    let offset = try_tool!(args.opt_u64("offset")).unwrap_or(1).max(1);
    let limit = try_tool!(args.opt_u64("limit"));
    let r = try_tool!(resolve_in_workspace(&ctx.workspace, path, false));
    match open_read(&r) {
        Ok(Opened::File(file)) => read_lines(&r, file, offset, limit, ctx.limits.read_max_bytes),
        Ok(Opened::Dir(fd)) => list_dir(&r, fd),
        Err(e) => ToolResult::error(format!("cannot read \"{}\": {e}", r.display())),
    }
}

fn read_lines(
    r: &Resolved,
    file: std::fs::File,
    offset: u64,
    limit: Option<u64>,
    max_bytes: usize,
) -> ToolResult {
    let mut reader = BufReader::new(file);
    let mut out = String::new();
    let mut line = Vec::new();
    let mut lineno = 0u64;
    let mut shown = 0u64;
    let mut binary_checked = false;
    loop {
        line.clear();
        // Bounded, so a gigantic single-line file cannot exhaust memory.
        match (&mut reader).take(max_bytes as u64 + 1).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return ToolResult::error(format!("cannot read \"{}\": {e}", r.display())),
        }
        if !binary_checked {
            binary_checked = true;
            if line.contains(&0) {
                return ToolResult::error(format!(
                    "\"{}\" looks like a binary file; read shows text only",
                    r.display()
                ));
            }
        }
        lineno += 1;
        if lineno < offset {
            continue;
        }
        if limit.is_some_and(|l| shown >= l) {
            return ToolResult::ok(out + &format!("\n[more lines follow; continue with offset={lineno}]"));
        }
        let text = String::from_utf8_lossy(&line);
        if out.len() + text.len() > max_bytes {
            let note = format!("\n[output cut at {} KiB; continue with offset={lineno}]", max_bytes / 1024);
            if shown == 0 {
                // One enormous line: show its start rather than nothing.
                let cut = floor_char_boundary(&text, max_bytes);
                return ToolResult::ok(format!("{}{note}", &text[..cut]));
            }
            return ToolResult::ok(out + &note);
        }
        out.push_str(&text);
        shown += 1;
    }
    if lineno > 0 && offset > lineno {
        return ToolResult::error(format!(
            "offset {offset} is past the end of \"{}\" ({lineno} lines)",
            r.display()
        ));
    }
    ToolResult::ok(out)
}

fn list_dir(r: &Resolved, fd: OwnedFd) -> ToolResult {
    let dir = match rustix::fs::Dir::read_from(&fd) {
        Ok(d) => d,
        Err(e) => return ToolResult::error(format!("cannot list \"{}\": {e}", r.display())),
    };
    let mut names: Vec<String> = Vec::new();
    for entry in dir.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "." || name == ".." {
            continue;
        }
        let slash = if entry.file_type() == rustix::fs::FileType::Directory { "/" } else { "" };
        names.push(format!("{name}{slash}"));
    }
    names.sort();
    let total = names.len();
    names.truncate(MAX_DIR_ENTRIES);
    let mut out = format!("{}/ ({total} entries)\n", r.display());
    out.push_str(&names.join("\n"));
    if total > MAX_DIR_ENTRIES {
        out.push_str(&format!("\n[{} more entries not shown]", total - MAX_DIR_ENTRIES));
    }
    ToolResult::ok(out)
}

/// `write {path, content}`: creates or replaces a file atomically.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteTool;

impl Tool for WriteTool {
    fn name(&self) -> &str {
        "write"
    }

    fn spec(&self) -> ToolSpec {
        spec(
            "write",
            "Create or overwrite a workspace file (parent directories are created).",
            json!({"type":"object","properties":{
                "path":{"type":"string"},
                "content":{"type":"string"}},"required":["path","content"]}),
        )
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = try_tool!(Args::parse("write", args));
            let path = try_tool!(args.str("path"));
            let content = try_tool!(args.str("content"));
            if content.len() > ctx.limits.write_max_bytes {
                return ToolResult::error(format!(
                    "content is {} bytes; write accepts at most {}",
                    content.len(),
                    ctx.limits.write_max_bytes
                ));
            }
            let r = try_tool!(resolve_in_workspace(&ctx.workspace, path, true));
            match write_file(&r, content.as_bytes()) {
                Ok(()) => ToolResult::ok(format!("wrote {} bytes to {}", content.len(), r.display())),
                Err(e) => ToolResult::error(format!("cannot write \"{}\": {e}", r.display())),
            }
        })
    }
}

/// `edit {path, oldText, newText}`: replaces the one exact occurrence of `oldText`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditTool;

impl Tool for EditTool {
    fn name(&self) -> &str {
        "edit"
    }

    fn spec(&self) -> ToolSpec {
        spec(
            "edit",
            "Replace oldText with newText in a workspace file; oldText must occur exactly once.",
            json!({"type":"object","properties":{
                "path":{"type":"string"},
                "oldText":{"type":"string"},
                "newText":{"type":"string"}},"required":["path","oldText","newText"]}),
        )
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move { edit(ctx, args) })
    }
}

fn edit(ctx: &ToolContext, args: Value) -> ToolResult {
    let args = try_tool!(Args::parse("edit", args));
    let path = try_tool!(args.str("path"));
    let old = try_tool!(args.str("oldText"));
    let new = try_tool!(args.str("newText"));
    if old.is_empty() {
        return ToolResult::error("edit: argument \"oldText\" must not be empty");
    }
    let r = try_tool!(resolve_in_workspace(&ctx.workspace, path, false));
    let max = ctx.limits.write_max_bytes;
    let mut file = match open_read(&r) {
        Ok(Opened::File(f)) => f,
        Ok(Opened::Dir(_)) => return ToolResult::error(format!("\"{}\" is a directory", r.display())),
        Err(e) => return ToolResult::error(format!("cannot read \"{}\": {e}", r.display())),
    };
    let mut bytes = Vec::new();
    if let Err(e) = (&mut file).take(max as u64 + 1).read_to_end(&mut bytes) {
        return ToolResult::error(format!("cannot read \"{}\": {e}", r.display()));
    }
    if bytes.len() > max {
        return ToolResult::error(format!(
            "\"{}\" is larger than {max} bytes; edit handles smaller files",
            r.display()
        ));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return ToolResult::error(format!("\"{}\" is not UTF-8 text", r.display()));
    };
    let count = text.matches(old).count();
    if count != 1 {
        let why = if count == 0 {
            "oldText was not found (0 matches); read the file and copy the text exactly, \
             whitespace included"
                .to_string()
        } else {
            format!("oldText occurs {count} times; include more surrounding text so it is unique")
        };
        return ToolResult::error(format!("edit \"{}\": {why}", r.display()));
    }
    let at = text.find(old).unwrap_or(0);
    let line = text[..at].matches('\n').count() + 1;
    let updated = text.replacen(old, new, 1);
    if updated.len() > max {
        return ToolResult::error(format!("the edited file would exceed {max} bytes"));
    }
    match write_file(&r, updated.as_bytes()) {
        Ok(()) => ToolResult::ok(format!("edited {} at line {line}", r.display())),
        Err(e) => ToolResult::error(format!("cannot write \"{}\": {e}", r.display())),
    }
}

/// The largest index `<= i` that is a char boundary of `s`.
pub(crate) fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    (0..=i).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0)
}
