//! A serde deserializer over the JSON5 syntax tree, so the typed [`super::Config`] is built in
//! one pass that knows where every value came from: a wrong type or enum value becomes an error
//! at the value's `line:col`, an unknown key of a typed section a warning at the key, and every
//! string has its `${VAR}` references expanded (an unset variable is an error at the reference).

use std::cell::RefCell;
use std::fmt;

use super::syntax::{self as ast, ObjectPropName, Value as Ast};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::{Problem, env};

/// What the deserializer shares while it walks the tree.
pub(crate) struct Cx<'t> {
    text: &'t str,
    env: &'t dyn Fn(&str) -> Option<String>,
    warnings: RefCell<Vec<Problem>>,
    unknown: RefCell<Vec<super::UnknownKey>>,
}

impl<'t> Cx<'t> {
    pub(crate) fn new(text: &'t str, env: &'t dyn Fn(&str) -> Option<String>) -> Self {
        Self { text, env, warnings: RefCell::new(Vec::new()), unknown: RefCell::new(Vec::new()) }
    }

    pub(crate) fn into_warnings(self) -> Vec<Problem> {
        self.warnings.into_inner()
    }

    /// The keys no typed section knows, found while deserializing.
    pub(crate) fn unknown_keys(&self) -> Vec<super::UnknownKey> {
        self.unknown.borrow().clone()
    }

    fn expand(&self, lit: &ast::StringLit<'_>) -> Result<String, DeError> {
        env::expand(&lit.value, self.env).map(|s| s.into_owned()).map_err(|e| {
            // Point at the `${` in the file: exact when the literal has no escapes before it.
            let raw = self.text.get(lit.range.start + 1..lit.range.end.saturating_sub(1)).unwrap_or("");
            let at = if raw.get(..e.offset) == lit.value.get(..e.offset) {
                lit.range.start + 1 + e.offset
            } else {
                lit.range.start
            };
            DeError { kind: Kind::Located(Problem::new(at, e.message()).hint(e.hint())), at: Some(at) }
        })
    }
}

/// Deserializes `T` from the tree rooted at `value`.
pub(crate) fn from_ast<'de, T: de::Deserialize<'de>>(value: &Ast<'_>, cx: &Cx<'_>) -> Result<T, DeError> {
    T::deserialize(Node { v: value, cx, path: &Path::Root })
}

/// Where a value sits: `session.reset.atHour`, `agents.jarvis.bindings[2]`.
#[derive(Debug)]
pub(crate) enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                if matches!(parent, Path::Root) {
                    write!(f, "{key}")
                } else if super::path::is_plain_key(key) {
                    write!(f, "{parent}.{key}")
                } else {
                    write!(f, "{parent}[{}]", serde_json::Value::String(key.to_string()))
                }
            }
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// A deserialization error; located at the innermost value it concerns.
#[derive(Debug)]
pub(crate) struct DeError {
    kind: Kind,
    at: Option<usize>,
}

#[derive(Debug)]
enum Kind {
    /// A finished message (from `${VAR}` or after locating).
    Located(Problem),
    Type {
        expected: String,
        found: String,
        /// `found` without the value, for secrets.
        found_kind: String,
    },
    Variant {
        found: String,
        allowed: &'static [&'static str],
    },
    Duplicate(String),
    Custom(String),
}

