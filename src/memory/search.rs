//! Ranked search over an agent's memory files (DESIGN §8): BM25 over small chunks of
//! `MEMORY.md` and `memory/*.md`, for the `memory_search` tool and `openclaw memory search`.
//!
//! There is no stored index: each search reads the files and ranks them afresh, so the files
//! stay the only truth and nothing can go stale. That is fast enough because most of the work is
//! skipped: a chunk's length is measured in bytes (proportional to its token count for BM25's
//! length normalisation, and free to compute), and term frequencies are counted only at the words
//! where a case-insensitive regex found a query term, never by tokenizing whole files. Ten years
//! of daily logs (3,650 files, 50 MB) rank in 70–170 ms with the files in the page cache, 0.3–0.5 s
//! straight from disk, on 2 busy cores (`scripts/bench-memory-search.sh`): within what an
//! interactive tool can spend, so no index file is kept.
//!
//! - **Chunks**: a top-level list item (with its indented or wrapped lines), a paragraph, or a
//!   heading with the paragraph under it; blank lines, headings and list items start new chunks,
//!   and a chunk never runs past [`MAX_CHUNK_LINES`] lines. Each hit carries its 1-based line
//!   range, so `memory_get` can fetch exactly those lines.
//! - **Tokens**: runs of Unicode letters and digits, lower-cased; a trailing plural `s` is dropped
//!   from words of four letters or more (`meetings` finds `meeting`; `ss`, `us`, `is` endings are
//!   kept). A few English stop words are dropped from the query, unless nothing else is left.
//! - **Score**: BM25 with k1 = 1.2, b = 0.75 over all chunks of the agent's memory, times a small
//!   recency boost: a daily log dated `age` days before today gets `1 + 0.25 × 0.5^(age / 30)`
//!   (×1.25 today, ×1.125 a month ago, ≈×1 after a year); `MEMORY.md` is curated and always
//!   current, so it gets the full ×1.25; other files ×1. The boost orders near-equal matches by
//!   freshness without letting an old, much better match drop out. Ties go to the newer file,
//!   then the path, then the line.

use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use grep_matcher::Matcher;
use grep_regex::{RegexMatcher, RegexMatcherBuilder};
use jiff::civil::Date;
use serde::Serialize;

use super::{DateRange, MemoryError, MemoryFile};
use crate::home::Home;
use crate::store::IoError;

/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation.
const B: f64 = 0.75;
/// Longest chunk, in lines.
pub const MAX_CHUNK_LINES: usize = 15;
/// Extra weight of a memory written today (and of MEMORY.md), halving every [`HALF_LIFE_DAYS`].
const RECENCY_WEIGHT: f64 = 0.25;
/// Days after which a daily log's recency boost is half.
const HALF_LIFE_DAYS: f64 = 30.0;
/// Longest snippet, in bytes (cut on a character boundary).
const SNIPPET_BYTES: usize = 200;
/// Longest word looked at where the regex matched; longer words cannot equal a query term.
const MAX_WORD_BYTES: usize = 128;
/// Query terms beyond this many are ignored.
const MAX_TERMS: usize = 32;

/// Dropped from queries (as tokens, so `does` appears folded as `doe`).
const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "but", "by", "can", "did", "do", "doe", "for",
    "from", "had", "have", "he", "her", "how", "i", "in", "is", "it", "me", "my", "of", "on", "or", "she",
    "so", "that", "the", "their", "them", "they", "this", "to", "was", "we", "were", "what", "when", "where",
    "which", "who", "why", "will", "with", "you", "your",
];

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Most hits to return.
    pub max_results: usize,
    /// Today in the configured zone, for the recency boost; `None` ranks by text alone.
    pub today: Option<Date>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self { max_results: 5, today: None }
    }
}

/// One ranked chunk of a memory file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    /// Path relative to the workspace: `MEMORY.md`, `memory/2026-11-23.md`.
    pub path: String,
    /// First line of the chunk, 1-based.
    pub start_line: usize,
    /// Last line of the chunk, inclusive.
    pub end_line: usize,
    /// BM25 score times the recency boost; higher is better. Only comparable within one search.
    #[serde(serialize_with = "round3")]
    pub score: f64,
    /// The chunk's text on one line (whitespace collapsed), cut at about 200 bytes with `…`.
    pub snippet: String,
}

fn round3<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((v * 1000.0).round() / 1000.0)
}

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query holds no letters or digits.
    #[error("nothing to search for: the query {0:?} holds no words")]
    EmptyQuery(String),
    /// Listing the memory files failed.
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// A memory file exists but cannot be read.
    #[error(transparent)]
    Io(#[from] IoError),
}

