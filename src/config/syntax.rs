//! The JSON5 reader: a strict parser for JSON5 1.0.0 (<https://spec.json5.org/>) that keeps the
//! byte range of every key and value, so that later errors can point at them. It accepts exactly
//! what the specification accepts (checked against the official test suite in
//! `tests/fixtures/json5-tests`) and refuses everything else with a position. It knows nothing of
//! the configuration's shape; editing the text is `edit`'s business.
//!
//! Why our own: `jsonc-parser`, which edits the file, is a lenient JSONC reader. Even with its
//! JSON5 options it accepts keys such as `multi-word` and raw line breaks in strings, and it
//! refuses `\u0061bc` as a key, so the file would mean something different to us than to every
//! other JSON5 reader. `json5` (serde) is strict but has no positions.
//!
//! Implementation limits: containers nest at most [`MAX_DEPTH`] deep, and a `\uXXXX` escape of a
//! lone UTF-16 surrogate in a string reads as U+FFFD (a Rust string cannot hold it). Identifier
//! characters are Unicode's XID_Start / XID_Continue (`unicode-ident`) plus `$`, `_`, ZWNJ, ZWJ.

use std::borrow::Cow;
use std::ops::Range;

use super::Problem;
use super::source::line_col;

/// How deep arrays and objects may nest; deeper input is refused rather than risking the stack.
pub(crate) const MAX_DEPTH: usize = 128;

/// One JSON5 value with the byte range it was written at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    StringLit(StringLit<'a>),
    NumberLit(NumberLit<'a>),
    BooleanLit(BooleanLit),
    NullKeyword(NullKeyword),
    Array(Array<'a>),
    Object(Object<'a>),
}

/// A string, escapes decoded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StringLit<'a> {
    pub range: Range<usize>,
    pub value: Cow<'a, str>,
}

/// A number as written (`-0x1F`, `.5e3`, `+Infinity`, `NaN`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumberLit<'a> {
    pub range: Range<usize>,
    pub value: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BooleanLit {
    pub range: Range<usize>,
    pub value: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NullKeyword {
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Array<'a> {
    pub range: Range<usize>,
    pub elements: Vec<Value<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Object<'a> {
    pub range: Range<usize>,
    pub properties: Vec<ObjectProp<'a>>,
}

/// `name: value`; the range runs from the name to the end of the value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ObjectProp<'a> {
    pub range: Range<usize>,
    pub name: ObjectPropName<'a>,
    pub value: Value<'a>,
}

/// A key: quoted, or an identifier (`\uXXXX` escapes decoded).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ObjectPropName<'a> {
    String(StringLit<'a>),
    Word(StringLit<'a>),
}

impl ObjectPropName<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            ObjectPropName::String(s) | ObjectPropName::Word(s) => &s.value,
        }
    }

    pub(crate) fn start(&self) -> usize {
        match self {
            ObjectPropName::String(s) | ObjectPropName::Word(s) => s.range.start,
        }
    }
}

impl Value<'_> {
    pub(crate) fn range(&self) -> &Range<usize> {
        match self {
            Value::StringLit(x) => &x.range,
            Value::NumberLit(x) => &x.range,
            Value::BooleanLit(x) => &x.range,
            Value::NullKeyword(x) => &x.range,
            Value::Array(x) => &x.range,
            Value::Object(x) => &x.range,
        }
    }
}

/// Parses a whole JSON5 text; `Ok(None)` when it holds no value at all (only whitespace and
/// comments), which JSON5 itself refuses: the caller decides.
pub(crate) fn parse(text: &str) -> Result<Option<Value<'_>>, Problem> {
    let mut p = Parser { text, pos: 0 };
    p.skip_blank()?;
    if p.peek().is_none() {
        return Ok(None);
    }
    let value = p.value(0)?;
    p.skip_blank()?;
    if p.peek().is_some() {
        let what = if matches!(value, Value::Object(_)) { "the configuration object" } else { "the value" };
        return Err(Problem::new(p.pos, format!("unexpected text after {what}")));
    }
    Ok(Some(value))
}

