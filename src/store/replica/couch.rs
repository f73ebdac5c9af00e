//! The database over `fetch`: the replicator's [`Server`] in the browser.

use js_sys::Promise;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, RequestMode, Response};

use crate::domain::envelope::base64_encode;
use crate::domain::sync::replicator::{Reply, Server};
use crate::store::db::js_detail;

/// A CouchDB database (`https://host/dbname`) and the credentials sent with each request
/// (HTTP basic authentication: no cookie, so nothing is kept for another site to use).
pub struct Couch {
    pub db_url: String,
    pub authorization: Option<String>,
}

impl Couch {
    pub fn new(db_url: &str, user: &str, password: &str) -> Couch {
        let authorization = (!user.is_empty()).then(|| {
            format!(
                "Basic {}",
                base64_encode(format!("{user}:{password}").as_bytes())
            )
        });
        Couch {
            db_url: db_url.trim().trim_end_matches('/').to_string(),
            authorization,
        }
    }

    fn url(&self, path: &str) -> String {
        if path.is_empty() {
            self.db_url.clone()
        } else {
            format!("{}/{path}", self.db_url)
        }
    }

    /// Whether the server answers at all when asked without CORS (an opaque reply): after a
    /// failed request, this tells "CORS is not enabled" apart from "unreachable".
    pub async fn answers_without_cors(&self) -> bool {
        let init = RequestInit::new();
        init.set_mode(RequestMode::NoCors);
        let Some(window) = web_sys::window() else {
            return false;
        };
        JsFuture::from(window.fetch_with_str_and_init(&self.url(""), &init))
            .await
            .is_ok()
    }
}

async fn text_of(response: &Response) -> Result<String, JsValue> {
    let promise: Promise = response.text()?;
    Ok(JsFuture::from(promise)
        .await?
        .as_string()
        .unwrap_or_default())
}

impl Server for Couch {
    async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Reply, String> {
        let window = web_sys::window().ok_or("no window")?;
        let headers = Headers::new().map_err(|e| js_detail(&e))?;
        let _ = headers.set("Accept", "application/json");
        if let Some(auth) = &self.authorization {
            let _ = headers.set("Authorization", auth);
        }
        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        if let Some(body) = &body {
            let _ = headers.set("Content-Type", "application/json");
            let text = serde_json::to_string_pretty(body).map_err(|e| e.to_string())?;
            init.set_body(&JsValue::from_str(&text));
        }
        init.set_headers(&headers);
        let response = JsFuture::from(window.fetch_with_str_and_init(&self.url(path), &init))
            .await
            .map_err(|e| js_detail(&e))?;
        let response: Response = response.dyn_into().map_err(|e| js_detail(&e))?;
        let text = text_of(&response).await.map_err(|e| js_detail(&e))?;
        #[allow(
            clippy::disallowed_methods,
            reason = "into a Value, as the size rules ask"
        )]
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Reply {
            status: response.status(),
            body,
        })
    }
}
