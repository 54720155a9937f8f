//! The built page (`ui/dist`), compiled into the program: the same screens as the window, served
//! from the same origin as the commands. Nothing is fetched from anywhere else.

use axum::{
    body::Body,
    http::{header, HeaderValue, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use rust_embed::Embed;

#[derive(Embed)]
#[folder = "../../ui/dist"]
struct Dist;

/// What a page of ours may load: itself, its inline styles (Element Plus sets them), and images,
/// fonts and PDFs it made (`data:` and `blob:`).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The file `uri` names; `/` is the page itself (its routes live after the `#`).
pub async fn file(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let Some(file) = Dist::get(path) else {
        return (StatusCode::NOT_FOUND, "没有这个文件").into_response();
    };
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    // Built assets carry their content's hash in their names; the page itself does not.
    let cache = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut response = Response::new(Body::from(file.data.into_owned()));
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(mime.as_ref()) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_built_in() {
        assert!(
            Dist::get("index.html").is_some(),
            "ui/dist has no index.html: run `cd ui && npm run build` before building the server"
        );
    }
}
