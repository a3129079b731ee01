use jiff::civil::date;

use super::*;

fn home_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Home) {
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    std::fs::create_dir_all(home.daily_memory_dir("main")).unwrap();
    for (rel, text) in files {
        std::fs::write(home.workspace("main").join(rel), text).unwrap();
    }
    (dir, home)
}

fn find(home: &Home, query: &str, today: Option<Date>) -> Vec<(String, usize, usize)> {
    let opts = SearchOptions { max_results: 10, today };
    search(home, "main", query, &opts)
        .unwrap()
        .into_iter()
        .map(|h| (h.path, h.start_line, h.end_line))
        .collect()
}

fn hit(path: &str, start: usize, end: usize) -> (String, usize, usize) {
    (path.to_string(), start, end)
}

#[test]
fn tokens_are_lower_case_alphanumeric_runs_without_plural_s() {
    let mut got = Vec::new();
    for_each_token("Jonas' MEETINGS at 14:03, café-Straße; bus class Ümlaut", &mut String::new(), |t| {
        got.push(t.to_string())
    });
    assert_eq!(got, ["jona", "meeting", "at", "14", "03", "café", "straße", "bus", "class", "ümlaut"]);
    assert_eq!(query_terms("the dentist and THE Dentists"), ["dentist"]);
    assert_eq!(query_terms("what is this"), ["what", "is", "this"]);
    assert_eq!(query_terms("What does Ana drink?"), ["ana", "drink"]);
    assert!(query_terms(" -- !! ").is_empty());
}

#[test]
fn chunks_follow_markdown_blocks() {
    let text = "# 2026-11-23\n\n## Morning\n- 09:00 one\n  more of one\n- 09:05 two\n\nA paragraph\nwrapped.\n\r\n1. first\n2) second\n";
    let got: Vec<(usize, usize, &str)> =
        chunks(text.as_bytes()).into_iter().map(|c| (c.start_line, c.end_line, &text[c.bytes])).collect();
    assert_eq!(
        got,
        [
            (1, 1, "# 2026-11-23"),
            (3, 3, "## Morning"),
            (4, 5, "- 09:00 one\n  more of one"),
            (6, 6, "- 09:05 two"),
            (8, 9, "A paragraph\nwrapped."),
            (11, 11, "1. first"),
            (12, 12, "2) second"),
        ]
    );
}

#[test]
fn long_paragraphs_are_split() {
    let text = "word\n".repeat(40);
    let got: Vec<(usize, usize)> =
        chunks(text.as_bytes()).iter().map(|c| (c.start_line, c.end_line)).collect();
    assert_eq!(got, [(1, 15), (16, 30), (31, 40)]);
}

#[test]
fn more_and_rarer_matches_rank_first() {
    let (_d, home) = home_with(&[
        ("MEMORY.md", "# Memory\n\n- Ana likes tea\n- Jonas likes coffee\n"),
        (
            "memory/2026-11-01.md",
            "# 2026-11-01\n\n- 09:00 tea with Jonas\n- 10:00 the dentist called about Jonas's dentist appointment\n- 11:00 tea\n",
        ),
        (
            "memory/2026-11-02.md",
            "# 2026-11-02\n\n- 08:00 tea again\n- 09:00 Zanzibar trip booked, tea on the plane\n",
        ),
    ]);
    // "zanzibar" occurs once in all memory, "tea" everywhere: the rare term decides.
    assert_eq!(find(&home, "tea zanzibar", None)[0], hit("memory/2026-11-02.md", 4, 4));
    // Two mentions beat one.
    assert_eq!(find(&home, "dentist", None), [hit("memory/2026-11-01.md", 4, 4)]);
    // Every chunk with the word is found, and only those.
    assert_eq!(find(&home, "Jonas", None).len(), 3);
    assert!(find(&home, "nowhere", None).is_empty());
}