impl DeError {
    /// Attaches the position and path of the value being deserialized, unless a deeper value
    /// already did.
    fn locate(self, at: usize, path: &Path<'_>) -> Self {
        if matches!(self.kind, Kind::Located(_)) {
            return self;
        }
        let at = self.at.unwrap_or(at);
        let path_ref = path;
        let path = path.to_string();
        let what = if path.is_empty() { "the configuration".to_string() } else { path.clone() };
        let problem = match self.kind {
            Kind::Located(p) => p,
            Kind::Type { expected, mut found, found_kind } => {
                let expected = expected_for(&path).map(str::to_string).unwrap_or(expected);
                if let Path::Key(_, key) = path_ref
                    && super::is_secret_key(key)
                {
                    // Never echo what might be a secret, even of the wrong type.
                    found = found_kind;
                }
                Problem::new(at, format!("{what} must be {expected}, not {found}"))
            }
            Kind::Variant { found, allowed } => {
                let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
                Problem::new(at, format!("{what} must be one of {}, not \"{found}\"", list.join(", ")))
            }
            Kind::Duplicate(key) => {
                let place = if path.is_empty() { String::new() } else { format!(" in {path}") };
                Problem::new(at, format!("duplicate key \"{key}\"{place}"))
                    .hint("remove one of them; only one value can count")
            }
            Kind::Custom(msg) => Problem::new(at, format!("{what}: {msg}")),
        };
        DeError { kind: Kind::Located(problem), at: Some(at) }
    }

    /// The problem, located at the top of the file when nothing located it.
    pub(crate) fn into_located(self) -> Problem {
        match self.locate(0, &Path::Root).kind {
            Kind::Located(p) => p,
            _ => Problem::new(0, "invalid configuration"),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Located(p) => f.write_str(&p.message),
            Kind::Type { expected, found, .. } => write!(f, "expected {expected}, found {found}"),
            Kind::Variant { found, .. } => write!(f, "unknown value {found:?}"),
            Kind::Duplicate(k) => write!(f, "duplicate key {k:?}"),
            Kind::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { kind: Kind::Custom(msg.to_string()), at: None }
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        let kind = Kind::Type {
            expected: describe_expected(exp),
            found: describe(unexp),
            found_kind: describe_kind(unexp),
        };
        DeError { kind, at: None }
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::invalid_type(unexp, exp)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError { kind: Kind::Variant { found: variant.to_string(), allowed: expected }, at: None }
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError { kind: Kind::Duplicate(field.to_string()), at: None }
    }
}

/// Per-key wording where the type alone says too little.
fn expected_for(path: &str) -> Option<&'static str> {
    if path.ends_with("reset.atHour") {
        Some("an hour from 0 to 23")
    } else if path.ends_with("reset.idleMinutes") {
        Some("a whole number of minutes (0 turns idle reset off)")
    } else {
        None
    }
}

fn describe_expected(exp: &dyn de::Expected) -> String {
    let s = exp.to_string();
    match s.as_str() {
        "u8" => "a whole number from 0 to 255".into(),
        "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list".into(),
        "a map" => "an object".into(),
        "a string" | "a borrowed string" => "a string".into(),
        _ if s.starts_with("struct ") => "an object".into(),
        _ => s,
    }
}

fn describe(unexp: Unexpected<'_>) -> String {
    match unexp {
        Unexpected::Bool(b) => b.to_string(),
        Unexpected::Unsigned(n) => n.to_string(),
        Unexpected::Signed(n) => n.to_string(),
        Unexpected::Float(n) => n.to_string(),
        Unexpected::Str(s) => format!("the string {}", serde_json::Value::String(s.to_string())),
        Unexpected::Char(c) => format!("the string \"{c}\""),
        Unexpected::Unit | Unexpected::Option => "null".into(),
        Unexpected::Seq => "a list".into(),
        Unexpected::Map => "an object".into(),
        other => other.to_string(),
    }
}

/// What kind of value it was, without the value itself.
fn describe_kind(unexp: Unexpected<'_>) -> String {
    match unexp {
        Unexpected::Bool(_) => "true or false".into(),
        Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "a number".into(),
        Unexpected::Str(_) | Unexpected::Char(_) => "a string".into(),
        other => describe(other),
    }
}

fn unexpected<'a>(v: &'a Ast<'_>) -> Unexpected<'a> {
    match v {
        Ast::StringLit(s) => Unexpected::Str(&s.value),
        Ast::NumberLit(n) => match parse_number(n.value) {
            Number::U(u) => Unexpected::Unsigned(u),
            Number::I(i) => Unexpected::Signed(i),
            Number::F(f) => Unexpected::Float(f),
        },
        Ast::BooleanLit(b) => Unexpected::Bool(b.value),
        Ast::NullKeyword(_) => Unexpected::Unit,
        Ast::Array(_) => Unexpected::Seq,
        Ast::Object(_) => Unexpected::Map,
    }
}

