//! Parameters decoded as views of the argument buffer (issue 12): a
//! `list[str]` as `Vec<&str>` (one ASCII check over the run of items) and a
//! `dict[str, T]` as `IndexMap<&str, T>`; the same values and the same error
//! messages as the owned decoding.

use pcrt_tests::pcrt::IndexMap;
use pcrt_tests::pcrt::abi::{Args, CallError, Encode, Writer, tag};

/// The argument buffer of one parameter, `value`.
fn args_of(value: &impl Encode) -> Vec<u8> {
    let mut w = Writer::new();
    w.header(tag::TUPLE, 1);
    value.encode(&mut w);
    w.as_slice().to_vec()
}

fn message(e: CallError) -> String {
    match e {
        CallError::BadArgs(m) => m,
        CallError::Raised(e) => format!("raised {e:?}"),
    }
}

fn strs(buf: &[u8]) -> Result<Vec<String>, String> {
    let mut a = Args::new(buf).map_err(message)?;
    let v = a.next_strs("xs").map_err(message)?;
    Ok(v.into_iter().map(str::to_owned).collect())
}

fn owned_strs(buf: &[u8]) -> Result<Vec<String>, String> {
    let mut a = Args::new(buf).map_err(message)?;
    a.next::<Vec<String>>("xs").map_err(message)
}

#[test]
fn str_lists_as_views() {
    let long = "x".repeat(300);
    let lists: Vec<Vec<String>> = vec![
        vec![],
        vec!["a".into(), "bc".into(), String::new()],
        vec!["naïve".into(), "café".into(), "ascii".into()],
        vec![long.clone(), "y".into()],
        vec!["😀".repeat(40), long],
    ];
    for xs in lists {
        let buf = args_of(&xs);
        assert_eq!(strs(&buf), Ok(xs.clone()));
        assert_eq!(strs(&buf), owned_strs(&buf));
    }
}

#[test]
fn bad_str_lists_fail_as_the_owned_decoding() {
    let good = args_of(&vec!["ab".to_string(), "cd".to_string()]);
    // the second item's text is not UTF-8; then its tag is not a str's
    let mut not_utf8 = good.clone();
    let last = not_utf8.len() - 1;
    not_utf8[last] = 0xff;
    let mut wrong_tag = good.clone();
    wrong_tag[last - 10] = 0x03;
    // truncated in the last item
    let truncated = good[..good.len() - 1].to_vec();
    for buf in [not_utf8, wrong_tag, truncated] {
        let view = strs(&buf);
        assert!(view.is_err(), "{view:?}");
        assert_eq!(view, owned_strs(&buf));
    }
}

#[test]
fn str_dicts_as_views() {
    let mut inner: IndexMap<String, i64> = IndexMap::default();
    inner.insert("b".into(), 2);
    inner.insert("ü".into(), -1);
    let mut d: IndexMap<String, IndexMap<String, i64>> = IndexMap::default();
    d.insert("x1".into(), inner.clone());
    d.insert("é".into(), IndexMap::default());
    let buf = args_of(&d);
    let mut a = Args::new(&buf).map_err(message).unwrap();
    let view: IndexMap<&str, IndexMap<&str, i64>> = a.next_view("d").map_err(message).unwrap();
    let pairs: Vec<(&str, Vec<(&str, i64)>)> = view
        .iter()
        .map(|(k, v)| (*k, v.iter().map(|(k, v)| (*k, *v)).collect()))
        .collect();
    assert_eq!(
        pairs,
        vec![("x1", vec![("b", 2), ("ü", -1)]), ("é", vec![])]
    );

    // a value of the wrong type: the owned decoding's message
    let mut bad: IndexMap<String, IndexMap<String, String>> = IndexMap::default();
    bad.insert("k".into(), IndexMap::default());
    bad["k"].insert("f".into(), "no".into());
    let buf = args_of(&bad);
    let mut a = Args::new(&buf).unwrap();
    let view = a
        .next_view::<IndexMap<&str, IndexMap<&str, i64>>>("d")
        .map_err(message);
    let mut a = Args::new(&buf).unwrap();
    let owned = a
        .next::<IndexMap<String, IndexMap<String, i64>>>("d")
        .map_err(message);
    assert!(view.is_err());
    assert_eq!(view.err(), owned.err());
}
