//! Sentences worded once per language. A catalogue is an enum of messages
//! (declared with [`catalogue!`]) with one `match` per language, each in a
//! file of its own (`id.rs`, `en.rs`): a message without its twin does not
//! compile. A template names its values (`{n}`, `{wilayah}`); [`fill`]
//! puts them in, and [`mismatched`] — run by each catalogue's test — finds a
//! message whose two templates do not name the same values. `**…**` marks
//! bold for the renderers that have it.

use crate::Lang;

/// A catalogue of messages: every message, and its template per language.
pub trait Catalogue: Copy + std::fmt::Debug + 'static {
    /// Every message.
    fn all() -> &'static [Self];
    fn id(self) -> &'static str;
    fn en(self) -> &'static str;
    /// The template in `lang`.
    fn template(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.id(),
            Lang::En => self.en(),
        }
    }
}

/// Declares a catalogue's enum and its list of every message.
#[macro_export]
macro_rules! catalogue {
    ($(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $v:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $($(#[$vm])* $v),* }
        impl $name {
            /// Every message.
            pub const ALL: &'static [$name] = &[$($name::$v),*];
        }
    };
}

/// The `{name}` placeholders of a template, sorted, each once.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push(&rest[i + 1..i + j]);
        rest = &rest[i + j + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The template with each `{name}` replaced by its value. A name without a
/// value stays as written (and `mismatched`'s tests and the report's
/// language test find it).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        let name = &rest[i + 1..i + j];
        out.push_str(&rest[..i]);
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[i..i + j + 1]),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

/// The messages of a catalogue whose Indonesian and English templates do
/// not name the same placeholders, or are empty, or leave a `**` open.
pub fn mismatched<C: Catalogue>() -> Vec<String> {
    let mut out = Vec::new();
    for m in C::all() {
        let (id, en) = (m.id(), m.en());
        if id.trim().is_empty() || en.trim().is_empty() {
            out.push(format!("{m:?}: empty"));
        }
        if placeholders(id) != placeholders(en) {
            out.push(format!(
                "{m:?}: id {:?} ≠ en {:?}",
                placeholders(id),
                placeholders(en)
            ));
        }
        for (lang, t) in [("id", id), ("en", en)] {
            if t.matches("**").count() % 2 == 1 {
                out.push(format!("{m:?} ({lang}): an unclosed **"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::catalogue! {
        enum Uji { Sapa, Salah }
    }

    impl Catalogue for Uji {
        fn all() -> &'static [Uji] {
            Uji::ALL
        }
        fn id(self) -> &'static str {
            match self {
                Uji::Sapa => "Halo {nama}, **{n}** pesan.",
                Uji::Salah => "{a} dan {b}",
            }
        }
        fn en(self) -> &'static str {
            match self {
                Uji::Sapa => "{n} messages for **{nama}**.",
                Uji::Salah => "{a} and **{c}",
            }
        }
    }

    #[test]
    fn values_fill_their_places_in_either_order() {
        let args = [("nama", "Ayu"), ("n", "3")];
        assert_eq!(
            fill(Uji::Sapa.template(Lang::Id), &args),
            "Halo Ayu, **3** pesan."
        );
        assert_eq!(fill(Uji::Sapa.en(), &args), "3 messages for **Ayu**.");
        // A value without its place is dropped; a place without its value stays.
        assert_eq!(fill("{x} {y}", &[("x", "1"), ("z", "2")]), "1 {y}");
        assert_eq!(placeholders("{b} {a} {b}"), ["a", "b"]);
    }

    #[test]
    fn twins_that_differ_are_found() {
        let found = mismatched::<Uji>();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("Salah: id [\"a\", \"b\"]"),
            "{found:?}"
        );
        assert!(found[1].contains("unclosed"), "{found:?}");
    }
}
