//! JSON Lines files that are appended, never rewritten: one `write` per whole line with
//! `O_APPEND` (so concurrent writers never interleave within a line), flushed to disk before the
//! caller acknowledges anything; and a reader that skips a torn or garbage line with a warning.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use serde::Serialize;

use super::IoError;

/// Appends `value` as one JSON line to `path` (created 0600) and syncs it to disk.
pub fn append_line<T: Serialize + ?Sized>(path: &Path, value: &T) -> Result<(), IoError> {
    let mut writer = JsonlWriter::open(path)?;
    writer.append(value)?;
    writer.sync()
}

/// A JSON Lines file held open for a run of appends (one agent turn): each line is one `write`
/// with `O_APPEND`, and [`JsonlWriter::sync`] makes all of them durable with one `fdatasync`,
/// where [`append_line`] pays one per line.
#[derive(Debug)]
pub struct JsonlWriter {
    file: std::fs::File,
    path: std::path::PathBuf,
    unsynced: bool,
}

impl JsonlWriter {
    /// Opens `path` for appending, creating it (0600) when missing.
    pub fn open(path: &Path) -> Result<Self, IoError> {
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(super::PRIVATE_FILE)
            .open(path)
            .map_err(IoError::at("opening", path))?;
        Ok(Self { file, path: path.to_path_buf(), unsynced: false })
    }

    /// Appends `value` as one line; durable only after [`JsonlWriter::sync`].
    pub fn append<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), IoError> {
        let mut line = serde_json::to_vec(value)
            .map_err(|e| IoError::at("encoding a line for", &self.path)(e.into()))?;
        line.push(b'\n');
        // One write call: with O_APPEND the kernel places the whole buffer at the end atomically
        // with respect to other appenders on local filesystems.
        self.unsynced = true;
        let written = self.file.write(&line).map_err(IoError::at("appending to", &self.path))?;
        if written < line.len() {
            self.file.write_all(&line[written..]).map_err(IoError::at("appending to", &self.path))?;
        }
        Ok(())
    }

    /// Flushes the lines appended so far to disk (nothing to do when there are none).
    pub fn sync(&mut self) -> Result<(), IoError> {
        if self.unsynced {
            self.file.sync_data().map_err(IoError::at("syncing", &self.path))?;
            self.unsynced = false;
        }
        Ok(())
    }
}

/// One parsed line of a JSON Lines file.
#[derive(Debug, Clone)]
pub struct JsonlLine {
    /// 1-based line number in the file.
    pub line: usize,
    /// The parsed value.
    pub value: serde_json::Value,
}

/// The readable lines of a JSON Lines file and a warning for each line that was skipped.
#[derive(Debug, Default)]
pub struct JsonlRead {
    /// Lines that parsed, in file order.
    pub lines: Vec<JsonlLine>,
    /// One sentence per skipped line, naming file and line.
    pub warnings: Vec<String>,
}

/// Reads every line of `path`; a torn or unparsable line becomes a warning, never an error.
/// A missing file reads as empty.
/// A file that is not a regular file, or larger than [`super::CAP_LOG`], is an error.
pub fn read_jsonl(path: &Path) -> Result<JsonlRead, IoError> {
    read_jsonl_capped(path, super::CAP_LOG)
}

/// [`read_jsonl`] for a file that may hold at most `cap` bytes.
pub fn read_jsonl_capped(path: &Path, cap: u64) -> Result<JsonlRead, IoError> {
    let Some((file, _)) = super::open_state_file(path, cap)? else { return Ok(JsonlRead::default()) };
    // `take` keeps a file that grows while it is read within the cap too.
    parse_lines(path, BufReader::new(file.take(cap)), 1)
}

