//! Key paths such as `session.reset.atHour`, `agents.jarvis.bindings[0].peer` or
//! `channels.discord.accounts["bot.id"]`, as `config get/set` take them. List indices are 0-based
//! (like jq); a plain numeric segment (`bindings.0`) is an index when it meets a list.

use std::fmt;

/// One step of a [`KeyPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    /// An object key.
    Key(String),
    /// A list index, 0-based.
    Index(usize),
}

impl PathSeg {
    /// The list index this step means when it meets a list.
    pub fn as_index(&self) -> Option<usize> {
        match self {
            PathSeg::Index(i) => Some(*i),
            PathSeg::Key(k) => k.parse().ok(),
        }
    }
}

/// A parsed key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPath(pub Vec<PathSeg>);

/// A key that can be written without quotes in a path: letters, digits, `_` and `-`.
pub(crate) fn is_plain_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl KeyPath {
    /// Parses `a.b[0]["c.d"]`; `None` describes nothing wrong, so errors are a sentence.
    pub fn parse(input: &str) -> Result<KeyPath, String> {
        let bad = |why: &str| format!("invalid key path \"{input}\": {why}");
        let mut segs = Vec::new();
        let mut rest = input.trim();
        if rest.is_empty() {
            return Err(bad("it is empty"));
        }
        let mut expect_key = true;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let body = after.trim_start();
                if body.starts_with('"') {
                    // A JSON string may hold `]` and escaped quotes: read it whole.
                    let mut strings = serde_json::Deserializer::from_str(body).into_iter::<String>();
                    let key = strings
                        .next()
                        .and_then(Result::ok)
                        .ok_or_else(|| bad("write [N] for an index or [\"key\"] for a key"))?;
                    let tail = body[strings.byte_offset()..].trim_start();
                    rest = tail.strip_prefix(']').ok_or_else(|| bad("a `[` is not closed"))?;
                    segs.push(PathSeg::Key(key));
                    expect_key = false;
                    continue;
                }
                let close = after.find(']').ok_or_else(|| bad("a `[` is not closed"))?;
                let inner = after[..close].trim();
                if let Ok(i) = inner.parse::<usize>() {
                    segs.push(PathSeg::Index(i));
                } else {
                    let key: String = serde_json::from_str(inner)
                        .or_else(|_| {
                            inner
                                .strip_prefix('\'')
                                .and_then(|s| s.strip_suffix('\''))
                                .map(str::to_string)
                                .ok_or(())
                        })
                        .map_err(|_| bad("write [N] for an index or [\"key\"] for a key"))?;
                    segs.push(PathSeg::Key(key));
                }
                rest = &after[close + 1..];
                expect_key = false;
            } else if let Some(after) = rest.strip_prefix('.') {
                if expect_key {
                    return Err(bad("a key is empty"));
                }
                rest = after;
                expect_key = true;
            } else {
                if !expect_key {
                    return Err(bad("expected `.` or `[` between keys"));
                }
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                segs.push(PathSeg::Key(rest[..end].to_string()));
                rest = &rest[end..];
                expect_key = false;
            }
        }
        if expect_key {
            return Err(bad("it ends with `.`"));
        }
        Ok(KeyPath(segs))
    }

    /// The value at this path, if there is one.
    pub fn get<'v>(&self, root: &'v serde_json::Value) -> Option<&'v serde_json::Value> {
        let mut cur = root;
        for seg in &self.0 {
            cur = match (cur, seg) {
                (serde_json::Value::Object(map), PathSeg::Key(k)) => map.get(k)?,
                (serde_json::Value::Array(items), seg) => items.get(seg.as_index()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// The longest prefix of this path that exists in `root`, and the keys available there.
    pub fn nearest(&self, root: &serde_json::Value) -> (KeyPath, Vec<String>) {
        let mut found = Vec::new();
        let mut cur = root;
        for seg in &self.0 {
            let next = match (cur, seg) {
                (serde_json::Value::Object(map), PathSeg::Key(k)) => map.get(k),
                (serde_json::Value::Array(items), seg) => seg.as_index().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(n) => {
                    found.push(seg.clone());
                    cur = n;
                }
                None => break,
            }
        }
        let keys = match cur {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            _ => Vec::new(),
        };
        (KeyPath(found), keys)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if is_plain_key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                PathSeg::Key(k) => write!(f, "[{}]", serde_json::Value::String(k.clone()))?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(k: &str) -> PathSeg {
        PathSeg::Key(k.into())
    }

    #[test]
    fn parses_dots_indices_and_quoted_keys() {
        assert_eq!(
            KeyPath::parse("session.reset.atHour").unwrap().0,
            vec![key("session"), key("reset"), key("atHour")]
        );
        assert_eq!(
            KeyPath::parse("agents.jarvis.bindings[2].peer").unwrap().0,
            vec![key("agents"), key("jarvis"), key("bindings"), PathSeg::Index(2), key("peer")]
        );
        assert_eq!(KeyPath::parse(r#"a["b.c"]"#).unwrap().0, vec![key("a"), key("b.c")]);
        let odd = KeyPath::parse(r#"a[ "x]\"y" ].b"#).unwrap();
        assert_eq!(odd.0, vec![key("a"), key("x]\"y"), key("b")]);
        assert_eq!(KeyPath::parse(&odd.to_string()).unwrap(), odd);
        for bad in ["", "a..b", "a.", ".a", "a[1", "a[x]", "a[0]b", r#"a["x"#, r#"a["x"y]"#] {
            assert!(KeyPath::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn gets_and_displays() {
        let v = json!({"a": {"b.c": [10, {"d": true}]}});
        let p = KeyPath::parse(r#"a["b.c"][1].d"#).unwrap();
        assert_eq!(p.get(&v), Some(&json!(true)));
        assert_eq!(KeyPath::parse("a.b\\.c").unwrap().get(&v), None);
        assert_eq!(KeyPath::parse(r#"a["b.c"].0"#).unwrap().get(&v), Some(&json!(10)));
        assert_eq!(p.to_string(), r#"a["b.c"][1].d"#);
        let (near, keys) = KeyPath::parse("a.x.y").unwrap().nearest(&v);
        assert_eq!((near.to_string(), keys), ("a".to_string(), vec!["b.c".to_string()]));
    }
}
