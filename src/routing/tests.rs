use proptest::prelude::*;

use super::*;
use crate::config::AgentConfig;

fn binding(channel: &str, account: Option<&str>, peer: Option<&str>, group: Option<&str>) -> Binding {
    Binding {
        channel: channel.into(),
        account_id: account.map(Into::into),
        peer: peer.map(Into::into),
        group: group.map(Into::into),
    }
}

fn config(agents: &[(&str, Vec<Binding>)]) -> Config {
    let mut c = Config::default();
    for (id, bindings) in agents {
        c.agents.insert((*id).into(), AgentConfig { bindings: bindings.clone(), ..AgentConfig::default() });
    }
    c
}

fn dm<'a>(channel: &'a str, peer: &'a str) -> Inbound<'a> {
    Inbound { channel, peer: Some(Peer { id: peer, name: None, handle: None }), ..Inbound::default() }
}

/// The DESIGN §3 example.
fn design() -> Config {
    config(&[
        ("main", vec![]),
        (
            "jarvis",
            vec![
                binding("whatsapp", Some("31612345678"), None, None),
                binding("discord", Some("bot-token-id"), None, None),
                binding("telegram", None, Some("jonas_*"), None),
            ],
        ),
    ])
}

fn winner(r: &Route<'_>) -> Option<(String, usize)> {
    r.matched.map(|m| (m.agent.to_string(), m.n))
}

#[test]
fn design_example_routes() {
    let router = Router::new(&design()).unwrap();
    let r = router.route(&dm("telegram", "jonas_k"));
    assert_eq!(r.agent, "jarvis");
    assert_eq!(winner(&r), Some(("jarvis".into(), 3)));
    assert_eq!(r.session_key.unwrap().to_string(), "agent:jarvis:telegram:peer:jonas_k");

    let r = router.route(&dm("telegram", "anna"));
    assert_eq!((r.agent, r.matched), ("main", None));
    assert_eq!(r.reason(), "no binding matched; defaultAgent main");

    let wa = Inbound { account_id: Some("31612345678"), ..dm("WhatsApp", "316") };
    let r = router.route(&wa);
    assert_eq!(winner(&r), Some(("jarvis".into(), 1)));
    assert_eq!(r.session_key.unwrap().to_string(), "agent:jarvis:whatsapp:peer:316");
    assert_eq!(r.agent, "jarvis");
}

#[test]
fn precedence_peer_group_account_channel() {
    let c = config(&[
        ("chan", vec![binding("slack", None, None, None)]),
        ("acct", vec![binding("slack", Some("A"), None, None)]),
        ("grp", vec![binding("slack", None, None, Some("C*"))]),
        ("peer", vec![binding("slack", None, Some("U1"), None)]),
    ]);
    let router = Router::new(&c).unwrap();
    let full = Inbound {
        channel: "slack",
        account_id: Some("A"),
        peer: Some(Peer { id: "U1", name: None, handle: None }),
        group: Some("C9"),
        thread: None,
    };
    assert_eq!(router.route(&full).agent, "peer");
    assert_eq!(router.route(&Inbound { peer: None, ..full }).agent, "grp");
    assert_eq!(router.route(&Inbound { peer: None, group: None, ..full }).agent, "acct");
    assert_eq!(router.route(&Inbound { peer: None, group: None, account_id: None, ..full }).agent, "chan");
}

#[test]
fn extra_fields_break_ties_then_file_order() {
    let c = config(&[
        ("first", vec![binding("telegram", None, Some("*"), None)]),
        ("second", vec![binding("telegram", None, Some("bob"), None)]),
        ("third", vec![binding("telegram", Some("bot"), Some("*"), None)]),
    ]);
    let router = Router::new(&c).unwrap();
    assert_eq!(router.route(&dm("telegram", "bob")).agent, "first");
    let with_account = Inbound { account_id: Some("bot"), ..dm("telegram", "bob") };
    assert_eq!(router.route(&with_account).agent, "third");
}

