//! The text of a config file: parsing it to a JSON5 syntax tree with byte ranges, and turning
//! byte offsets into the `file:line:col` every message carries.

use jsonc_parser::ast::Value as Ast;
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use super::{ConfigError, Problem};

/// What JSON5 allows, and nothing looser (jsonc-parser also accepts missing commas).
pub(crate) fn parse_options() -> ParseOptions {
    ParseOptions { allow_missing_commas: false, ..ParseOptions::default() }
}

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

    /// The syntax tree; `None` for a file with nothing but comments and blank lines.
    pub(crate) fn parse(&self) -> Result<Option<Ast<'a>>, Problem> {
        parse_to_ast(self.text, &CollectOptions::default(), &parse_options())
            .map(|r| r.value)
            .map_err(|e| syntax_problem(self.text, &e))
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

/// A syntax error as one sentence, at the offending token.
fn syntax_problem(text: &str, e: &ParseError) -> Problem {
    let range = e.range();
    let token = text.get(range.start..range.end).unwrap_or("").trim();
    let at = range.start;
    use ParseErrorKind as K;
    match e.kind() {
        K::UnexpectedWord => Problem::new(at, format!("unexpected word `{token}`"))
            .hint(format!("strings must be quoted: \"{token}\"")),
        K::ExpectedComma => Problem::new(at, "expected a comma after this value"),
        K::ExpectedColonAfterObjectKey => Problem::new(at, "expected a colon after the key"),
        K::ExpectedObjectValue => Problem::new(at, "expected a value after the colon"),
        K::UnterminatedObject => Problem::new(at, "this object is never closed").hint("add the missing `}`"),
        K::UnterminatedArray => Problem::new(at, "this list is never closed").hint("add the missing `]`"),
        K::UnterminatedCommentBlock => {
            Problem::new(at, "this comment is never closed").hint("add the missing `*/`")
        }
        K::MultipleRootJsonValues => Problem::new(at, "unexpected text after the configuration object"),
        K::UnexpectedCloseBrace => Problem::new(at, "unexpected `}`"),
        K::UnexpectedCloseBracket => Problem::new(at, "unexpected `]`"),
        K::UnexpectedColon => Problem::new(at, "unexpected `:`"),
        K::UnexpectedComma => Problem::new(at, "unexpected `,`"),
        K::UnexpectedTokenInObject | K::UnexpectedToken if !token.is_empty() => {
            Problem::new(at, format!("unexpected `{token}`"))
        }
        other => Problem::new(at, lower_first(&other.to_string())),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
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