pub(crate) fn start(v: &Ast<'_>) -> usize {
    v.range().start
}

pub(crate) fn end(v: &Ast<'_>) -> usize {
    v.range().end
}

pub(crate) fn key_start(name: &ObjectPropName<'_>) -> usize {
    name.start()
}

/// A number literal's value: a whole number when it is one that fits, otherwise a double.
pub(crate) enum Number {
    U(u64),
    I(i64),
    F(f64),
}

/// Reads a JSON5 number literal: decimal, hexadecimal, a leading `+`, `.5`, `Infinity`, `NaN`.
pub(crate) fn parse_number(raw: &str) -> Number {
    let (neg, body) = match raw.as_bytes().first() {
        Some(b'-') => (true, &raw[1..]),
        Some(b'+') => (false, &raw[1..]),
        _ => (false, raw),
    };
    let whole = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) => body.parse::<u64>().ok(),
        None => None,
    };
    match (whole, neg) {
        (Some(u), false) => Number::U(u),
        (Some(u), true) if u <= i64::MAX as u64 + 1 => Number::I((u as i128).wrapping_neg() as i64),
        _ => Number::F(super::syntax::number_f64(raw)),
    }
}

/// One value of the tree, with where it is.
struct Node<'a, 'p> {
    v: &'p Ast<'a>,
    cx: &'p Cx<'p>,
    path: &'p Path<'p>,
}

impl<'a, 'p> Node<'a, 'p> {
    fn fail(&self, e: DeError) -> DeError {
        e.locate(start(self.v), self.path)
    }
}