#[test]
fn peer_glob_matches_id_or_name_ignoring_case() {
    let c = config(&[("j", vec![binding("telegram", None, Some("jonas_*"), None)])]);
    let router = Router::new(&c).unwrap();
    assert_eq!(router.route(&dm("TELEGRAM", "Jonas_K")).agent, "j");
    let by_name = Inbound {
        peer: Some(Peer { id: "12345", name: Some("jonas_k"), handle: None }),
        ..dm("telegram", "")
    };
    assert_eq!(router.route(&by_name).agent, "j");
    assert_eq!(router.route(&by_name).matched.unwrap().matched_on, Some(PeerField::Name));
    assert_eq!(router.route(&dm("telegram", "12345")).agent, "main");
}

/// Issue #9: `@jonas_phone`, shown as "Jonas", went to the default agent because only the
/// display name was offered to the glob.
#[test]
fn peer_glob_matches_the_handle_when_the_display_name_does_not() {
    let c = config(&[("jarvis", vec![binding("telegram", None, Some("jonas_*"), None)])]);
    let router = Router::new(&c).unwrap();
    let jonas = Peer { id: "7001", name: Some("Jonas"), handle: Some("jonas_phone") };
    let msg = Inbound { peer: Some(jonas), ..dm("telegram", "") };
    let r = router.route(&msg);
    assert_eq!(r.agent, "jarvis");
    assert_eq!(r.matched.unwrap().matched_on, Some(PeerField::Handle));
    assert_eq!(r.session_key.unwrap().to_string(), "agent:jarvis:telegram:peer:7001", "keyed by the id");

    // The id is tried first, then the name, then the handle.
    let all = Peer { id: "jonas_1", name: Some("jonas_2"), handle: Some("jonas_3") };
    let on = |p: Peer<'_>| {
        router.route(&Inbound { peer: Some(p), ..dm("telegram", "") }).matched.unwrap().matched_on
    };
    assert_eq!(on(all), Some(PeerField::Id));
    assert_eq!(on(Peer { id: "1", ..all }), Some(PeerField::Name));
    assert_eq!(on(Peer { id: "1", name: None, ..all }), Some(PeerField::Handle));

    // A handle given with `@` is matched without it; a pattern's `@` only matches the handle.
    assert_eq!(on(Peer { handle: Some("@jonas_phone"), ..jonas }), Some(PeerField::Handle));
    let c = config(&[("jarvis", vec![binding("telegram", None, Some("@jonas_*"), None)])]);
    let router = Router::new(&c).unwrap();
    let route = |p: Peer<'_>| router.route(&Inbound { peer: Some(p), ..dm("telegram", "") });
    assert_eq!(route(jonas).matched.unwrap().matched_on, Some(PeerField::Handle));
    assert_eq!(route(Peer { handle: Some("@jonas_phone"), ..jonas }).agent, "jarvis");
    assert_eq!(route(Peer { id: "jonas_1", name: None, handle: None }).agent, "main");
    // A binding without a peer matched on nothing.
    let c = config(&[("any", vec![binding("telegram", None, None, None)])]);
    assert_eq!(Router::new(&c).unwrap().route(&msg).matched.unwrap().matched_on, None);
}

#[test]
fn account_id_is_exact() {
    let c = config(&[("a", vec![binding("discord", Some("Bot"), None, None)])]);
    let router = Router::new(&c).unwrap();
    let msg = |acct| Inbound { account_id: Some(acct), ..dm("discord", "x") };
    assert_eq!(router.route(&msg("Bot")).agent, "a");
    assert_eq!(router.route(&msg("bot")).agent, "main");
    assert_eq!(router.route(&dm("discord", "x")).agent, "main");
}

