//! The web chat page (`src/gateway/webchat/index.html`) in a real headless Chromium, driven over
//! WebDriver (`driver`). `contract` runs the page against a scripted stand-in for the gateway's
//! `/ws/chat` endpoint (`server`); `gateway` runs it against the real `openclaw gateway` and a fake
//! model server. Without Chromium and chromedriver installed the tests print why and skip.

#[path = "../channels/botapi.rs"]
#[allow(dead_code)]
mod botapi;
mod canvas;
mod contract;
mod driver;
mod gateway;
mod server;
