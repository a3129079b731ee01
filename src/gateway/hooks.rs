//! `/hooks/<kind>/<account>`: the one route for every channel whose service calls the gateway
//! (WhatsApp Cloud, BlueBubbles). The gateway's token does not apply: the account's adapter
//! checks the request's own signature or secret over the raw body before anything is parsed
//! ([`crate::channel::Channel::webhook`]), and [`crate::channel::webhook::handle`] journals every
//! message before the 2xx goes back.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::{Gateway, log};
use crate::channel::webhook::{self, HookRequest};

fn text(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// Hands the request to the running adapter of `kind/account`.
pub async fn hook(
    State(gw): State<Arc<Gateway>>,
    Path((kind, account)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (Some(adapter), Some(inbox)) = (gw.channels.adapter(&kind, &account), gw.channels.inbox()) else {
        return text(404, format!("no running {kind} account {account} takes webhooks here\n"));
    };
    let headers = headers
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    let req = HookRequest::new(method.as_str(), uri.query(), headers, body.to_vec());
    let Some(hook) = adapter.webhook(&req) else {
        return text(404, format!("{kind} takes no webhooks\n"));
    };
    if hook.status == 401 {
        log::warning!(
            "webhook {kind}/{account}: refused a request that failed its check ({})",
            hook.body.trim()
        );
    }
    if let Some(note) = &hook.note {
        log::warning!("webhook {kind}/{account}: {note}");
    }
    let (status, body) = webhook::handle(&inbox, hook).await;
    text(status, body)
}
