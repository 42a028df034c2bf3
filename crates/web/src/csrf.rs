//! CSRF as extractors a state-changing handler cannot do without.
//!
//! A signed-in role's POST route is declared with [`crate::routes::Route::change`],
//! which only accepts a handler whose body extractor (its last argument) is
//! [`Checked`] (a URL-encoded form) or [`CheckedMultipart`] (an upload):
//! both refuse the request with 403 unless the form's `csrf` field equals the
//! session's token, so a handler without the check does not compile into the
//! table. Public POST routes have no session to ride: the sign-in form has its
//! own double-submit token, citizens' forms and one-time-token questionnaires
//! carry their own key.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use serde::de::DeserializeOwned;

use crate::Session;
use crate::pages::{AppError, check_csrf};

/// A URL-encoded form body whose `csrf` field matched the session's token,
/// deserialised as `T` (other fields only; `csrf` is not part of `T`).
pub struct Checked<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Checked<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let session = req
            .extensions()
            .get::<Session>()
            .cloned()
            .ok_or_else(AppError::unauthorized)?;
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::from_status(e.status(), &e.body_text()))?;
        let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).map_err(|e| {
            AppError::from_status(axum::http::StatusCode::BAD_REQUEST, &e.to_string())
        })?;
        let given = fields
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        check_csrf(&session, given)?;
        serde_urlencoded::from_bytes(&body)
            .map(Checked)
            .map_err(|e| {
                AppError::from_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &e.to_string())
            })
    }
}

/// The body of a form that sends nothing but its token (sign out, revoke,
/// remove).
#[derive(Debug, serde::Deserialize)]
pub struct NoFields {}

/// A multipart upload whose first field is `csrf` with the session's token;
/// the rest of the form follows. Every upload form puts its token first
/// (browsers send fields in the order of the form).
pub struct CheckedMultipart(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for CheckedMultipart {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let session = req
            .extensions()
            .get::<Session>()
            .cloned()
            .ok_or_else(AppError::unauthorized)?;
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|e| AppError::from_status(e.status(), &e.body_text()))?;
        let given = match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("csrf") => {
                field.text().await.unwrap_or_default()
            }
            _ => String::new(),
        };
        check_csrf(&session, &given)?;
        Ok(CheckedMultipart(multipart))
    }
}

/// The extractors that check the CSRF token.
pub trait CsrfChecked: sealed::Sealed {}
impl<T> CsrfChecked for Checked<T> {}
impl CsrfChecked for CheckedMultipart {}

mod sealed {
    pub trait Sealed {}
    impl<T> Sealed for super::Checked<T> {}
    impl Sealed for super::CheckedMultipart {}
}

/// The argument lists (as axum's `Handler` names them: a marker, then the
/// arguments) whose last argument, the one that reads the body, checks the
/// CSRF token.
pub trait Guarded {}

macro_rules! guarded {
    ($($t:ident),*) => {
        impl<M, $($t,)* L: CsrfChecked> Guarded for (M, $($t,)* L) {}
    };
}
guarded!();
guarded!(T1);
guarded!(T1, T2);
guarded!(T1, T2, T3);
guarded!(T1, T2, T3, T4);
guarded!(T1, T2, T3, T4, T5);
guarded!(T1, T2, T3, T4, T5, T6);
