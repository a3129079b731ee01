//! The names MCP tools get: `<server>__<tool>`, every character outside `A-Za-z0-9_-` replaced
//! by `-`, at most 64 characters (what OpenAI and Anthropic accept). Two tools that end up with
//! the same name are told apart by a `-2`, `-3`, … suffix, in the order they are given (servers in
//! file order, tools in the server's order), so a name never changes between turns while the
//! lists do not, and prompt caches hold.

/// Longest tool name providers accept.
pub const MAX_LEN: usize = 64;

/// `<server>__<tool>`, sanitized and cut to [`MAX_LEN`].
pub fn tool_name(server: &str, tool: &str) -> String {
    let raw = format!("{server}__{tool}");
    let mut name: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' })
        .collect();
    name.truncate(MAX_LEN);
    name
}

/// Names for `(server, tool)` pairs, in order, unique among themselves and distinct from `taken`.
pub fn assign(pairs: &[(&str, &str)], taken: &[&str]) -> Vec<String> {
    let mut used: Vec<String> = taken.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::with_capacity(pairs.len());
    for (server, tool) in pairs {
        let base = tool_name(server, tool);
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name) {
            let suffix = format!("-{n}");
            let mut stem = base.clone();
            stem.truncate(MAX_LEN - suffix.len());
            name = format!("{stem}{suffix}");
            n += 1;
        }
        used.push(name.clone());
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitized_and_bounded() {
        assert_eq!(tool_name("files", "read_file"), "files__read_file");
        assert_eq!(tool_name("my.server", "get weather/now"), "my-server__get-weather-now");
        assert_eq!(tool_name("ü", "ß"), "-__-");
        let long = tool_name("s", &"x".repeat(100));
        assert_eq!(long.len(), MAX_LEN);
        assert!(long.starts_with("s__xxx"));
    }

    #[test]
    fn collisions_get_suffixes_in_order() {
        let names = assign(&[("a.b", "t"), ("a-b", "t"), ("a b", "t"), ("c", "t")], &["exec"]);
        assert_eq!(names, ["a-b__t", "a-b__t-2", "a-b__t-3", "c__t"]);
        let long = "y".repeat(80);
        let names = assign(&[("s", &long), ("s", &long)], &[]);
        assert_eq!(names[0].len(), MAX_LEN);
        assert_eq!(names[1].len(), MAX_LEN);
        assert!(names[1].ends_with("-2"));
        assert_ne!(names[0], names[1]);
    }

    #[test]
    fn stable_for_the_same_input() {
        let pairs = [("x", "a"), ("x", "a"), ("y", "b")];
        assert_eq!(assign(&pairs, &[]), assign(&pairs, &[]));
    }
}
