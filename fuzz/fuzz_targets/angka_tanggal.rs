//! Numbers in both locales (1.234,5 and 1,234.5) and dates: never a panic,
//! and what parses formats and parses back to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use monev_domain::{Date, Timestamp, parse_decimal};

fuzz_target!(|text: &str| {
    for comma in [true, false] {
        if let Ok(v) = parse_decimal(text, comma) {
            assert!(v.is_finite(), "{text:?} → {v}");
        }
    }
    if let Ok(d) = Date::parse(text) {
        assert_eq!(Date::parse(&d.to_string()).ok(), Some(d), "{text:?}");
    }
    if let Ok(t) = Timestamp::parse(text) {
        assert_eq!(Timestamp::parse(&t.to_string()).ok(), Some(t), "{text:?}");
    }
});
