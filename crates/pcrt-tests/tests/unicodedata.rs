//! unicodedata at CPython 3.11's Unicode 14.0: expected values from CPython 3.11.

use pcrt_tests::pcrt::ExcKind;
use pcrt_tests::unicodedata::{ud_category, ud_combining, ud_east_asian_width, ud_normalize};

#[test]
fn tables_are_unicode_14() {
    // U+1FAE8 (shaking face) is assigned in Unicode 15: unassigned for CPython 3.11
    assert_eq!(ud_category("\u{1FAE8}").unwrap(), "Cn");
    assert_eq!(ud_category("\u{0301}").unwrap(), "Mn");
    assert_eq!(ud_combining("\u{0301}").unwrap(), 230);
    assert_eq!(ud_east_asian_width("\u{FF76}").unwrap(), "H");
}

#[test]
fn a_character_assigned_after_unicode_14_is_not_normalized() {
    let e = ud_normalize("NFC", "ok \u{1FAE8}").unwrap_err();
    assert_eq!(e.kind, ExcKind::NotImplementedError);
    assert!(e.message.contains("U+1FAE8"), "{}", e.message);
    // unassigned in every version: left as it is, as CPython does
    assert_eq!(
        ud_normalize("NFD", "\u{E0080}é").unwrap(),
        "\u{E0080}e\u{0301}"
    );
}

#[test]
fn one_character_or_cpythons_type_error() {
    let e = ud_category("ab").unwrap_err();
    assert_eq!(e.kind, ExcKind::TypeError);
    assert_eq!(
        e.message,
        "category() argument must be a unicode character, not str"
    );
}