/// Reads about the last `n` parsed lines of `path` without parsing the whole file.
/// Like [`read_jsonl`], it reads only regular files of at most [`super::CAP_LOG`] bytes.
pub fn read_jsonl_tail(path: &Path, n: usize) -> Result<JsonlRead, IoError> {
    let Some((mut file, meta)) = super::open_state_file(path, super::CAP_LOG)? else {
        return Ok(JsonlRead::default());
    };
    let len = meta.len();
    // Read backwards in growing windows until we hold more than n newlines (or the whole file).
    let mut window: u64 = 64 * 1024;
    loop {
        let start = len.saturating_sub(window);
        file.seek(SeekFrom::Start(start)).map_err(IoError::at("reading", path))?;
        let mut buf = Vec::with_capacity((len - start) as usize);
        (&mut file).take(len - start).read_to_end(&mut buf).map_err(IoError::at("reading", path))?;
        let newlines = buf.iter().filter(|&&b| b == b'\n').count();
        if start == 0 || newlines > n {
            let (skip, first_line) = if start == 0 {
                (0, 1)
            } else {
                // Drop the partial first line of the window; line numbers are then unknown
                // relative to the file start, so count them from the end.
                let cut = buf.iter().position(|&b| b == b'\n').map_or(buf.len(), |i| i + 1);
                (cut, 0)
            };
            let mut read = parse_lines(path, &buf[skip..], first_line.max(1))?;
            if first_line == 0 {
                // Renumber relative to the total line count so numbers stay meaningful.
                let total = count_newlines(path)?;
                let offset = total.saturating_sub(read.lines.len());
                for (i, l) in read.lines.iter_mut().enumerate() {
                    l.line = offset + i + 1;
                }
            }
            let extra = read.lines.len().saturating_sub(n);
            read.lines.drain(..extra);
            return Ok(read);
        }
        window *= 4;
    }
}

fn count_newlines(path: &Path) -> Result<usize, IoError> {
    let Some((mut file, _)) = super::open_state_file(path, super::CAP_LOG)? else { return Ok(0) };
    let mut buf = vec![0u8; 256 * 1024];
    let mut count = 0;
    loop {
        let n = file.read(&mut buf).map_err(IoError::at("reading", path))?;
        if n == 0 {
            return Ok(count);
        }
        count += buf[..n].iter().filter(|&&b| b == b'\n').count();
    }
}

fn parse_lines(path: &Path, reader: impl BufRead, first_line: usize) -> Result<JsonlRead, IoError> {
    let mut out = JsonlRead::default();
    for (i, raw) in reader.split(b'\n').enumerate() {
        let raw = raw.map_err(IoError::at("reading", path))?;
        let line = first_line + i;
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<serde_json::Value>(&raw) {
            Ok(value) => out.lines.push(JsonlLine { line, value }),
            Err(e) => {
                out.warnings.push(format!("{}:{line}: skipped an unreadable line ({e})", path.display()))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn append_and_read_back_skipping_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.jsonl");
        append_line(&p, &json!({"n": 1})).unwrap();
        append_line(&p, &json!({"n": 2})).unwrap();
        // Simulate a crash mid-append: a torn line without its newline.
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"n\": 3, \"tr").unwrap();
        let read = read_jsonl(&p).unwrap();
        assert_eq!(read.lines.len(), 2);
        assert_eq!(read.lines[1].value["n"], 2);
        assert_eq!(read.warnings.len(), 1);
        assert!(read.warnings[0].contains("t.jsonl:3"), "{}", read.warnings[0]);
    }

    #[test]
    fn tail_returns_last_lines_with_file_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.jsonl");
        let body: String =
            (1..=5000).map(|i| format!("{{\"n\":{i},\"pad\":\"{}\"}}\n", "x".repeat(40))).collect();
        std::fs::write(&p, body).unwrap();
        let read = read_jsonl_tail(&p, 3).unwrap();
        let ns: Vec<_> = read.lines.iter().map(|l| (l.line, l.value["n"].as_u64().unwrap())).collect();
        assert_eq!(ns, vec![(4998, 4998), (4999, 4999), (5000, 5000)]);
        assert_eq!(read_jsonl_tail(&p, 10_000).unwrap().lines.len(), 5000);
    }
}