#[test]
fn session_keys_follow_dm_scope_and_groups() {
    let mut c = design();
    let msg = dm("telegram", "jonas_k");
    c.session.dm_scope = DmScope::Main;
    let key = |c: &Config, m: &Inbound<'_>| {
        Router::new(c).unwrap().route(m).session_key.map(|k| k.to_string()).unwrap_or_default()
    };
    assert_eq!(key(&c, &msg), "agent:jarvis:main");
    c.session.dm_scope = DmScope::PerPeer;
    assert_eq!(key(&c, &msg), "agent:jarvis:peer:jonas_k");
    let in_group = Inbound { group: Some("-100123"), thread: Some("7"), ..msg };
    assert_eq!(key(&c, &in_group), "agent:jarvis:telegram:channel:-100123:thread:7");
    let dm_thread = Inbound { thread: Some("7"), ..msg };
    assert_eq!(key(&c, &dm_thread), "agent:jarvis:peer:jonas_k");
    let nobody = Inbound { channel: "telegram", ..Inbound::default() };
    assert_eq!(Router::new(&c).unwrap().route(&nobody).session_key, None);
}

#[test]
fn invalid_glob_names_agent_binding_and_pattern() {
    let c = config(&[(
        "ops",
        vec![binding("slack", None, None, None), binding("slack", None, None, Some("[C"))],
    )]);
    let err = Router::new(&c).unwrap_err().to_string();
    assert!(err.starts_with("agent \"ops\" binding #2: invalid group glob \"[C\": "), "{err}");
    let c = config(&[("ops", vec![binding(" ", None, None, None)])]);
    assert_eq!(
        Router::new(&c).unwrap_err().to_string(),
        "agent \"ops\" binding #1: channel is missing or empty"
    );
}

