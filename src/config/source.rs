//! The text of a config file: parsing it to a JSON5 syntax tree with byte ranges, and turning
//! byte offsets into the `file:line:col` every message carries.

use super::syntax::{self, Value as Ast};
use super::{ConfigError, Problem};

/// Config text, without a leading byte-order mark.
pub(crate) struct Source<'a> {
    text: &'a str,
}

impl<'a> Source<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text: text.strip_prefix('\u{feff}').unwrap_or(text) }
    }

    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The syntax tree; `None` for a text with nothing but comments and blank lines, which the
    /// editor can still add to (the loader refuses it: see [`Source::parse_document`]).
    pub(crate) fn parse(&self) -> Result<Option<Ast<'a>>, Problem> {
        syntax::parse(self.text)
    }

    /// The syntax tree of a whole JSON5 document, which holds exactly one value.
    pub(crate) fn parse_document(&self) -> Result<Ast<'a>, Problem> {
        self.parse()?.ok_or_else(|| {
            Problem::new(self.text.len(), "the file holds no configuration object (JSON5 needs one value)")
                .hint("write `{}` to use the defaults")
        })
    }

    /// `(line, col)`, both 1-based; the column counts characters.
    pub(crate) fn line_col(&self, at: usize) -> (usize, usize) {
        line_col(self.text, at)
    }

    pub(crate) fn error(&self, file: &str, p: Problem) -> ConfigError {
        let (line, col) = self.line_col(p.at);
        ConfigError::Invalid { file: file.to_string(), line, col, message: p.message, hint: p.hint }
    }

    pub(crate) fn format(&self, file: &str, p: &Problem) -> String {
        let (line, col) = self.line_col(p.at);
        format!("{file}:{line}:{col}: {}", p.message)
    }
}

/// `(line, col)` of a byte offset, both 1-based; the column counts characters. CRLF and a lone
/// CR each end a line.
pub(crate) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at.min(text.len()));
    let before = &text[..at];
    let bytes = before.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    let col = before[line_start..].chars().filter(|&c| c != '\r').count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_crlf() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab\r\ncd", 5), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
        assert_eq!(line_col("éx", 2), (1, 2));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