/// JSON5 WhiteSpace and LineTerminator: the ECMAScript list plus every `Zs` space.
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// ECMAScript 5.1 IdentifierStart (without the escape).
pub(crate) fn is_id_start(c: char) -> bool {
    c == '$' || c == '_' || unicode_ident::is_xid_start(c)
}

/// ECMAScript 5.1 IdentifierPart (without the escape).
pub(crate) fn is_id_continue(c: char) -> bool {
    is_id_start(c) || unicode_ident::is_xid_continue(c) || c == '\u{200c}' || c == '\u{200d}'
}

/// Whether `key` can be written unquoted (an ECMAScript IdentifierName without escapes).
pub(crate) fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(is_id_start) && chars.all(is_id_continue)
}

/// A character that may end an unquoted run of text in an error message.
fn ends_word(c: char) -> bool {
    is_whitespace(c) || matches!(c, ',' | ':' | '[' | ']' | '{' | '}' | '"' | '\'' | '/')
}

fn show(c: char) -> String {
    format!("`{}`", c.escape_debug())
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn position(&self, at: usize) -> String {
        let (line, col) = line_col(self.text, at);
        format!("{line}:{col}")
    }

    /// Skips whitespace and comments.
    fn skip_blank(&mut self) -> Result<(), Problem> {
        loop {
            match self.peek() {
                Some(c) if is_whitespace(c) => self.pos += c.len_utf8(),
                Some('/') if self.text[self.pos..].starts_with("//") => {
                    let rest = &self.text[self.pos..];
                    self.pos += rest.find(is_line_terminator).unwrap_or(rest.len());
                }
                Some('/') if self.text[self.pos..].starts_with("/*") => {
                    let open = self.pos;
                    match self.text[open + 2..].find("*/") {
                        Some(end) => self.pos = open + 2 + end + 2,
                        None => {
                            self.pos = self.text.len();
                            return Err(Problem::new(
                                self.pos,
                                format!("the comment opened at {} is not closed", self.position(open)),
                            )
                            .hint("add the missing `*/`"));
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// The unquoted run of text starting at `at`, for messages.
    fn word_at(&self, at: usize) -> &'a str {
        let rest = &self.text[at..];
        let end = rest.char_indices().find(|(i, c)| *i > 0 && ends_word(*c)).map_or(rest.len(), |(i, _)| i);
        &rest[..end]
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, Problem> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Err(Problem::new(start, "expected a value, found the end of the file"));
        };
        match c {
            '{' | '[' if depth >= MAX_DEPTH => {
                Err(Problem::new(start, format!("lists and objects nest more than {MAX_DEPTH} deep here")))
            }
            '{' => self.object(depth).map(Value::Object),
            '[' => self.array(depth).map(Value::Array),
            '"' | '\'' => self.string().map(Value::StringLit),
            '+' | '-' | '.' | '0'..='9' => self.number().map(Value::NumberLit),
            c if is_id_start(c) || c == '\\' => {
                let word = self.word_at(start);
                let range = start..start + word.len();
                let literal = match word {
                    "true" => Value::BooleanLit(BooleanLit { range, value: true }),
                    "false" => Value::BooleanLit(BooleanLit { range, value: false }),
                    "null" => Value::NullKeyword(NullKeyword { range }),
                    "Infinity" | "NaN" => Value::NumberLit(NumberLit { range, value: word }),
                    _ => {
                        return Err(Problem::new(start, format!("unexpected word `{word}`"))
                            .hint(format!("strings must be quoted: {}", serde_json::Value::from(word))));
                    }
                };
                self.pos += word.len();
                Ok(literal)
            }
            c => Err(Problem::new(start, format!("unexpected {}", show(c)))),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Object<'a>, Problem> {
        let open = self.pos;
        self.pos += 1;
        let unclosed = |p: &Parser<'_>| {
            Problem::new(p.pos, format!("the object opened at {} is not closed", p.position(open)))
                .hint("add the missing `}`")
        };
        let mut properties = Vec::new();
        loop {
            self.skip_blank()?;
            let key_start = self.pos;
            let name = match self.peek() {
                None => return Err(unclosed(self)),
                Some('}') => break,
                Some('"' | '\'') => ObjectPropName::String(self.string()?),
                Some(c) if is_id_start(c) || c == '\\' => ObjectPropName::Word(self.identifier()?),
                Some(',') => {
                    return Err(Problem::new(key_start, "unexpected `,`").hint("remove the extra comma"));
                }
                Some(c) if ends_word(c) => {
                    return Err(Problem::new(key_start, format!("unexpected {}", show(c))));
                }
                Some(_) => return Err(self.bad_key(key_start)),
            };
            if matches!(name, ObjectPropName::Word(_)) && self.peek().is_some_and(|c| !ends_word(c)) {
                // `multi-word`, `a.b`: the name goes on where an identifier cannot.
                return Err(self.bad_key(key_start));
            }
            self.skip_blank()?;
            match self.peek() {
                Some(':') => self.pos += 1,
                None => return Err(unclosed(self)),
                Some(_) => return Err(Problem::new(self.pos, "expected a colon after the key")),
            }
            self.skip_blank()?;
            match self.peek() {
                None => return Err(unclosed(self)),
                Some(',' | '}') => return Err(Problem::new(self.pos, "expected a value after the colon")),
                Some(_) => {}
            }
            let value = self.value(depth + 1)?;
            let value_end = self.pos;
            properties.push(ObjectProp { range: key_start..value_end, name, value });
            self.skip_blank()?;
            match self.peek() {
                Some(',') => self.pos += 1,
                Some('}') => break,
                None => return Err(unclosed(self)),
                Some(c) => return Err(self.missing_comma(c, value_end, '}')),
            }
        }
        self.pos += 1;
        Ok(Object { range: open..self.pos, properties })
    }

    fn array(&mut self, depth: usize) -> Result<Array<'a>, Problem> {
        let open = self.pos;
        self.pos += 1;
        let unclosed = |p: &Parser<'_>| {
            Problem::new(p.pos, format!("the list opened at {} is not closed", p.position(open)))
                .hint("add the missing `]`")
        };
        let mut elements = Vec::new();
        loop {
            self.skip_blank()?;
            match self.peek() {
                None => return Err(unclosed(self)),
                Some(']') => break,
                Some(',') => {
                    return Err(Problem::new(self.pos, "unexpected `,`").hint("remove the extra comma"));
                }
                Some(_) => {}
            }
            elements.push(self.value(depth + 1)?);
            let value_end = self.pos;
            self.skip_blank()?;
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => break,
                None => return Err(unclosed(self)),
                Some(c) => return Err(self.missing_comma(c, value_end, ']')),
            }
        }
        self.pos += 1;
        Ok(Array { range: open..self.pos, elements })
    }

    /// What follows a value in a container is neither `,` nor the closing bracket.
    fn missing_comma(&self, c: char, value_end: usize, close: char) -> Problem {
        let starts_value = matches!(c, '"' | '\'' | '{' | '[' | '+' | '-' | '.' | '\\')
            || c.is_ascii_digit()
            || is_id_start(c);
        if starts_value {
            Problem::new(value_end, "expected a comma after this value")
        } else {
            Problem::new(self.pos, format!("unexpected {}", show(c)))
                .hint(format!("expected `,` or `{close}`"))
        }
    }

    fn bad_key(&self, at: usize) -> Problem {
        let word = self.word_at(at);
        Problem::new(at, format!("`{}` is not a valid unquoted key", word.escape_debug()))
            .hint(format!("quote it: {}", serde_json::Value::from(word)))
    }

    /// An IdentifierName key, `\uXXXX` escapes decoded and checked.
    fn identifier(&mut self) -> Result<StringLit<'a>, Problem> {
        let start = self.pos;
        let mut decoded: Option<String> = None;
        loop {
            let at = self.pos;
            let first = at == start;
            let c = match self.peek() {
                Some('\\') => {
                    let c = self.identifier_escape()?;
                    let ok = if first { is_id_start(c) } else { is_id_continue(c) };
                    if !ok {
                        let written = &self.text[at..self.pos];
                        return Err(Problem::new(
                            at,
                            format!("`{written}` ({}) cannot be part of an unquoted key", show(c)),
                        )
                        .hint("quote the key instead"));
                    }
                    let text = self.text;
                    decoded.get_or_insert_with(|| text[start..at].to_string()).push(c);
                    continue;
                }
                Some(c) if (first && is_id_start(c)) || (!first && is_id_continue(c)) => c,
                _ => break,
            };
            self.pos += c.len_utf8();
            if let Some(d) = decoded.as_mut() {
                d.push(c);
            }
        }
        let value = match decoded {
            Some(s) => Cow::Owned(s),
            None => Cow::Borrowed(&self.text[start..self.pos]),
        };
        Ok(StringLit { range: start..self.pos, value })
    }

    /// `\uXXXX` in an identifier (the only escape allowed there).
    fn identifier_escape(&mut self) -> Result<char, Problem> {
        let at = self.pos;
        self.pos += 1;
        if self.peek() != Some('u') {
            return Err(Problem::new(at, "only a `\\uXXXX` escape can be part of an unquoted key")
                .hint("quote the key instead"));
        }
        self.pos += 1;
        let unit = self
            .hex(4)
            .ok_or_else(|| Problem::new(at, "`\\u` needs four hexadecimal digits (as in `\\u00e9`)"))?;
        // ECMAScript reads each escape as one UTF-16 unit; a surrogate is no identifier character.
        Ok(char::from_u32(unit).unwrap_or('\u{fffd}'))
    }

    /// `n` hexadecimal digits as a number; the position is left after them.
    fn hex(&mut self, n: usize) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + n)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let v = u32::from_str_radix(digits, 16).ok()?;
        self.pos += n;
        Some(v)
    }

    fn string(&mut self) -> Result<StringLit<'a>, Problem> {
        let open = self.pos;
        let quote = self.bump().unwrap_or('"');
        let body = self.pos;
        let mut decoded: Option<String> = None;
        loop {
            let at = self.pos;
            let Some(c) = self.bump() else {
                return Err(Problem::new(
                    self.pos,
                    format!("the string opened at {} is not closed", self.position(open)),
                )
                .hint(format!("add the missing `{quote}`")));
            };
            match c {
                c if c == quote => break,
                '\n' | '\r' => {
                    return Err(Problem::new(
                        at,
                        format!("the string opened at {} is not closed before the end of the line", self.position(open)),
                    )
                    .hint(format!(
                        "close it with `{quote}`; a line break inside a string is written `\\n`, or end the line with `\\` to continue the string"
                    )));
                }
                '\\' => {
                    let escaped = self.escape(at)?;
                    let text = self.text;
                    let out = decoded.get_or_insert_with(|| text[body..at].to_string());
                    out.extend(escaped);
                }
                c => {
                    if let Some(d) = decoded.as_mut() {
                        d.push(c);
                    }
                }
            }
        }
        let value = match decoded {
            Some(s) => Cow::Owned(s),
            None => Cow::Borrowed(&self.text[body..self.pos - quote.len_utf8()]),
        };
        Ok(StringLit { range: open..self.pos, value })
    }

    /// The escape after the `\` at `at`; `None` for a line continuation.
    fn escape(&mut self, at: usize) -> Result<Option<char>, Problem> {
        let Some(c) = self.bump() else {
            return Err(Problem::new(self.pos, "the file ends inside a string escape"));
        };
        let decoded = match c {
            '\n' | '\u{2028}' | '\u{2029}' => return Ok(None),
            '\r' => {
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                return Ok(None);
            }
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => '\0',
            '0'..='9' => {
                return Err(Problem::new(
                    at,
                    format!("`\\{c}` is not an escape in JSON5 (octal escapes are not allowed)"),
                )
                .hint("write `\\u00XX` for a character by its code"));
            }
            'x' => {
                let v = self
                    .hex(2)
                    .ok_or_else(|| Problem::new(at, "`\\x` needs two hexadecimal digits (as in `\\x41`)"))?;
                char::from_u32(v).unwrap_or('\u{fffd}')
            }
            'u' => {
                let unit = self.hex(4).ok_or_else(|| {
                    Problem::new(at, "`\\u` needs four hexadecimal digits (as in `\\u00e9`)")
                })?;
                self.utf16(unit)
            }
            // Any other character stands for itself (`\a` is `a`, `\'` is `'`).
            other => other,
        };
        Ok(Some(decoded))
    }

    /// A `\uXXXX` unit, joined with a following `\uXXXX` low surrogate when it is a high one.
    fn utf16(&mut self, unit: u32) -> char {
        if (0xd800..0xdc00).contains(&unit) && self.text[self.pos..].starts_with("\\u") {
            let save = self.pos;
            self.pos += 2;
            match self.hex(4) {
                Some(low) if (0xdc00..0xe000).contains(&low) => {
                    let c = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                    return char::from_u32(c).unwrap_or('\u{fffd}');
                }
                _ => self.pos = save,
            }
        }
        char::from_u32(unit).unwrap_or('\u{fffd}')
    }

    fn number(&mut self) -> Result<NumberLit<'a>, Problem> {
        let start = self.pos;
        if let Some(sign @ ('+' | '-')) = self.peek() {
            self.pos += 1;
            match self.peek() {
                Some('.' | '0'..='9' | 'I' | 'N') => {}
                _ => {
                    return Err(Problem::new(self.pos, format!("expected a number after `{sign}`")));
                }
            }
        }
        let rest = &self.text[self.pos..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        if rest.starts_with("Infinity") {
            self.pos += "Infinity".len();
        } else if rest.starts_with("NaN") {
            self.pos += "NaN".len();
        } else if rest.starts_with("0x") || rest.starts_with("0X") {
            self.pos += 2;
            let n = self.text[self.pos..].bytes().take_while(u8::is_ascii_hexdigit).count();
            if n == 0 {
                return Err(Problem::new(self.pos, "expected hexadecimal digits after `0x`"));
            }
            self.pos += n;
        } else {
            let int = digits(rest);
            if int > 1 && rest.starts_with('0') {
                return Err(Problem::new(self.pos, "a number cannot start with `0` (octal is not JSON5)")
                    .hint("remove the leading zeros"));
            }
            self.pos += int;
            let mut frac = 0;
            if self.peek() == Some('.') {
                self.pos += 1;
                frac = digits(&self.text[self.pos..]);
                self.pos += frac;
            }
            if int + frac == 0 {
                return Err(Problem::new(start, format!("unexpected `{}`", self.word_at(start))));
            }
            if let Some('e' | 'E') = self.peek() {
                self.pos += 1;
                if let Some('+' | '-') = self.peek() {
                    self.pos += 1;
                }
                let exp = digits(&self.text[self.pos..]);
                if exp == 0 {
                    return Err(Problem::new(self.pos, "expected digits in the exponent"));
                }
                self.pos += exp;
            }
        }
        // ECMAScript: a number must not run straight into an identifier or a digit (`3in`, `0x1g`).
        if let Some(c) = self.peek()
            && (is_id_continue(c) || c == '\\')
        {
            return Err(Problem::new(start, format!("unexpected word `{}`", self.word_at(start)))
                .hint(format!("strings must be quoted: {}", serde_json::Value::from(self.word_at(start)))));
        }
        Ok(NumberLit { range: start..self.pos, value: &self.text[start..self.pos] })
    }
}

/// A number literal's value as JavaScript reads it (every number a double).
pub(crate) fn number_f64(raw: &str) -> f64 {
    let (neg, body) = match raw.as_bytes().first() {
        Some(b'-') => (true, &raw[1..]),
        Some(b'+') => (false, &raw[1..]),
        _ => (false, raw),
    };
    let v = if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        hex.chars().filter_map(|c| c.to_digit(16)).fold(0.0, |acc, d| acc * 16.0 + f64::from(d))
    } else {
        match body {
            "Infinity" => f64::INFINITY,
            "NaN" => f64::NAN,
            _ => body.parse::<f64>().unwrap_or(f64::NAN),
        }
    };
    if neg { -v } else { v }
}

#[cfg(test)]
#[path = "syntax/tests.rs"]
mod tests;