/// Searches `agent`'s `MEMORY.md` and `memory/*.md` for `query`; the best hits first.
pub fn search(
    home: &Home,
    agent: &str,
    query: &str,
    opts: &SearchOptions,
) -> Result<Vec<SearchHit>, SearchError> {
    let files = super::files(home, agent, DateRange::default())?;
    search_files(&files, query, opts)
}

/// Ranks the chunks of `files` (as listed by [`super::files`]) against `query`.
pub fn search_files(
    files: &[MemoryFile],
    query: &str,
    opts: &SearchOptions,
) -> Result<Vec<SearchHit>, SearchError> {
    let terms = query_terms(query);
    if terms.is_empty() {
        return Err(SearchError::EmptyQuery(query.to_string()));
    }
    if opts.max_results == 0 {
        return Ok(Vec::new());
    }
    let matcher = prefilter(&terms);
    let scan = scan_files(files, &terms, matcher.as_ref())?;
    let n = scan.chunks.max(1) as f64;
    let avg_len = (scan.bytes as f64 / n).max(1.0);
    let idf: Vec<f64> = (0..terms.len())
        .map(|t| {
            let df = scan.found.iter().filter(|c| c.tf[t] > 0).count() as f64;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    let mut scored: Vec<(f64, &Found)> = scan
        .found
        .iter()
        .map(|c| {
            let norm = K1 * (1.0 - B + B * c.bytes.len() as f64 / avg_len);
            let bm25: f64 =
                c.tf.iter()
                    .zip(&idf)
                    .filter(|(tf, _)| **tf > 0)
                    .map(|(&tf, idf)| idf * (f64::from(tf) * (K1 + 1.0)) / (f64::from(tf) + norm))
                    .sum();
            (bm25 * boost(files.get(c.file), opts.today), c)
        })
        .collect();
    let better = |a: &(f64, &Found), b: &(f64, &Found)| {
        let (fa, fb) = (&files[a.1.file], &files[b.1.file]);
        b.0.total_cmp(&a.0)
            .then_with(|| fb.date.cmp(&fa.date))
            .then_with(|| fa.rel.cmp(&fb.rel))
            .then_with(|| a.1.start_line.cmp(&b.1.start_line))
    };
    if scored.len() > opts.max_results {
        scored.select_nth_unstable_by(opts.max_results - 1, better);
        scored.truncate(opts.max_results);
    }
    scored.sort_by(better);
    scored
        .into_iter()
        .map(|(score, c)| {
            let file = &files[c.file];
            let bytes = std::fs::read(&file.path).map_err(IoError::at("reading", &file.path))?;
            Ok(SearchHit {
                path: file.rel.clone(),
                start_line: c.start_line,
                end_line: c.end_line,
                score,
                snippet: snippet(bytes.get(c.bytes.clone()).unwrap_or_default()),
            })
        })
        .collect()
}

/// The recency boost of a file (see the module docs).
fn boost(file: Option<&MemoryFile>, today: Option<Date>) -> f64 {
    let (Some(file), Some(today)) = (file, today) else { return 1.0 };
    match file.date {
        Some(date) => {
            let age = (today - date).get_days().max(0) as f64;
            1.0 + RECENCY_WEIGHT * 0.5f64.powf(age / HALF_LIFE_DAYS)
        }
        None if file.rel == super::LONG_MEMORY => 1.0 + RECENCY_WEIGHT,
        None => 1.0,
    }
}

/// The distinct terms of a query, stop words dropped unless they are all there is.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for_each_token(query, &mut String::new(), |t| {
        if !all.iter().any(|a| a == t) {
            all.push(t.to_string());
        }
    });
    let content: Vec<String> = all.iter().filter(|t| !STOP_WORDS.contains(&t.as_str())).cloned().collect();
    let mut terms = if content.is_empty() { all } else { content };
    terms.truncate(MAX_TERMS);
    terms
}

/// Calls `f` with each token of `text`: a run of letters and digits, lower-cased, with a plural
/// `s` dropped (see the module docs). `buf` is reused between calls to avoid allocating.
pub fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut ascii = c.is_ascii();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            ascii &= c.is_ascii();
            end = i + c.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        buf.clear();
        if ascii {
            buf.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            buf.extend(word.chars().flat_map(char::to_lowercase));
        }
        let folded = fold_plural(buf);
        f(folded);
    }
}