#[test]
fn explain_says_why_each_binding_lost() {
    let c = config(&[
        ("main", vec![binding("telegram", None, None, None)]),
        (
            "jarvis",
            vec![
                binding("whatsapp", Some("316"), None, None),
                binding("telegram", None, Some("jonas_*"), None),
                binding("telegram", None, Some("*"), None),
                binding("telegram", Some("bot"), None, Some("g*")),
            ],
        ),
    ]);
    let router = Router::new(&c).unwrap();
    let e = router.explain(&dm("telegram", "jonas_k"));
    let why: Vec<String> =
        e.candidates.iter().map(|c| format!("{} #{}: {}", c.agent, c.n, c.verdict)).collect();
    assert_eq!(
        why,
        [
            "main #1: matched, but less specific (channel only < peer)",
            "jarvis #1: channel \"telegram\" is not \"whatsapp\"; no accountId given (wants \"316\")",
            "jarvis #2: matched; most specific and first in the file",
            "jarvis #3: matched and as specific, but later in the file",
            "jarvis #4: no accountId given (wants \"bot\"); no group given (wants \"g*\")",
        ]
    );
    assert_eq!(e.route, router.route(&dm("telegram", "jonas_k")));

    assert_eq!(e.candidates[0].matched_on, None, "no peer in the binding");
    assert_eq!(e.candidates[2].matched_on, Some(PeerField::Id), "won");
    assert_eq!(e.candidates[3].matched_on, Some(PeerField::Id), "matched but lost");

    let named =
        Inbound { peer: Some(Peer { id: "42", name: Some("Anna"), handle: None }), ..dm("telegram", "") };
    let e = router.explain(&named);
    assert_eq!(e.candidates[2].verdict.to_string(), r#"neither peer "42" nor name "Anna" matches "jonas_*""#);
    assert_eq!(e.candidates[2].matched_on, None);
    let handled =
        Inbound { peer: Some(Peer { id: "42", name: None, handle: Some("@anna") }), ..dm("telegram", "") };
    let e = router.explain(&handled);
    assert_eq!(
        e.candidates[2].verdict.to_string(),
        r#"neither peer "42" nor handle "anna" matches "jonas_*""#
    );
    let all = Inbound { peer: Some(Peer { id: "42", name: Some("Anna"), handle: Some("anna") }), ..named };
    let e = router.explain(&all);
    assert_eq!(
        e.candidates[2].verdict.to_string(),
        r#"none of peer "42", name "Anna", handle "anna" matches "jonas_*""#
    );
}

#[test]
fn specificity_display() {
    let s = |a: Option<&str>, p: Option<&str>, g: Option<&str>| {
        Specificity::of(&binding("x", a, p, g)).to_string()
    };
    assert_eq!(s(None, None, None), "channel only");
    assert_eq!(s(Some("a"), Some("p"), Some("g")), "peer + group + accountId");
    assert_eq!(s(Some("a"), None, None), "accountId");
}

#[test]
fn binding_shows_as_written() {
    let b = binding("telegram", None, Some("jonas_*"), None);
    assert_eq!(display_binding(&b).to_string(), r#"{ channel: "telegram", peer: "jonas_*" }"#);
    let b = binding("slack", Some("A"), Some("u"), Some("C*"));
    assert_eq!(
        display_binding(&b).to_string(),
        r#"{ channel: "slack", accountId: "A", peer: "u", group: "C*" }"#
    );
}

// Property tests draw channels, accounts and patterns from small pools so that matches happen.

fn arb_binding() -> impl Strategy<Value = Binding> {
    let opt = |v: &'static [&'static str]| proptest::option::of(proptest::sample::select(v));
    (
        proptest::sample::select(&["telegram", "Discord", "slack"][..]),
        opt(&["a1", "a2"]),
        opt(&["*", "jonas_*", "bob", "b?b", "{anna,bob}", "[jb]*", "@jonas_*"]),
        opt(&["*", "g1", "g*", "team-?"]),
    )
        .prop_map(|(c, a, p, g)| binding(c, a, p, g))
}

fn arb_config() -> impl Strategy<Value = Config> {
    proptest::collection::vec(proptest::collection::vec(arb_binding(), 0..4), 0..5).prop_map(|agents| {
        let named: Vec<(String, Vec<Binding>)> =
            agents.into_iter().enumerate().map(|(i, b)| (format!("agent{i}"), b)).collect();
        let refs: Vec<(&str, Vec<Binding>)> = named.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        config(&refs)
    })
}

#[derive(Debug, Clone)]
struct Msg {
    channel: &'static str,
    account: Option<&'static str>,
    peer: Option<(&'static str, Option<&'static str>, Option<&'static str>)>,
    group: Option<&'static str>,
    thread: Option<&'static str>,
}

impl Msg {
    fn inbound(&self) -> Inbound<'_> {
        Inbound {
            channel: self.channel,
            account_id: self.account,
            peer: self.peer.map(|(id, name, handle)| Peer { id, name, handle }),
            group: self.group,
            thread: self.thread,
        }
    }
}

fn arb_msg() -> impl Strategy<Value = Msg> {
    let opt = |v: &'static [&'static str]| proptest::option::of(proptest::sample::select(v));
    (
        proptest::sample::select(&["telegram", "discord", "SLACK", "signal"][..]),
        opt(&["a1", "a2", "a3"]),
        proptest::option::of((
            proptest::sample::select(&["bob", "12345", "jonas_k", "Anna"][..]),
            opt(&["Bob", "jonas_x"]),
            opt(&["bobby", "@jonas_y", "anna_b"]),
        )),
        opt(&["g1", "team-a", "other"]),
        opt(&["t1"]),
    )
        .prop_map(|(channel, account, peer, group, thread)| Msg {
            channel,
            account,
            peer,
            group,
            thread,
        })
}

