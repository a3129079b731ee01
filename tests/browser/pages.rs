//! A small web site on 127.0.0.1: a search form and its result page, a page whose text only
//! JavaScript writes, a cookie setter and reader, and a redirect.

use std::collections::HashMap;

use axum::Router;
use axum::extract::Query;
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::get;

pub struct Site {
    pub base: String,
}

impl Site {
    pub async fn start() -> Site {
        let app = Router::new()
            .route("/form", get(form))
            .route("/result", get(result))
            .route("/js", get(js))
            .route("/set-cookie", get(set_cookie))
            .route("/cookie", get(cookie))
            .route("/redirect", get(|| async { Redirect::temporary("/form") }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        Site { base: format!("http://{addr}") }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

async fn form() -> Html<&'static str> {
    Html(
        r#"<!doctype html><html><head><title>Whale search</title></head><body>
        <h1>Find a whale</h1>
        <p>Type a species and press Go.</p>
        <form action="/result" method="get">
          <label for="q">Species</label> <input id="q" name="q" type="text">
          <select name="ocean" aria-label="Ocean"><option>Atlantic</option><option>Pacific</option></select>
          <button type="submit">Go</button>
        </form>
        <a href="/js">Live counts</a>
        </body></html>"#,
    )
}

async fn result(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let species = q.get("q").cloned().unwrap_or_default();
    let ocean = q.get("ocean").cloned().unwrap_or_default();
    // Escaped: the test types plain words, but a page should not echo markup.
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    Html(format!(
        "<!doctype html><title>Results</title><h2>Results</h2><p>Found 3 sightings of {} in the {}.</p>",
        esc(&species),
        esc(&ocean)
    ))
}

async fn js() -> Html<&'static str> {
    Html(
        r#"<!doctype html><title>Live</title><body><div id="out">loading…</div>
        <script>setTimeout(() => { document.getElementById('out').textContent = 'Counted ' + (6 * 7) + ' whales today'; }, 150);</script>
        </body>"#,
    )
}

async fn set_cookie(Query(q): Query<HashMap<String, String>>) -> impl IntoResponse {
    let v = q.get("v").cloned().unwrap_or_default();
    ([(header::SET_COOKIE, format!("who={v}; Path=/; Max-Age=3600"))], Html("<title>set</title>cookie set"))
}

async fn cookie(headers: HeaderMap) -> Html<String> {
    let c = headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).unwrap_or("none").to_string();
    Html(format!("<title>cookie</title><p>cookie: {}</p>", c.replace('<', "&lt;")))
}