fn fold_plural(word: &str) -> &str {
    let n = word.chars().count();
    if n >= 4
        && word.ends_with('s')
        && !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is"))
    {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// A regex that finds every place a term may occur: each term is a prefix of the lower-cased
/// words it comes from, so a case-insensitive search for it misses none of them. `None` if the
/// regex cannot be built (then every chunk is tokenized: slower, same result).
fn prefilter(terms: &[String]) -> Option<RegexMatcher> {
    // Terms are letters and digits only: nothing to escape.
    RegexMatcherBuilder::new().case_insensitive(true).build(&terms.join("|")).ok()
}

/// A chunk of a file: its lines and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// First line, 1-based.
    pub start_line: usize,
    /// Last line, inclusive.
    pub end_line: usize,
    /// Byte range in the file, without the final line break.
    pub bytes: Range<usize>,
}

/// Splits a Markdown file into chunks (see the module docs).
pub fn chunks(text: &[u8]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Option<Chunk> = None;
    let mut line_no = 0;
    // grep-searcher's line stepper finds line ends with memchr: several times faster than a
    // byte loop, and this runs over every byte of memory on each search.
    let mut lines = grep_searcher::LineStep::new(b'\n', 0, text.len());
    while let Some((at, next)) = lines.next(text) {
        line_no += 1;
        let end = if text.get(next - 1) == Some(&b'\n') { next - 1 } else { next };
        let line = text.get(at..end).unwrap_or_default();
        let kind = line_kind(line);
        let full = cur.as_ref().is_some_and(|c| c.end_line - c.start_line + 1 >= MAX_CHUNK_LINES);
        let starts_new = match kind {
            Kind::Blank => {
                out.extend(cur.take());
                continue;
            }
            Kind::Heading | Kind::Item => true,
            Kind::Text => full || cur.is_none(),
        };
        if starts_new {
            out.extend(cur.take());
            let chunk = Chunk { start_line: line_no, end_line: line_no, bytes: at..trim_cr(text, at, end) };
            cur = Some(chunk);
        } else if let Some(c) = cur.as_mut() {
            c.end_line = line_no;
            c.bytes.end = trim_cr(text, at, end);
        }
    }
    out.extend(cur);
    out
}

fn trim_cr(text: &[u8], start: usize, end: usize) -> usize {
    if end > start && text.get(end - 1) == Some(&b'\r') { end - 1 } else { end }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Heading,
    Item,
    Text,
}

fn line_kind(line: &[u8]) -> Kind {
    let trimmed = line.trim_ascii_start();
    if trimmed.trim_ascii_end().is_empty() {
        return Kind::Blank;
    }
    let indent = line.len() - trimmed.len();
    if indent > 1 {
        return Kind::Text; // an indented line continues whatever is open
    }
    match trimmed {
        [b'#', ..] => Kind::Heading,
        [b'-' | b'*' | b'+', b' ' | b'\t', ..] => Kind::Item,
        _ => {
            let digits = trimmed.iter().take_while(|b| b.is_ascii_digit()).count();
            let ordered = (1..=9).contains(&digits)
                && matches!(trimmed.get(digits..digits + 2), Some([b'.' | b')', b' ' | b'\t']));
            if ordered { Kind::Item } else { Kind::Text }
        }
    }
}

/// A chunk in which at least one term occurs.
#[derive(Debug)]
struct Found {
    file: usize,
    start_line: usize,
    end_line: usize,
    bytes: Range<usize>,
    tf: Vec<u32>,
}

/// What a pass over the files found.
#[derive(Debug, Default)]
struct Scan {
    chunks: usize,
    bytes: usize,
    found: Vec<Found>,
}

impl Scan {
    fn merge(&mut self, other: Scan) {
        self.chunks += other.chunks;
        self.bytes += other.bytes;
        self.found.extend(other.found);
    }
}

fn scan_files(
    files: &[MemoryFile],
    terms: &[String],
    matcher: Option<&RegexMatcher>,
) -> Result<Scan, IoError> {
    // Threads cost more than they save on a handful of small files.
    let threads =
        if files.len() < 32 { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()).min(8) };
    if threads == 1 {
        let mut scan = Scan::default();
        for i in 0..files.len() {
            scan_file(&mut scan, files, i, terms, matcher)?;
        }
        return Ok(scan);
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut scan = Scan::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= files.len() {
                            return Ok(scan);
                        }
                        scan_file(&mut scan, files, i, terms, matcher)?;
                    }
                })
            })
            .collect();
        let mut total = Scan::default();
        for w in workers {
            // A worker only panics on a bug; report it as an error rather than aborting.
            let part = w.join().unwrap_or_else(|_| {
                Err(IoError::at("searching", Path::new("memory"))(std::io::Error::other("worker panicked")))
            })?;
            total.merge(part);
        }
        Ok(total)
    })
}

