//! Line-oriented search over memory files with ripgrep's engine (`grep-searcher`,
//! `grep-regex`): files are searched in parallel, each worker reusing one searcher, and results
//! are handed back to the caller one file at a time, in the order the files were given.
//!
//! Bytes are searched as bytes: a file that is not valid UTF-8 is searched like any other, and
//! the caller decides how to show its lines. This module never prints.

use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use grep_matcher::Matcher;
use grep_regex::{RegexMatcher, RegexMatcherBuilder};
use grep_searcher::{BinaryDetection, Searcher, SearcherBuilder, Sink, SinkContext, SinkMatch};

use crate::store::IoError;

/// What to look for and how much to report.
#[derive(Debug, Clone, Default)]
pub struct GrepOptions {
    /// A regular expression (Rust `regex` syntax), or a literal with `fixed`.
    pub pattern: String,
    /// Match case-insensitively (`-i`).
    pub ignore_case: bool,
    /// Treat the pattern as a literal string (`-F`).
    pub fixed: bool,
    /// Lines of context before and after each match (`-C`).
    pub context: usize,
    /// Also record where in each matching line the pattern matched (for colour and JSON).
    pub submatches: bool,
}

/// A pattern that does not compile.
#[derive(Debug, thiserror::Error)]
#[error("invalid regex {pattern:?}: {reason}")]
pub struct PatternError {
    /// The pattern as given.
    pub pattern: String,
    /// What is wrong with it, in one line.
    pub reason: String,
}

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Grep {
    matcher: RegexMatcher,
    context: usize,
    submatches: bool,
}

/// What kind of line a [`Hit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// A line the pattern matched.
    Match,
    /// A line of context around a match.
    Context,
    /// A gap between two groups of context lines in the same file (printed as `--`).
    Break,
}

/// One reported line of a file.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    /// Match, context or break.
    pub kind: HitKind,
    /// 1-based line number (0 for a break).
    pub line: u64,
    /// The line without its terminator (`\n` or `\r\n`); possibly not UTF-8.
    pub text: &'a [u8],
    /// Byte ranges of the matches within `text` (only when asked for, and only on matches).
    pub submatches: &'a [Range<usize>],
}

#[derive(Debug, Clone)]
struct Row {
    kind: HitKind,
    line: u64,
    text: Range<usize>,
    subs: Range<usize>,
}

/// The lines reported for one file. Holds all its text in one buffer, so a file costs a few
/// allocations however many lines match, and none when nothing does.
#[derive(Debug, Clone, Default)]
pub struct FileHits {
    buf: Vec<u8>,
    rows: Vec<Row>,
    subs: Vec<Range<usize>>,
}

impl FileHits {
    /// Whether any line matched.
    pub fn matched(&self) -> bool {
        self.rows.iter().any(|r| r.kind == HitKind::Match)
    }

    /// Number of matching lines.
    pub fn match_count(&self) -> usize {
        self.rows.iter().filter(|r| r.kind == HitKind::Match).count()
    }

    /// The reported lines in file order.
    pub fn hits(&self) -> impl Iterator<Item = Hit<'_>> {
        self.rows.iter().map(|r| Hit {
            kind: r.kind,
            line: r.line,
            text: self.buf.get(r.text.clone()).unwrap_or_default(),
            submatches: self.subs.get(r.subs.clone()).unwrap_or_default(),
        })
    }
}

impl Grep {
    /// Compiles the pattern.
    pub fn new(opts: &GrepOptions) -> Result<Self, PatternError> {
        let matcher = RegexMatcherBuilder::new()
            .case_insensitive(opts.ignore_case)
            .fixed_strings(opts.fixed)
            // Promising the searcher that no match spans lines lets it scan whole buffers at
            // once instead of line by line: the difference between rg speed and grep speed.
            .line_terminator(Some(b'\n'))
            .build(&opts.pattern)
            .map_err(|e| PatternError { pattern: opts.pattern.clone(), reason: one_line(&e.to_string()) })?;
        Ok(Self { matcher, context: opts.context, submatches: opts.submatches })
    }

    fn searcher(&self) -> Searcher {
        SearcherBuilder::new()
            .line_number(true)
            .before_context(self.context)
            .after_context(self.context)
            .binary_detection(BinaryDetection::none())
            .build()
    }

