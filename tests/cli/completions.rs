use crate::harness::Env;

#[test]
fn completions_print_a_script_for_each_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = env.ok(&["completions", shell]);
        assert!(out.contains("openclaw"), "{shell}: {out}");
    }
    let err = env.fails(&["completions", "tcsh"], 2);
    assert!(err.contains("tcsh"), "{err}");
}