fn scan_file(
    scan: &mut Scan,
    files: &[MemoryFile],
    i: usize,
    terms: &[String],
    matcher: Option<&RegexMatcher>,
) -> Result<(), IoError> {
    let Some(file) = files.get(i) else { return Ok(()) };
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        // Removed between listing and reading: nothing to rank.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(IoError::at("reading", &file.path)(e)),
    };
    let chunks = chunks(&bytes);
    scan.chunks += chunks.len();
    scan.bytes += chunks.iter().map(|c| c.bytes.len()).sum::<usize>();
    let Some(matcher) = matcher else {
        // No regex: tokenize every chunk.
        let mut buf = String::new();
        for chunk in &chunks {
            let text = String::from_utf8_lossy(bytes.get(chunk.bytes.clone()).unwrap_or_default());
            let mut tf = vec![0u32; terms.len()];
            for_each_token(&text, &mut buf, |t| count(&mut tf, terms, t));
            push_found(scan, i, chunk, tf);
        }
        return Ok(());
    };
    // Only where the regex finds a term can a token equal it: look at the word starting there
    // instead of tokenizing whole chunks. Matches come in order, so a chunk's counts are built
    // up in one place.
    let mut current: Option<(usize, Vec<u32>)> = None;
    let mut buf = String::new();
    let _ = matcher.find_iter(&bytes, |m| {
        let at = m.start();
        let Some(token) = word_at(&bytes, at, &mut buf) else { return true };
        let Some(k) = terms.iter().position(|t| t == token) else { return true };
        let c = chunks.partition_point(|c| c.bytes.end <= at);
        if chunks.get(c).is_none_or(|ch| ch.bytes.start > at) {
            return true;
        }
        if current.as_ref().is_none_or(|(cur, _)| *cur != c) {
            if let Some((prev, tf)) = current.take()
                && let Some(chunk) = chunks.get(prev)
            {
                push_found(scan, i, chunk, tf);
            }
            current = Some((c, vec![0; terms.len()]));
        }
        if let Some((_, tf)) = current.as_mut()
            && let Some(n) = tf.get_mut(k)
        {
            *n += 1;
        }
        true
    });
    if let Some((c, tf)) = current
        && let Some(chunk) = chunks.get(c)
    {
        push_found(scan, i, chunk, tf);
    }
    Ok(())
}

fn count(tf: &mut [u32], terms: &[String], token: &str) {
    if let Some(k) = terms.iter().position(|t| t == token)
        && let Some(n) = tf.get_mut(k)
    {
        *n += 1;
    }
}

fn push_found(scan: &mut Scan, file: usize, chunk: &Chunk, tf: Vec<u32>) {
    if tf.iter().any(|&n| n > 0) {
        scan.found.push(Found {
            file,
            start_line: chunk.start_line,
            end_line: chunk.end_line,
            bytes: chunk.bytes.clone(),
            tf,
        });
    }
}

/// The token starting at byte `at`, as [`for_each_token`] would give it; `None` when `at` is in
/// the middle of a word. Looks at no more than [`MAX_WORD_BYTES`] bytes.
fn word_at<'b>(bytes: &[u8], at: usize, buf: &'b mut String) -> Option<&'b str> {
    if at > 0 {
        // The character before `at`: back up over UTF-8 continuation bytes.
        let mut s = at - 1;
        while s > 0 && at - s < 4 && bytes.get(s).is_some_and(|b| b & 0xC0 == 0x80) {
            s -= 1;
        }
        let prev = String::from_utf8_lossy(bytes.get(s..at).unwrap_or_default());
        if prev.chars().next_back().is_some_and(char::is_alphanumeric) {
            return None;
        }
    }
    let end = bytes.len().min(at + MAX_WORD_BYTES);
    let text = String::from_utf8_lossy(bytes.get(at..end).unwrap_or_default());
    let word_end = text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len());
    let mut token = None;
    for_each_token(text.get(..word_end).unwrap_or_default(), buf, |t| {
        if token.is_none() {
            token = Some(t.len());
        }
    });
    // for_each_token left the (folded) first word in `buf`; keep only what it passed on.
    let len = token?;
    buf.truncate(len);
    Some(buf.as_str())
}

/// A chunk's text on one line, cut at [`SNIPPET_BYTES`].
fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(SNIPPET_BYTES + 4);
    for word in text.split_whitespace() {
        if out.len() + word.len() + 1 > SNIPPET_BYTES {
            let room = SNIPPET_BYTES.saturating_sub(out.len() + 1);
            if out.is_empty() || room > 20 {
                if !out.is_empty() {
                    out.push(' ');
                }
                let mut end = room.min(word.len());
                while !word.is_char_boundary(end) {
                    end -= 1;
                }
                out.push_str(&word[..end]);
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests;
