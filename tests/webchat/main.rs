//! The web chat page (`src/gateway/webchat/index.html`) in a real headless Chromium, driven over
//! WebDriver. `contract` tests run the page against a scripted stand-in for the gateway's
//! `/ws/chat` endpoint. Without Chromium and chromedriver installed the tests print why and skip.

mod contract;
mod driver;
mod gateway;
mod server;