proptest! {
    #[test]
    fn winner_is_most_specific_match_and_first_among_equals(c in arb_config(), m in arb_msg()) {
        let router = Router::new(&c).unwrap();
        let msg = m.inbound();
        let e = router.explain(&msg);
        let matching: Vec<&Candidate<'_>> = e.candidates.iter().filter(|c| c.verdict.matched()).collect();
        match e.route.matched {
            None => {
                prop_assert!(matching.is_empty());
                prop_assert_eq!(e.route.agent, "main");
            }
            Some(w) => {
                let best = matching.iter().map(|c| c.specificity).max().unwrap();
                prop_assert_eq!(w.specificity, best);
                let first = matching.iter().find(|c| c.specificity == best).unwrap();
                prop_assert_eq!((first.agent, first.n), (w.agent, w.n));
                prop_assert_eq!(e.candidates.iter().filter(|c| c.verdict == Verdict::Won).count(), 1);
            }
        }
    }

    #[test]
    fn peer_binding_beats_channel_only(c in arb_config(), m in arb_msg(), at_front in any::<bool>()) {
        prop_assume!(m.peer.is_some());
        let mut c = c;
        let peer_rule = binding(m.channel, None, Some("*"), None);
        let chan_rule = binding(m.channel, None, None, None);
        let entry = AgentConfig { bindings: vec![chan_rule, peer_rule], ..AgentConfig::default() };
        if at_front {
            c.agents.shift_insert(0, "zz".into(), entry);
        } else {
            c.agents.insert("zz".into(), entry);
        }
        let router = Router::new(&c).unwrap();
        let r = router.route(&m.inbound());
        let w = r.matched.unwrap();
        prop_assert!(w.binding.peer.is_some(), "winner {:?}", w.binding);
    }

    #[test]
    fn bindings_that_do_not_match_do_not_matter(c in arb_config(), m in arb_msg()) {
        let router = Router::new(&c).unwrap();
        let msg = m.inbound();
        let before = router.route(&msg);
        let e = router.explain(&msg);
        // Keep only the matching bindings (and every agent, so positions can be mapped back).
        let mut pruned = c.clone();
        let mut kept_n: Vec<(String, Vec<usize>)> = Vec::new();
        for (agent, cfg) in pruned.agents.iter_mut() {
            let keep: Vec<usize> = e.candidates.iter()
                .filter(|c| c.agent == agent && c.verdict.matched()).map(|c| c.n).collect();
            cfg.bindings = keep.iter().map(|&n| cfg.bindings[n - 1].clone()).collect();
            kept_n.push((agent.clone(), keep));
        }
        let pruned_router = Router::new(&pruned).unwrap();
        let after = pruned_router.route(&msg);
        prop_assert_eq!(before.agent, after.agent);
        prop_assert_eq!(&before.session_key, &after.session_key);
        let original_n = after.matched.map(|m| {
            let (_, ns) = kept_n.iter().find(|(a, _)| a == m.agent).unwrap();
            (m.agent.to_string(), ns[m.n - 1])
        });
        prop_assert_eq!(winner(&before), original_n);
    }

    #[test]
    fn matched_on_names_a_field_the_sender_has_iff_the_binding_has_a_peer(c in arb_config(), m in arb_msg()) {
        let router = Router::new(&c).unwrap();
        let msg = m.inbound();
        for cand in router.explain(&msg).candidates.iter().filter(|c| c.verdict.matched()) {
            prop_assert_eq!(cand.matched_on.is_some(), cand.binding.peer.is_some(), "{:?}", cand);
            if let (Some(field), Some(peer)) = (cand.matched_on, msg.peer) {
                prop_assert!(peer.field(field).is_some(), "{:?} names a missing {}", cand, field);
            }
        }
    }

    #[test]
    fn routing_is_deterministic(c in arb_config(), m in arb_msg()) {
        let a = Router::new(&c).unwrap();
        let b = Router::new(&c.clone()).unwrap();
        let msg = m.inbound();
        prop_assert_eq!(a.route(&msg), b.route(&msg));
        prop_assert_eq!(a.route(&msg), a.route(&msg));
        prop_assert_eq!(a.explain(&msg).route, a.route(&msg));
    }
}
