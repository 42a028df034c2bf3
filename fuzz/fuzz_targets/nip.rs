//! NIP (18 digits: birth date, appointment month, gender, sequence).
#![no_main]
use libfuzzer_sys::fuzz_target;
use monev_domain::Nip;

fuzz_target!(|text: &str| {
    if let Ok(nip) = Nip::parse(text) {
        // Canonical, and parsing the canonical form gives it back.
        assert_eq!(Nip::parse(nip.as_str()).ok().as_ref(), Some(&nip));
        let _ = (nip.kind(), nip.birth_date(), nip.gender());
    }
});
