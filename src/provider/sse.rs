//! A Server-Sent Events parser (the WHATWG `text/event-stream` format) fed with raw body chunks.
//!
//! It splits on bytes (`\n`, `\r\n`, `\r`), so a chunk boundary inside a line or inside a
//! multi-byte UTF-8 character is harmless: a line is only decoded once it is complete. It knows
//! nothing about OpenAI or Anthropic; those read [`SseEvent::data`] as JSON.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// The `event:` field; empty when the server sent none (the spec's "message").
    pub event: String,
    /// The `data:` lines joined with `\n`.
    pub data: String,
}

/// Why a stream could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SseError {
    /// A line was not UTF-8.
    #[error("event stream line {line} is not valid UTF-8")]
    Utf8 {
        /// 1-based line number in the stream.
        line: u64,
    },
    /// A line grew past [`MAX_LINE`] bytes without ending.
    #[error("event stream line {line} is longer than {MAX_LINE} bytes")]
    LineTooLong {
        /// 1-based line number in the stream.
        line: u64,
    },
}

/// Longest line accepted; a misbehaving server must not make us buffer without bound.
pub const MAX_LINE: usize = 16 << 20;

/// Incremental parser: [`push`](Self::push) body chunks, collect events.
#[derive(Debug, Default)]
pub struct SseParser {
    buf: Vec<u8>,
    /// A `\r` ended the last chunk; a `\n` opening the next one belongs to it.
    after_cr: bool,
    event: String,
    data: String,
    has_data: bool,
    line: u64,
}

impl SseParser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feed one chunk; complete events are appended to `out`.
    pub fn push(&mut self, mut chunk: &[u8], out: &mut Vec<SseEvent>) -> Result<(), SseError> {
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        let mut start = 0;
        let mut i = 0;
        while i < chunk.len() {
            let b = chunk[i];
            if b == b'\n' || b == b'\r' {
                let line_end = i;
                i += 1;
                if b == b'\r' {
                    if i == chunk.len() {
                        self.after_cr = true;
                    } else if chunk[i] == b'\n' {
                        i += 1;
                    }
                }
                if self.buf.is_empty() {
                    self.line_done(&chunk[start..line_end], out)?;
                } else {
                    let mut line = std::mem::take(&mut self.buf);
                    line.extend_from_slice(&chunk[start..line_end]);
                    self.line_done(&line, out)?;
                }
                start = i;
            } else {
                i += 1;
            }
        }
        self.buf.extend_from_slice(&chunk[start..]);
        if self.buf.len() > MAX_LINE {
            return Err(SseError::LineTooLong { line: self.line + 1 });
        }
        Ok(())
    }

    fn line_done(&mut self, line: &[u8], out: &mut Vec<SseEvent>) -> Result<(), SseError> {
        self.line += 1;
        let line = std::str::from_utf8(line).map_err(|_| SseError::Utf8 { line: self.line })?;
        if line.is_empty() {
            if self.has_data {
                out.push(SseEvent {
                    event: std::mem::take(&mut self.event),
                    data: std::mem::take(&mut self.data),
                });
            }
            self.event.clear();
            self.has_data = false;
            return Ok(());
        }
        if line.starts_with(':') {
            return Ok(()); // comment / keep-alive
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "event" => value.clone_into(&mut self.event),
            _ => {} // id, retry and unknown fields do not matter to a one-shot request
        }
        Ok(())
    }

    /// The event the stream ended in the middle of, if any. The spec discards it; callers use
    /// this only to decide whether the server finished cleanly.
    pub fn has_pending(&self) -> bool {
        self.has_data || !self.buf.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in_pieces(bytes: &[u8], cuts: &[usize]) -> Vec<SseEvent> {
        let mut p = SseParser::new();
        let mut out = Vec::new();
        let mut prev = 0;
        for &c in cuts.iter().chain(std::iter::once(&bytes.len())) {
            p.push(&bytes[prev..c], &mut out).unwrap();
            prev = c;
        }
        out
    }

    const STREAM: &str = "event: message_start\ndata: {\"a\":1}\n\n: keep-alive\n\ndata: héllo → 🎉\ndata: second\r\n\r\nevent: x\rdata:nospace\r\rdata: [DONE]\n\n";

    fn expected() -> Vec<SseEvent> {
        vec![
            SseEvent { event: "message_start".into(), data: "{\"a\":1}".into() },
            SseEvent { event: String::new(), data: "héllo → 🎉\nsecond".into() },
            SseEvent { event: "x".into(), data: "nospace".into() },
            SseEvent { event: String::new(), data: "[DONE]".into() },
        ]
    }

    #[test]
    fn whole_stream_at_once() {
        assert_eq!(parse_in_pieces(STREAM.as_bytes(), &[]), expected());
    }

    #[test]
    fn every_split_point_mid_line_mid_utf8_and_between_cr_lf() {
        let bytes = STREAM.as_bytes();
        for cut in 1..bytes.len() {
            assert_eq!(parse_in_pieces(bytes, &[cut]), expected(), "split at byte {cut}");
        }
        // And one byte at a time: every multi-byte character is cut somewhere.
        let cuts: Vec<usize> = (1..bytes.len()).collect();
        assert_eq!(parse_in_pieces(bytes, &cuts), expected());
    }

    #[test]
    fn utf8_character_split_across_chunks_is_reassembled() {
        let s = "data: 🎉\n\n".as_bytes();
        let emoji_start = 6;
        for cut in emoji_start + 1..emoji_start + 4 {
            let got = parse_in_pieces(s, &[cut]);
            assert_eq!(got[0].data, "🎉");
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_naming_the_line() {
        let mut p = SseParser::new();
        let mut out = Vec::new();
        let err = p.push(b"data: ok\n\ndata: \xff\xfe\n\n", &mut out).unwrap_err();
        assert_eq!(err, SseError::Utf8 { line: 3 });
        assert_eq!(err.to_string(), "event stream line 3 is not valid UTF-8");
        assert_eq!(out.len(), 1, "the event before the bad line was delivered");
    }

    #[test]
    fn unterminated_event_is_pending_not_dispatched() {
        let mut p = SseParser::new();
        let mut out = Vec::new();
        p.push(b"data: partial", &mut out).unwrap();
        assert!(out.is_empty());
        assert!(p.has_pending());
        p.push(b"\n", &mut out).unwrap();
        assert!(out.is_empty() && p.has_pending());
        p.push(b"\n", &mut out).unwrap();
        assert_eq!(out[0].data, "partial");
        assert!(!p.has_pending());
    }

    proptest::proptest! {
        /// Any events, written with any line endings and cut into any chunks, come back intact.
        #[test]
        fn round_trip_any_chunking(
            events in proptest::collection::vec(("[a-z_]{0,8}", "[^\r\n]{0,20}"), 0..6),
            crlf in proptest::bool::ANY,
            cuts in proptest::collection::vec(0usize..400, 0..8),
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            for (name, data) in &events {
                if !name.is_empty() {
                    text.push_str(&format!("event: {name}{nl}"));
                }
                text.push_str(&format!("data: {data}{nl}{nl}"));
            }
            let bytes = text.as_bytes();
            let mut cuts: Vec<usize> = cuts.into_iter().filter(|c| *c < bytes.len()).collect();
            cuts.sort_unstable();
            cuts.dedup();
            let got = parse_in_pieces(bytes, &cuts);
            let want: Vec<SseEvent> =
                events.iter().map(|(n, d)| SseEvent { event: n.clone(), data: d.clone() }).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
