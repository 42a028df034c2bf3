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

fn hex(bytes: &[u8]) -> String {
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

/// Reads one cookie from a `Cookie` header.
pub fn cookie<'a>(header: Option<&'a str>, name: &str) -> Option<&'a str> {
    header?
        .split(';')
        .map(str::trim)
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure when asked.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(a) = max_age {
        c.push_str(&format!("; Max-Age={a}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
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
        assert_eq!(
            cookie(Some("a=1; monev_sesi=xyz; b=2"), "monev_sesi"),
            Some("xyz")
        );
        assert_eq!(cookie(Some("monev_sesix=1"), "monev_sesi"), None);
        assert!(set_cookie("c", "v", true, Some(0)).ends_with("Max-Age=0; Secure"));
    }
}