    /// Searches bytes held in memory.
    pub fn search_bytes(&self, bytes: &[u8]) -> FileHits {
        let mut hits = FileHits::default();
        let mut sink = Collect { grep: self, hits: &mut hits };
        // Collecting into memory cannot fail.
        let _ = self.searcher().search_slice(&self.matcher, bytes, &mut sink);
        hits
    }

    fn search_path(&self, searcher: &mut Searcher, path: &Path) -> Result<FileHits, IoError> {
        let mut hits = FileHits::default();
        let mut sink = Collect { grep: self, hits: &mut hits };
        match searcher.search_path(&self.matcher, path, &mut sink) {
            Ok(()) => Ok(hits),
            // A file removed between listing and searching simply has nothing to report.
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(FileHits::default()),
            Err(e) => Err(IoError::at("reading", path)(e)),
        }
    }

    /// Searches `paths` in parallel and calls `each(index, result)` for every file, in the
    /// order given, on the calling thread. An error from `each` stops the search and is
    /// returned (e.g. a closed pipe); a file that cannot be read is reported to `each`.
    pub fn search_files<P, E, F>(&self, paths: &[P], threads: usize, mut each: F) -> Result<(), E>
    where
        P: AsRef<Path> + Sync,
        F: FnMut(usize, Result<FileHits, IoError>) -> Result<(), E>,
    {
        let threads = threads.clamp(1, paths.len().max(1));
        if threads == 1 {
            let mut searcher = self.searcher();
            for (i, p) in paths.iter().enumerate() {
                each(i, self.search_path(&mut searcher, p.as_ref()))?;
            }
            return Ok(());
        }
        // Files are handed out in chunks: one channel message (and one wake-up of the caller)
        // per chunk rather than per file keeps synchronisation off the profile.
        let chunk = (paths.len() / (threads * 16)).clamp(1, 64);
        let chunks = paths.len().div_ceil(chunk);
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel::<(usize, Vec<Result<FileHits, IoError>>)>();
            for _ in 0..threads {
                let tx = tx.clone();
                let (next, stop) = (&next, &stop);
                scope.spawn(move || {
                    let mut searcher = self.searcher();
                    while !stop.load(Ordering::Relaxed) {
                        let c = next.fetch_add(1, Ordering::Relaxed);
                        let Some(files) = paths.chunks(chunk).nth(c) else { break };
                        let results =
                            files.iter().map(|p| self.search_path(&mut searcher, p.as_ref())).collect();
                        if tx.send((c, results)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            // Workers take chunks in order, so results arrive nearly in order; the few that
            // finish early wait here until their turn.
            let mut pending: Vec<Option<Vec<Result<FileHits, IoError>>>> = Vec::new();
            pending.resize_with(chunks, || None);
            let mut due = 0;
            for (c, results) in rx {
                if let Some(slot) = pending.get_mut(c) {
                    *slot = Some(results);
                }
                while let Some(results) = pending.get_mut(due).and_then(Option::take) {
                    for (k, result) in results.into_iter().enumerate() {
                        if let Err(e) = each(due * chunk + k, result) {
                            stop.store(true, Ordering::Relaxed);
                            return Err(e);
                        }
                    }
                    due += 1;
                }
            }
            Ok(())
        })
    }
}

/// Sink that copies reported lines into a [`FileHits`].
struct Collect<'a> {
    grep: &'a Grep,
    hits: &'a mut FileHits,
}

impl Collect<'_> {
    fn push(&mut self, kind: HitKind, line: u64, raw: &[u8]) {
        let text = strip_terminator(raw);
        let hits = &mut *self.hits;
        let start = hits.buf.len();
        hits.buf.extend_from_slice(text);
        let sub_start = hits.subs.len();
        if self.grep.submatches && kind == HitKind::Match {
            let subs = &mut hits.subs;
            let _ = self.grep.matcher.find_iter(text, |m| {
                subs.push(m.start()..m.end());
                true
            });
        }
        hits.rows.push(Row { kind, line, text: start..hits.buf.len(), subs: sub_start..hits.subs.len() });
    }
}

impl Sink for Collect<'_> {
    type Error = io::Error;

    fn matched(&mut self, _: &Searcher, m: &SinkMatch<'_>) -> Result<bool, io::Error> {
        for (line, raw) in (m.line_number().unwrap_or(0)..).zip(m.lines()) {
            self.push(HitKind::Match, line, raw);
        }
        Ok(true)
    }