impl<'de, 'a, 'p> de::Deserializer<'de> for Node<'a, 'p> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match self.v {
            Ast::StringLit(s) => visitor.visit_string(self.cx.expand(s)?),
            Ast::NumberLit(n) => match parse_number(n.value) {
                Number::U(u) => visitor.visit_u64(u),
                Number::I(i) => visitor.visit_i64(i),
                Number::F(f) => visitor.visit_f64(f),
            },
            Ast::BooleanLit(b) => visitor.visit_bool(b.value),
            Ast::NullKeyword(_) => visitor.visit_unit(),
            Ast::Array(a) => {
                visitor.visit_seq(Seq { items: &a.elements, i: 0, cx: self.cx, path: self.path })
            }
            Ast::Object(o) => {
                let props: Vec<&ast::ObjectProp<'a>> = o.properties.iter().collect();
                visit_object(visitor, props, self.cx, self.path)
            }
        };
        r.map_err(|e| self.fail(e))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.v {
            Ast::NullKeyword(_) => visitor.visit_none().map_err(|e| self.fail(e)),
            _ => {
                let (at, path) = (start(self.v), self.path);
                visitor.visit_some(self).map_err(|e| e.locate(at, path))
            }
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let r = match self.v {
            Ast::StringLit(s) => {
                let value = self.cx.expand(s)?;
                visitor.visit_enum(value.into_deserializer())
            }
            other => {
                let list: Vec<String> = variants.iter().map(|a| format!("\"{a}\"")).collect();
                let found = unexpected(other);
                let expected = format!("one of {}", list.join(", "));
                Err(DeError {
                    kind: Kind::Type { expected, found: describe(found), found_kind: describe_kind(found) },
                    at: None,
                })
            }
        };
        r.map_err(|e| self.fail(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let Ast::Object(o) = self.v else {
            let e = de::Error::invalid_type(unexpected(self.v), &"an object");
            return Err(self.fail(e));
        };
        let mut known = Vec::with_capacity(o.properties.len());
        for prop in &o.properties {
            let key = prop.name.as_str();
            if fields.contains(&key) {
                known.push(prop);
            } else {
                self.cx.warnings.borrow_mut().push(unknown_key(
                    key,
                    key_start(&prop.name),
                    self.path,
                    fields,
                ));
                let full = |k: &str| Path::Key(self.path, k).to_string();
                self.cx
                    .unknown
                    .borrow_mut()
                    .push(super::UnknownKey { path: full(key), closest: closest(key, fields).map(full) });
            }
        }
        visit_object(visitor, known, self.cx, self.path).map_err(|e| self.fail(e))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (at, path) = (start(self.v), self.path);
        visitor.visit_newtype_struct(self).map_err(|e| e.locate(at, path))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

fn unknown_key(key: &str, at: usize, path: &Path<'_>, fields: &[&str]) -> Problem {
    let place = match path {
        Path::Root => String::new(),
        p => format!(" in {p}"),
    };
    let mut message = format!("unknown key \"{key}\"{place}");
    if matches!(path, Path::Root) && key == "bindings" {
        message.push_str(" (bindings belong under agents.<id>.bindings)");
    } else if let Some(close) = closest(key, fields) {
        message.push_str(&format!(" (did you mean \"{close}\"?)"));
    }
    Problem::new(at, message)
}

/// The field a misspelled key most likely meant, if any is close.
pub(crate) fn closest<'f>(key: &str, fields: &[&'f str]) -> Option<&'f str> {
    let lower = key.to_ascii_lowercase();
    fields
        .iter()
        .map(|f| (edit_distance(&lower, &f.to_ascii_lowercase()), *f))
        .filter(|(d, f)| *d <= 2.max(f.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn visit_object<'de, 'a, 'p, V: Visitor<'de>>(
    visitor: V,
    props: Vec<&'p ast::ObjectProp<'a>>,
    cx: &'p Cx<'p>,
    path: &'p Path<'p>,
) -> Result<V::Value, DeError> {
    let mut map = Map { props, i: 0, cx, path };
    match visitor.visit_map(&mut map) {
        Ok(v) => Ok(v),
        // serde reports a duplicate after reading it: point at the second key.
        Err(e) if matches!(e.kind, Kind::Duplicate(_)) => {
            let at = map.last_key();
            Err(DeError { at, ..e }.locate(at.unwrap_or(0), path))
        }
        Err(e) => Err(e),
    }
}

struct Map<'a, 'p> {
    props: Vec<&'p ast::ObjectProp<'a>>,
    i: usize,
    cx: &'p Cx<'p>,
    path: &'p Path<'p>,
}

impl Map<'_, '_> {
    fn last_key(&self) -> Option<usize> {
        self.i.checked_sub(1).and_then(|i| self.props.get(i)).map(|p| key_start(&p.name))
    }
}

impl<'de> MapAccess<'de> for Map<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some(prop) = self.props.get(self.i) else { return Ok(None) };
        self.i += 1;
        let key: String = prop.name.as_str().to_string();
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(prop) = self.i.checked_sub(1).and_then(|i| self.props.get(i)) else {
            return Err(de::Error::custom("value without a key"));
        };
        let path = Path::Key(self.path, prop.name.as_str());
        seed.deserialize(Node { v: &prop.value, cx: self.cx, path: &path })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.props.len() - self.i)
    }
}

struct Seq<'a, 'p> {
    items: &'p [Ast<'a>],
    i: usize,
    cx: &'p Cx<'p>,
    path: &'p Path<'p>,
}

impl<'de> SeqAccess<'de> for Seq<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(item) = self.items.get(self.i) else { return Ok(None) };
        let path = Path::Index(self.path, self.i);
        self.i += 1;
        seed.deserialize(Node { v: item, cx: self.cx, path: &path }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(closest("dmScop", &["dmScope", "reset", "resetTriggers"]), Some("dmScope"));
        assert_eq!(closest("DMSCOPE", &["dmScope", "reset"]), Some("dmScope"));
        assert_eq!(closest("banana", &["dmScope", "reset"]), None);
    }
}
