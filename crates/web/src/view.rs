//! Pages from askama templates (`crates/web/templates/`), which escape every
//! value unless its type says it is HTML already: [`Markup`], made only by
//! rendering a template or, for HTML another renderer of this program made
//! and escaped (the report's dashboard, a QR code's SVG), by
//! [`Markup::trusted`]. No HTML is written as a string in this crate
//! (`tests::html_is_built_by_templates`).

use std::fmt;

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use monev_domain::Lang;
use monev_store::User;

use crate::Session;

/// HTML that goes into a page as it is.
#[derive(Default)]
pub(crate) struct Markup(String);

impl Markup {
    /// A rendered template (every value in it escaped by askama).
    pub(crate) fn of(t: &impl Template) -> Markup {
        Markup(t.render().unwrap_or_else(|e| {
            tracing::error!(error = %e, "template");
            String::new()
        }))
    }

    /// HTML rendered, and escaped, by another renderer of this program
    /// (the report's dashboard).
    pub(crate) fn trusted(html: String) -> Markup {
        Markup(html)
    }
}

impl fmt::Display for Markup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Markup {}

/// A link of the navigation.
pub(crate) struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
}

/// The navigation of a signed-in page: the route table's entries the role
/// may open, the other language, the user, and the sign-out form.
pub(crate) struct NavBar<'a> {
    pub label: &'static str,
    pub links: Vec<NavLink>,
    pub other_code: &'static str,
    pub other_name: &'static str,
    pub user: &'a str,
    pub role: &'static str,
    pub csrf: &'a str,
    pub sign_out: &'static str,
}

impl<'a> NavBar<'a> {
    pub(crate) fn of(user: &'a User, csrf: &'a str, lang: Lang) -> NavBar<'a> {
        let links = crate::ROUTES
            .iter()
            .filter(|r| r.allows(user.role))
            .filter(|r| user.wilayah.is_none() || r.regional)
            .filter_map(|r| {
                r.nav.map(|n| NavLink {
                    href: r.path,
                    label: lang.pick(n.id, n.en),
                })
            })
            .collect();
        let (other_code, other_name) = if lang == Lang::Id {
            ("en", "English")
        } else {
            ("id", "Bahasa Indonesia")
        };
        NavBar {
            label: lang.pick("Navigasi utama", "Main navigation"),
            links,
            other_code,
            other_name,
            user: &user.nama,
            role: user.role.code(),
            csrf,
            sign_out: lang.pick("Keluar", "Sign out"),
        }
    }
}

/// The one layout of every page.
#[derive(Template)]
#[template(path = "layout.html")]
struct Layout<'a> {
    lang: &'static str,
    title: &'a str,
    nav: Option<NavBar<'a>>,
    body: Markup,
}