    fn context(&mut self, _: &Searcher, c: &SinkContext<'_>) -> Result<bool, io::Error> {
        self.push(HitKind::Context, c.line_number().unwrap_or(0), c.bytes());
        Ok(true)
    }

    fn context_break(&mut self, _: &Searcher) -> Result<bool, io::Error> {
        self.hits.rows.push(Row { kind: HitKind::Break, line: 0, text: 0..0, subs: 0..0 });
        Ok(true)
    }
}

fn strip_terminator(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// regex-syntax errors span several lines (the pattern, a caret, the message); keep the message.
fn one_line(message: &str) -> String {
    message
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map_or_else(|| message.split_whitespace().collect::<Vec<_>>().join(" "), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grep(pattern: &str, f: impl FnOnce(&mut GrepOptions)) -> Grep {
        let mut opts = GrepOptions { pattern: pattern.into(), submatches: true, ..Default::default() };
        f(&mut opts);
        Grep::new(&opts).unwrap()
    }

    fn rows(h: &FileHits) -> Vec<(HitKind, u64, String, Vec<Range<usize>>)> {
        h.hits()
            .map(|x| (x.kind, x.line, String::from_utf8_lossy(x.text).into(), x.submatches.to_vec()))
            .collect()
    }

    #[test]
    fn matches_with_lines_and_submatches() {
        let h = grep("o+", |_| {}).search_bytes(b"foo boo\r\nbar\nzoo");
        assert_eq!(
            rows(&h),
            vec![
                (HitKind::Match, 1, "foo boo".into(), vec![1..3, 5..7]),
                (HitKind::Match, 3, "zoo".into(), vec![Range { start: 1, end: 3 }]),
            ]
        );
    }

    #[test]
    fn fixed_and_case_insensitive() {
        let h = grep("a.b(", |o| o.fixed = true).search_bytes(b"axb(\na.b(\n");
        assert_eq!(rows(&h).iter().map(|r| r.1).collect::<Vec<_>>(), vec![2]);
        let h = grep("tea", |o| o.ignore_case = true).search_bytes(b"TEA\ncoffee\nTea time\n");
        assert_eq!(h.match_count(), 2);
    }

    #[test]
    fn context_and_breaks() {
        let text = b"a\nx\nb\nc\nd\ne\nx\nf\n";
        let h = grep("x", |o| o.context = 1).search_bytes(text);
        let kinds: Vec<(HitKind, u64)> = h.hits().map(|x| (x.kind, x.line)).collect();
        use HitKind::*;
        assert_eq!(
            kinds,
            vec![(Context, 1), (Match, 2), (Context, 3), (Break, 0), (Context, 6), (Match, 7), (Context, 8)]
        );
    }

    #[test]
    fn invalid_utf8_is_searched_not_fatal() {
        let h = grep("caf", |_| {}).search_bytes(b"caf\xe9 au lait\n\xff\xfe\n");
        assert_eq!(h.match_count(), 1);
        assert_eq!(h.hits().next().unwrap().text, b"caf\xe9 au lait");
    }

    #[test]
    fn bad_pattern_is_one_line() {
        let e = Grep::new(&GrepOptions { pattern: "(".into(), ..Default::default() }).unwrap_err();
        assert_eq!(e.to_string(), "invalid regex \"(\": unclosed group");
    }

    #[test]
    fn parallel_results_come_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<_> = (0..200)
            .map(|i| {
                let p = dir.path().join(format!("{i}.md"));
                std::fs::write(&p, format!("line\nneedle {i}\n").repeat(i % 7)).unwrap();
                p
            })
            .collect();
        let mut seen = Vec::new();
        grep("needle", |_| {})
            .search_files(&paths, 4, |i, r| {
                seen.push((i, r.unwrap().match_count()));
                Ok::<(), ()>(())
            })
            .unwrap();
        assert_eq!(seen, (0..200).map(|i| (i, i % 7)).collect::<Vec<_>>());
        // Stopping early returns the caller's error.
        let r = grep("needle", |_| {}).search_files(&paths, 2, |i, _| if i == 5 { Err(i) } else { Ok(()) });
        assert_eq!(r, Err(5));
    }
}
