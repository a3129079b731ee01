//! `${VAR}` substitution in config strings: `${NAME}` is replaced by the variable's value,
//! `$${` writes a literal `${`, and any other `$` is kept as is.

use std::borrow::Cow;

/// Why a string could not be expanded; `offset` is a byte offset into the string value.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct EnvError {
    pub offset: usize,
    pub kind: EnvErrorKind,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum EnvErrorKind {
    /// `${NAME}` with NAME unset.
    Missing(String),
    /// `${` without a closing `}`.
    Unterminated,
    /// `${…}` whose content is not a variable name.
    BadName(String),
}

impl EnvError {
    pub(crate) fn message(&self) -> String {
        match &self.kind {
            EnvErrorKind::Missing(name) => format!("environment variable {name} is not set"),
            EnvErrorKind::Unterminated => "`${` without a closing `}`".to_string(),
            EnvErrorKind::BadName(name) => {
                format!("`${{{name}}}` is not a valid environment variable name")
            }
        }
    }

    pub(crate) fn hint(&self) -> String {
        match &self.kind {
            EnvErrorKind::Missing(name) => {
                format!("export {name}=… before starting openclaw, or write $${{ for a literal ${{")
            }
            _ => "names are letters, digits and `_`; write $${ for a literal ${".to_string(),
        }
    }
}

/// Expands `${NAME}` references in `s` through `lookup`.
pub(crate) fn expand<'s>(
    s: &'s str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Cow<'s, str>, EnvError> {
    if !s.contains('$') {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut offset = 0;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("$${") {
            out.push_str("${");
            rest = after;
            offset += i + 3;
        } else if let Some(body) = tail.strip_prefix("${") {
            let at = offset + i;
            let end = body.find('}').ok_or(EnvError { offset: at, kind: EnvErrorKind::Unterminated })?;
            let name = &body[..end];
            if !is_var_name(name) {
                return Err(EnvError { offset: at, kind: EnvErrorKind::BadName(name.to_string()) });
            }
            let value =
                lookup(name).ok_or(EnvError { offset: at, kind: EnvErrorKind::Missing(name.to_string()) })?;
            out.push_str(&value);
            rest = &body[end + 1..];
            offset += i + 2 + end + 1;
        } else {
            out.push('$');
            rest = &tail[1..];
            offset += i + 1;
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

fn is_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "TOKEN" => Some("t0k".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn expands_and_escapes() {
        assert_eq!(expand("plain", &env).unwrap(), "plain");
        assert_eq!(expand("${TOKEN}", &env).unwrap(), "t0k");
        assert_eq!(expand("a-${TOKEN}-${TOKEN}.", &env).unwrap(), "a-t0k-t0k.");
        assert_eq!(expand("x${EMPTY}y", &env).unwrap(), "xy");
        assert_eq!(expand("$${TOKEN}", &env).unwrap(), "${TOKEN}");
        assert_eq!(expand("pa$$word $5 $", &env).unwrap(), "pa$$word $5 $");
    }

    #[test]
    fn errors_point_at_the_reference() {
        let e = expand("abc ${NOPE} ${TOKEN}", &env).unwrap_err();
        assert_eq!(e, EnvError { offset: 4, kind: EnvErrorKind::Missing("NOPE".into()) });
        assert_eq!(e.message(), "environment variable NOPE is not set");
        assert_eq!(expand("${TOKEN}${OPEN", &env).unwrap_err().offset, 8);
        assert_eq!(expand("${TOKEN}${OPEN", &env).unwrap_err().kind, EnvErrorKind::Unterminated);
        assert_eq!(expand("${1X}", &env).unwrap_err().kind, EnvErrorKind::BadName("1X".into()));
    }
}
