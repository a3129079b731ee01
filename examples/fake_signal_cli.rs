//! A stand-in for the `signal-cli` binary, for the tests of `cliPath` (the gateway starting and
//! supervising signal-cli itself): it accepts the daemon command line the gateway runs,
//!
//!     fake_signal_cli -a +31600000001 daemon --http 127.0.0.1:PORT --receive-mode on-connection --no-receive-stdout
//!
//! and serves the tests' fake daemon (`tests/channels/fake_signal.rs`) there until killed. It
//! refuses (exit 2) a command line without `--receive-mode on-connection`, and says what
//! signal-cli says (exit 1) for an account it does not have.

#[path = "../tests/channels/fake_signal.rs"]
#[allow(dead_code)]
mod fake_signal;

use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let after = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let (Some(account), Some(listen)) = (after("-a"), after("--http")) else {
        eprintln!("usage: fake_signal_cli -a ACCOUNT daemon --http HOST:PORT --receive-mode on-connection");
        std::process::exit(2);
    };
    if !args.iter().any(|a| a == "daemon") || after("--receive-mode").as_deref() != Some("on-connection") {
        eprintln!("fake_signal_cli: expected `daemon --receive-mode on-connection`, got {args:?}");
        std::process::exit(2);
    }
    if account != fake_signal::ACCOUNT {
        eprintln!("User {account} is not registered.");
        std::process::exit(1);
    }
    if let Err(e) = fake_signal::FakeSignal::start_on(&listen, Duration::from_secs(15)).await {
        eprintln!("fake_signal_cli: cannot listen on {listen}: {e}");
        std::process::exit(1);
    }
    std::future::pending::<()>().await;
}