#[test]
fn recency_breaks_near_ties_toward_newer_logs() {
    let (_d, home) = home_with(&[
        ("memory/2025-06-01.md", "- 09:00 call the plumber\n"),
        ("memory/2026-11-20.md", "- 09:00 call the plumber\n"),
        ("memory/notes.md", "- 09:00 call the plumber\n"),
    ]);
    let today = Some(date(2026, 11, 24));
    assert_eq!(
        find(&home, "plumber", today),
        [hit("memory/2026-11-20.md", 1, 1), hit("memory/2025-06-01.md", 1, 1), hit("memory/notes.md", 1, 1)]
    );
    // Without a date, equal text ties: the newer file still comes first, then by path.
    assert_eq!(find(&home, "plumber", None)[0], hit("memory/2026-11-20.md", 1, 1));
    let opts = SearchOptions { max_results: 3, today };
    let scores: Vec<f64> = search(&home, "main", "plumber", &opts).unwrap().iter().map(|h| h.score).collect();
    assert!(scores[0] > scores[1] && scores[1] > scores[2], "{scores:?}");
    assert!(scores[0] / scores[2] < 1.25, "the boost stays small: {scores:?}");
}

#[test]
fn hits_carry_line_ranges_and_snippets() {
    let (_d, home) = home_with(&[(
        "MEMORY.md",
        "# Memory\n\n## People\n\n- Ana: prefers tea,\n  allergic to   peanuts\n- Jonas: coffee\n",
    )]);
    let hits = search(&home, "main", "peanut allergy", &SearchOptions::default()).unwrap();
    assert_eq!(
        hits,
        [SearchHit {
            path: "MEMORY.md".into(),
            start_line: 5,
            end_line: 6,
            score: hits[0].score,
            snippet: "- Ana: prefers tea, allergic to peanuts".into(),
        }]
    );
    let text = std::fs::read_to_string(home.long_memory("main")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[4].contains("Ana") && lines[5].contains("peanuts"));
}

#[test]
fn snippets_are_cut_on_a_char_boundary() {
    let long = "é".repeat(300);
    let s = snippet(long.as_bytes());
    assert!(s.ends_with('…') && s.len() <= SNIPPET_BYTES + '…'.len_utf8());
    let s = snippet(format!("short words {}", "x".repeat(500)).as_bytes());
    assert!(s.starts_with("short words xxx") && s.ends_with('…'), "{s}");
}

#[test]
fn results_follow_file_changes() {
    let (_d, home) = home_with(&[("memory/2026-11-20.md", "- 09:00 nothing yet\n")]);
    assert!(find(&home, "kayak", None).is_empty());
    std::fs::write(
        home.workspace("main").join("memory/2026-11-20.md"),
        "- 09:00 nothing yet\n- 10:00 bought a kayak\n",
    )
    .unwrap();
    assert_eq!(find(&home, "kayak", None), [hit("memory/2026-11-20.md", 2, 2)]);
}

#[test]
fn errors() {
    let (_d, home) = home_with(&[]);
    let err = search(&home, "main", "?!", &SearchOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "nothing to search for: the query \"?!\" holds no words");
    assert!(search(&home, "main", "x", &SearchOptions { max_results: 0, today: None }).unwrap().is_empty());
}

#[test]
fn many_files_are_searched_in_parallel_with_the_same_result() {
    let files: Vec<(String, String)> = (1..=60)
        .map(|d| (format!("memory/2026-01-{:02}.md", (d % 28) + 1), format!("- a{d}\n- marker {d}\n")))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (_d, home) = home_with(&refs);
    let all = find(&home, "marker", None);
    assert_eq!(all.len(), 10);
    assert!(all.iter().all(|h| h.1 == 2));
}

/// The fast path (look only where the regex matched) counts exactly what tokenizing every chunk
/// counts.
fn counts(text: &str, terms: &[String], regex: bool) -> Vec<(usize, Vec<u32>)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.md");
    std::fs::write(&path, text).unwrap();
    let files = [MemoryFile { rel: "x.md".into(), path, date: None }];
    let matcher = if regex { prefilter(terms) } else { None };
    let mut scan = Scan::default();
    scan_file(&mut scan, &files, 0, terms, matcher.as_ref()).unwrap();
    scan.found.into_iter().map(|f| (f.start_line, f.tf)).collect()
}

proptest::proptest! {
    #[test]
    fn fast_path_counts_like_the_tokenizer(
        words in proptest::collection::vec("(tea|Teas|TEA|steam|teatime|é|Éclair|éclairs|ss|Class|\\n|\\n\\n|- |# |, |[a-z]{1,3})", 0..60),
        query in "(tea|éclair|class|steam)( (tea|éclair|class|steam)){0,2}",
    ) {
        let text = words.join(" ");
        let terms = query_terms(&query);
        proptest::prop_assert_eq!(counts(&text, &terms, true), counts(&text, &terms, false));
    }
}
