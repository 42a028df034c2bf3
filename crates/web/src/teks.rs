//! The web pages' sentences that carry values, worded once per language
//! (the pattern of `monev_report::teks`; fixed words sit beside each other
//! in the templates as `lang.pick(id, en)`).

use monev_domain::Lang;
use monev_domain::teks::{Catalogue, fill};

monev_domain::catalogue! {
    /// A sentence of a page.
    pub(crate) enum Teks {
        /// The review page: how many recommendations, how many waiting.
        Rekomendasi,
        /// A subject erased.
        SubjekDihapus,
        /// The public address is not set.
        AlamatPublik,
    }
}

impl Catalogue for Teks {
    fn all() -> &'static [Teks] {
        Teks::ALL
    }
    fn id(self) -> &'static str {
        match self {
            Teks::Rekomendasi => "{n} rekomendasi, {belum} belum ditinjau.",
            Teks::SubjekDihapus => "{n} baris dihapus; evaluasi dihitung ulang tanpa ASN ini.",
            Teks::AlamatPublik => {
                "Alamat publik belum diatur (serve --public-url atau MONEV_PUBLIC_URL): tautan dan kode QR ini memakai {alamat}, alamat server ini sendiri, yang mungkin tidak terjangkau ponsel warga."
            }
        }
    }
    fn en(self) -> &'static str {
        match self {
            Teks::Rekomendasi => "{n} recommendations, {belum} not yet reviewed.",
            Teks::SubjekDihapus => {
                "{n} rows erased; the evaluation is computed again without this ASN."
            }
            Teks::AlamatPublik => {
                "The public address is not set (serve --public-url or MONEV_PUBLIC_URL): these links and QR codes use {alamat}, this server's own address, which citizens' phones may not reach."
            }
        }
    }
}

/// The sentence in `lang`, filled.
pub(crate) fn say(t: Teks, lang: Lang, args: &[(&str, &str)]) -> String {
    fill(t.template(lang), args)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_sentence_has_its_twin_with_the_same_values() {
        let found = monev_domain::teks::mismatched::<super::Teks>();
        assert!(found.is_empty(), "{found:#?}");
    }
}
