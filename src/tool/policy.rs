//! `tools.allow` / `tools.deny`: globs over tool names. Deny wins; an empty allow list allows all.

use globset::{Glob, GlobSet, GlobSetBuilder};

/// A glob in `tools.allow`, `tools.deny` or `tools.exec.allowlist` that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("{key}: bad glob \"{glob}\": {message}")]
pub struct PolicyError {
    /// The config key, e.g. `tools.deny`.
    pub key: &'static str,
    /// The pattern at fault.
    pub glob: String,
    /// Why.
    pub message: String,
}

/// Compiled allow/deny lists.
#[derive(Debug, Clone)]
pub struct ToolPolicy {
    allow: Option<GlobSet>,
    deny: GlobSet,
}

impl ToolPolicy {
    /// Compiles the two lists; an empty `allow` means every tool.
    pub fn new(allow: &[String], deny: &[String]) -> Result<Self, PolicyError> {
        let allow = if allow.is_empty() { None } else { Some(compile("tools.allow", allow)?) };
        Ok(Self { allow, deny: compile("tools.deny", deny)? })
    }

    /// Whether the agent may use the tool called `name`.
    pub fn allows(&self, name: &str) -> bool {
        !self.deny.is_match(name) && self.allow.as_ref().is_none_or(|a| a.is_match(name))
    }
}

/// Compiles globs where `*` matches any characters (including `/` and spaces, so `git *` matches
/// `git log -p src/main.rs`).
pub(crate) fn compile(key: &'static str, globs: &[String]) -> Result<GlobSet, PolicyError> {
    let mut set = GlobSetBuilder::new();
    for g in globs {
        let glob =
            Glob::new(g).map_err(|e| PolicyError { key, glob: g.clone(), message: e.kind().to_string() })?;
        set.add(glob);
    }
    set.build().map_err(|e| PolicyError { key, glob: globs.join(", "), message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(allow: &[&str], deny: &[&str]) -> ToolPolicy {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        ToolPolicy::new(&s(allow), &s(deny)).unwrap()
    }

    #[test]
    fn empty_allow_is_everything_and_deny_wins() {
        assert!(p(&[], &[]).allows("exec"));
        assert!(!p(&[], &["exec"]).allows("exec"));
        let policy = p(&["read", "memory_*"], &["memory_append"]);
        assert!(policy.allows("read"));
        assert!(policy.allows("memory_search"));
        assert!(!policy.allows("memory_append"));
        assert!(!policy.allows("write"));
        assert!(!policy.allows("readx"), "globs match whole names");
    }

    #[test]
    fn bad_glob_names_the_key() {
        let err = ToolPolicy::new(&[], &["a[".into()]).unwrap_err();
        assert!(err.to_string().starts_with("tools.deny: bad glob \"a[\""), "{err}");
    }
}