/// A page in the layout, with the navigation when signed in.
pub(crate) fn page(
    title: &str,
    body: Markup,
    session: Option<&Session>,
    lang: Lang,
    set_lang: Option<HeaderValue>,
) -> Response {
    let layout = Layout {
        lang: lang.code(),
        title,
        nav: session.map(|s| NavBar::of(&s.user, &s.csrf, lang)),
        body,
    };
    let mut res = Html(Markup::of(&layout).0).into_response();
    if let Some(c) = set_lang {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// A column head of a [`Table`].
pub(crate) struct Th {
    pub text: String,
    /// Right-aligned (a number).
    pub num: bool,
}

impl Th {
    pub(crate) fn text(text: impl Into<String>) -> Th {
        Th {
            text: text.into(),
            num: false,
        }
    }

    pub(crate) fn num(text: impl Into<String>) -> Th {
        Th {
            text: text.into(),
            num: true,
        }
    }
}

/// A cell of a [`Table`]: text, right-aligned when a number, a link when
/// it has a target.
pub(crate) struct Td {
    pub text: String,
    pub num: bool,
    pub href: Option<String>,
}

impl Td {
    pub(crate) fn text(text: impl Into<String>) -> Td {
        Td {
            text: text.into(),
            num: false,
            href: None,
        }
    }

    pub(crate) fn num(text: impl Into<String>) -> Td {
        Td {
            text: text.into(),
            num: true,
            href: None,
        }
    }

    pub(crate) fn link(text: impl Into<String>, href: String) -> Td {
        Td {
            text: text.into(),
            num: false,
            href: Some(href),
        }
    }
}

/// The table partial: heads and rows, in a scrolling frame.
#[derive(Template)]
#[template(path = "table.html")]
pub(crate) struct Table {
    pub head: Vec<Th>,
    pub rows: Vec<Vec<Td>>,
}

/// Page links under a long table.
#[derive(Template)]
#[template(path = "pager.html")]
struct Pager<'a> {
    query: &'a str,
    halaman: i64,
    pages: i64,
    previous: Option<i64>,
    next: Option<i64>,
    page_label: &'static str,
    previous_label: &'static str,
    next_label: &'static str,
}

/// Links to the pages of a table of `total` rows, `per_page` a page;
/// nothing when one page holds them. `query` is put before `halaman=`
/// (e.g. `instansi=X&`).
pub(crate) fn pager(halaman: i64, total: i64, per_page: i64, query: &str, lang: Lang) -> Markup {
    let pages = (total + per_page - 1) / per_page;
    if pages <= 1 {
        return Markup::default();
    }
    Markup::of(&Pager {
        query,
        halaman,
        pages,
        previous: (halaman > 1).then_some(halaman - 1),
        next: (halaman < pages).then_some(halaman + 1),
        page_label: lang.pick("Halaman", "Page"),
        previous_label: lang.pick("← Sebelumnya", "← Previous"),
        next_label: lang.pick("Berikutnya →", "Next →"),
    })
}

/// A data page: a heading, a line, facts, a table and its pages.
#[derive(Template)]
#[template(path = "data.html")]
pub(crate) struct DataPage {
    pub title: String,
    pub intro: Option<String>,
    pub facts: Vec<(&'static str, String)>,
    pub heading: Option<&'static str>,
    pub table: Markup,
    pub pager: Markup,
}

/// An error page's body: the message in the reader's language, the other
/// language beside it, and the way on.
#[derive(Template)]
#[template(path = "error.html")]
pub(crate) struct ErrorBody<'a> {
    pub title: &'a str,
    pub first: &'a str,
    pub second: Option<&'a str>,
    pub second_lang: &'static str,
    pub onward_href: &'static str,
    pub onward_label: &'static str,
}

/// The sign-in form.
#[derive(Template)]
#[template(path = "login.html")]
pub(crate) struct LoginBody<'a> {
    pub intro: &'static str,
    pub error: Option<&'a str>,
    pub token: &'a str,
    pub target: &'a str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
}

#[cfg(test)]
mod tests {
    /// HTML is built by templates: the pages not yet moved may not grow.
    /// Each count is a file's `esc(` calls and string literals that open
    /// with a tag (`"<`, `r#"<`); a file that reaches zero leaves the list, and a file not
    /// on the list may have none.
    #[test]
    fn html_is_built_by_templates() {
        // No value escaped by hand and no markup in a string literal: every
        // page is a template (the "<" of a Rust string opening a tag).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            // Tests in this file name the patterns.
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            for (i, line) in text.lines().enumerate() {
                let tag = line.match_indices("\"<").any(|(at, _)| {
                    line[at + 2..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                });
                if line.contains("esc(") || tag {
                    found.push(format!("{name}:{}: {}", i + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "HTML built as strings:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn the_guard_sees_markup_in_strings() {
        // The pattern the test above looks for, shown to match.
        let line = r#"    format!("<p>{}</p>", x)"#;
        assert!(
            line.match_indices("\"<")
                .any(|(at, _)| line[at + 2..].starts_with('p'))
        );
    }
}
