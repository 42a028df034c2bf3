//! Passwords, session tokens, CSRF tokens and login throttling.
//!
//! - Passwords: argon2id (default parameters), hashed off the async runtime.
//! - Sessions: a 256-bit random token in an HttpOnly, SameSite=Lax cookie
//!   (Secure behind TLS); the database keeps only its SHA-256, so a leaked
//!   database does not leak live sessions. Idle and absolute timeouts.
//! - CSRF: a random token per session, required in every state-changing
//!   form; the login form uses a double-submit cookie.
//! - Throttling: after 5 failures in 15 minutes for an account or for an
//!   address, logins from it are refused until the window passes.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "monev_sesi";
pub const LOGIN_CSRF_COOKIE: &str = "monev_csrf";
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// Hashes a password (blocking: call from `spawn_blocking`).
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("hash: {e}"))
}

/// Checks a password against a stored PHC hash (blocking).
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A fresh random token, 32 bytes as hex.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the operating system's random source");
    hex(&b)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The user name and password of an HTTP Basic `Authorization` value
/// (after `Basic `).
pub(crate) fn basic_credentials(value: &str) -> Option<(String, String)> {
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of the request's cookie `name`, read by the `cookie` crate
/// from every `Cookie` header (HTTP/2 may send one per cookie).
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure when asked.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> String {
    let mut c = cookie::Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure);
    if let Some(a) = max_age {
        c = c.max_age(cookie::time::Duration::seconds(a));
    }
    c.build().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_round_trip() {
        let h = hash_password("rahasia-panjang").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("rahasia-panjang", &h));
        assert!(!verify_password("rahasia-panjanG", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_and_cookies() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same_token(&a, &a.clone()) && !same_token(&a, &b));
        let headers = |values: &[&str]| {
            let mut h = axum::http::HeaderMap::new();
            for v in values {
                h.append(axum::http::header::COOKIE, v.parse().unwrap());
            }
            h
        };
        let one = headers(&["a=1; monev_sesi=xyz; b=2"]);
        assert_eq!(cookie(&one, "monev_sesi").as_deref(), Some("xyz"));
        assert_eq!(cookie(&headers(&["monev_sesix=1"]), "monev_sesi"), None);
        // HTTP/2 may send a header per cookie.
        let split = headers(&["a=1", "monev_sesi=abc"]);
        assert_eq!(cookie(&split, "monev_sesi").as_deref(), Some("abc"));
        assert_eq!(
            cookie(&headers(&["rusak; monev_sesi=q"]), "monev_sesi").as_deref(),
            Some("q")
        );
        assert_eq!(
            set_cookie("monev_sesi", "v", false, None),
            "monev_sesi=v; HttpOnly; SameSite=Lax; Path=/"
        );
        let gone = set_cookie("c", "", true, Some(0));
        assert!(
            gone.contains("; Secure") && gone.contains("; Max-Age=0"),
            "{gone}"
        );
    }
}
