//! `pathlib.Path` as CPython's PosixPath parses, orders and matches it
//! (the differential topic tests/diff_funcs/cases/paths.py covers the rest).

use pcrt_tests::pcrt::{PyPath, PyRepr, fnmatch};

#[test]
fn paths_parse_as_posix_paths() {
    let cases = [
        ("", "."),
        (".", "."),
        ("a//b/./c/", "a/b/c"),
        ("//srv/x", "//srv/x"),
        ("///etc", "/etc"),
        ("../a/..", "../a/.."),
    ];
    for (text, want) in cases {
        assert_eq!(PyPath::parse(text).as_str(), want, "{text:?}");
    }
    assert_eq!(PyPath::new(&["a", "/b", "c"]).as_str(), "/b/c");
    assert_eq!(PyPath::parse("a/b").py_repr(), "PosixPath('a/b')");
}

#[test]
fn paths_order_by_parts() {
    // by parts, not by text: "a/b" < "a-c" though '/' > '-'
    assert!(PyPath::parse("a/b") < PyPath::parse("a-c"));
    assert!(PyPath::parse("/z") < PyPath::parse("a"));
    assert_eq!(PyPath::parse("a//b"), PyPath::parse("a/b/"));
}

#[test]
fn names_and_suffixes() {
    let p = PyPath::parse("dir/model.tar.gz");
    assert_eq!(
        (p.name(), p.stem(), p.suffix()),
        ("model.tar.gz".into(), "model.tar".into(), ".gz".into())
    );
    assert_eq!(p.suffixes(), vec![".tar".to_string(), ".gz".to_string()]);
    assert_eq!(PyPath::parse(".bashrc").suffix(), "");
    assert_eq!(PyPath::parse("/").parent().as_str(), "/");
    assert_eq!(
        p.with_suffix(".json").unwrap().as_str(),
        "dir/model.tar.json"
    );
    assert!(p.with_suffix("json").is_err());
}

#[test]
fn fnmatch_as_cpython() {
    assert!(fnmatch(".hidden.txt", "*.txt"));
    assert!(fnmatch("a1", "a[0-9]"));
    assert!(!fnmatch("a1", "a[!0-9]"));
    assert!(fnmatch("[x", "[x"));
    assert!(fnmatch("]", "[]]"));
    assert!(!fnmatch("ab", "a"));
}
