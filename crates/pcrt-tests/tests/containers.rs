//! Containers, iteration, the builtins over them, and math: every expected
//! value below was obtained by running the same expression in CPython 3.11.

use pcrt::{ExcKind, PyErr, PyRepr, PyResult};
use pcrt_tests::pcrt;
use pcrt_tests::pcrt::{IndexMap, IndexSet};

fn err<T: std::fmt::Debug>(r: PyResult<T>) -> String {
    match r {
        Ok(v) => panic!("expected an exception, got {v:?}"),
        Err(e) => e.to_string(),
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

fn ok<T>(x: T) -> PyResult<T> {
    Ok(x)
}

fn map<K: std::hash::Hash + Eq, V>(items: Vec<(K, V)>) -> IndexMap<K, V> {
    items.into_iter().collect()
}

fn set<T: std::hash::Hash + Eq>(items: Vec<T>) -> IndexSet<T> {
    items.into_iter().collect()
}

// ---------------------------------------------------------------------------
// lists: indexing and slicing

#[test]
fn list_indexing() {
    let xs = vec![1i64, 2, 3];
    assert_eq!(pcrt::list_getitem(&xs, 0), Ok(1));
    assert_eq!(pcrt::list_getitem(&xs, -1), Ok(3));
    assert_eq!(pcrt::list_getitem(&xs, -3), Ok(1));
    assert_eq!(
        err(pcrt::list_getitem(&xs, 3)),
        "IndexError: list index out of range"
    );
    assert_eq!(
        err(pcrt::list_getitem(&xs, -4)),
        "IndexError: list index out of range"
    );
    assert_eq!(
        err(pcrt::list_getitem::<i64>(&[], 0)),
        "IndexError: list index out of range"
    );
    assert_eq!(
        err(pcrt::list_getitem(&xs, i64::MIN)),
        "IndexError: list index out of range"
    );

    let mut ys = vec![s("a"), s("b")];
    pcrt::list_setitem(&mut ys, -1, s("é")).unwrap();
    assert_eq!(ys, vec![s("a"), s("é")]);
    assert_eq!(
        err(pcrt::list_setitem(&mut ys, 2, s("x"))),
        "IndexError: list assignment index out of range"
    );
    pcrt::list_delitem(&mut ys, 0).unwrap();
    assert_eq!(ys, vec![s("é")]);
    assert_eq!(
        err(pcrt::list_delitem(&mut ys, -2)),
        "IndexError: list assignment index out of range"
    );
}

#[test]
fn list_slicing() {
    let xs = vec![1i64, 2, 3, 4, 5];
    let sl = |a, b, c| pcrt::list_slice(&xs, a, b, c);
    assert_eq!(sl(None, None, Some(-1)), ok(vec![5, 4, 3, 2, 1]));
    assert_eq!(sl(None, None, Some(-2)), ok(vec![5, 3, 1]));
    assert_eq!(sl(Some(4), Some(1), Some(-1)), ok(vec![5, 4, 3]));
    assert_eq!(sl(Some(-1), Some(-6), Some(-2)), ok(vec![5, 3, 1]));
    assert_eq!(sl(Some(1), Some(100), Some(3)), ok(vec![2, 5]));
    assert_eq!(sl(Some(10), Some(0), Some(-3)), ok(vec![5, 2]));
    assert_eq!(sl(Some(-100), Some(100), None), ok(vec![1, 2, 3, 4, 5]));
    assert_eq!(sl(Some(5), Some(2), None), ok(vec![]));
    assert_eq!(
        sl(Some(i64::MIN), Some(i64::MAX), Some(i64::MIN)),
        ok(vec![])
    );
    assert_eq!(
        sl(Some(i64::MAX), Some(i64::MIN), Some(i64::MIN)),
        ok(vec![5])
    );
    assert_eq!(
        err(sl(None, None, Some(0))),
        "ValueError: slice step cannot be zero"
    );
    let ys = vec![1i64, 2, 3, 4, 5, 6];
    assert_eq!(
        pcrt::list_slice(&ys, Some(1), None, Some(2)),
        ok(vec![2, 4, 6])
    );
}

#[test]
fn list_slice_assignment() {
    let base = || vec![1i64, 2, 3, 4, 5];
    let mut a = base();
    pcrt::list_set_slice(&mut a, None, None, Some(2), vec![9, 9, 9]).unwrap();
    assert_eq!(a, vec![9, 2, 9, 4, 9]);
    let mut a = base();
    assert_eq!(
        err(pcrt::list_set_slice(
            &mut a,
            None,
            None,
            Some(2),
            vec![9, 9]
        )),
        "ValueError: attempt to assign sequence of size 2 to extended slice of size 3"
    );
    let mut a = base();
    pcrt::list_set_slice(&mut a, Some(1), Some(3), None, vec![]).unwrap();
    assert_eq!(a, vec![1, 4, 5]);
    let mut a = base();
    pcrt::list_set_slice(&mut a, Some(3), Some(1), None, vec![7, 8]).unwrap();
    assert_eq!(a, vec![1, 2, 3, 7, 8, 4, 5]);
    let mut a = base();
    pcrt::list_set_slice(&mut a, None, None, Some(-1), vec![5, 4, 3, 2, 1]).unwrap();
    assert_eq!(a, vec![1, 2, 3, 4, 5]);
    let mut a = vec![1i64, 2, 3];
    assert_eq!(
        err(pcrt::list_set_slice(
            &mut a,
            Some(5),
            Some(2),
            Some(-2),
            vec![0]
        )),
        "ValueError: attempt to assign sequence of size 1 to extended slice of size 0"
    );

    let six = || vec![1i64, 2, 3, 4, 5, 6];
    let mut a = six();
    pcrt::list_del_slice(&mut a, None, None, Some(2)).unwrap();
    assert_eq!(a, vec![2, 4, 6]);
    let mut a = six();
    pcrt::list_del_slice(&mut a, None, None, Some(-2)).unwrap();
    assert_eq!(a, vec![1, 3, 5]);
    let mut a = six();
    pcrt::list_del_slice(&mut a, Some(1), Some(-1), None).unwrap();
    assert_eq!(a, vec![1, 6]);
}

// ---------------------------------------------------------------------------
// lists: operators and methods

#[test]
fn list_operators() {
    assert_eq!(pcrt::list_add(&[1i64], &[2, 3]), vec![1, 2, 3]);
    assert_eq!(pcrt::list_mul(&[1i64, 2], -1), ok(vec![]));
    assert_eq!(pcrt::list_mul(&[vec![1i64]], 2), ok(vec![vec![1], vec![1]]));
    assert_eq!(pcrt::list_mul(&[1i64, 2], 2), ok(vec![1, 2, 1, 2]));
    assert_eq!(
        pcrt::list_mul(&[1i64, 2], i64::MAX).map_err(|e| e.kind),
        Err(ExcKind::MemoryError)
    );
    assert!(pcrt::list_lt(&[1i64, 2], &[1, 2, 0]));
    assert!(!pcrt::list_lt(&[1i64, 2], &[1, 1, 5]));
    assert!(pcrt::list_lt(
        &[(1i64, s("b")), (1, s("a"))],
        &[(1, s("b")), (2, s("a"))]
    ));
    assert!(pcrt::list_eq(&[1.5f64], &[1.5]));
    // NaN is unequal to itself (CPython's identity shortcut does not apply
    // to compiled values).
    assert!(!pcrt::list_eq(&[f64::NAN], &[f64::NAN]));
    assert!(!pcrt::list_lt(&[f64::NAN], &[1.0]) && !pcrt::list_gt(&[f64::NAN], &[1.0]));
    assert!(pcrt::list_contains(&[s("naïve"), s("x")], &s("naïve")));
    assert!(!pcrt::list_contains::<i64, i64>(&[], &1));
    // compiled str parameters are `&str`: lookups take a borrowed form
    assert!(pcrt::list_contains(&[s("a")], "a"));
    assert_eq!(pcrt::list_count(&[vec![1i64], vec![]], &[] as &[i64]), 1);
}

#[test]
fn list_methods() {
    assert_eq!(
        err(pcrt::list_index(&[1i64, 2], &3, 0, i64::MAX)),
        "ValueError: 3 is not in list"
    );
    assert_eq!(
        err(pcrt::list_index(&[s("a"), s("b")], "c", 0, i64::MAX)),
        "ValueError: 'c' is not in list"
    );
    assert_eq!(pcrt::list_index(&[1i64, 2, 1, 2], &2, 2, i64::MAX), Ok(3));
    assert_eq!(pcrt::list_index(&[1i64, 2, 1, 2], &2, -1, i64::MAX), Ok(3));
    assert_eq!(
        err(pcrt::list_index(&[1i64, 2, 1, 2], &1, 1, 2)),
        "ValueError: 1 is not in list"
    );
    assert_eq!(
        pcrt::list_index(&[1i64, 2], &1, i64::MIN, i64::MIN + 1),
        Err(PyErr::value_error("1 is not in list"))
    );

    let mut xs: Vec<i64> = vec![];
    assert_eq!(
        err(pcrt::list_pop(&mut xs, -1)),
        "IndexError: pop from empty list"
    );
    let mut xs = vec![1i64];
    assert_eq!(
        err(pcrt::list_pop(&mut xs, 1)),
        "IndexError: pop index out of range"
    );
    let mut xs = vec![1i64, 2, 3];
    assert_eq!(
        err(pcrt::list_pop(&mut xs, -4)),
        "IndexError: pop index out of range"
    );
    assert_eq!(pcrt::list_pop(&mut xs, -3), Ok(1));
    assert_eq!(xs, vec![2, 3]);
    assert_eq!(
        err(pcrt::list_remove(&mut xs, &5)),
        "ValueError: list.remove(x): x not in list"
    );
    pcrt::list_remove(&mut xs, &3).unwrap();
    assert_eq!(xs, vec![2]);

    let mut l = vec![3i64, 1, 2];
    pcrt::list_insert(&mut l, 1, 9).unwrap();
    pcrt::list_insert(&mut l, -1, 8).unwrap();
    pcrt::list_insert(&mut l, 100, 7).unwrap();
    pcrt::list_insert(&mut l, i64::MIN, 0).unwrap();
    assert_eq!(l, vec![0, 3, 9, 1, 8, 2, 7]);
    assert_eq!(pcrt::list_count(&[1i64, 2, 1], &1), 2);
    pcrt::list_extend(&mut l, pcrt::py_range1(2)).unwrap();
    assert_eq!(l, vec![0, 3, 9, 1, 8, 2, 7, 0, 1]);
    pcrt::list_reverse(&mut l);
    assert_eq!(l[0], 1);
    pcrt::list_clear(&mut l);
    assert!(l.is_empty());
}

// ---------------------------------------------------------------------------
// sorting

#[test]
fn sort_basics() {
    assert_eq!(
        pcrt::py_sorted(vec![3i64, 1, 2], true).unwrap(),
        vec![3, 2, 1]
    );
    assert_eq!(
        pcrt::py_sorted(vec![s("b"), s("A"), s("a"), s("B")], false).unwrap(),
        vec![s("A"), s("B"), s("a"), s("b")]
    );
    assert_eq!(
        pcrt::py_sorted(vec![(1i64, s("b")), (0, s("z")), (1, s("a"))], false).unwrap(),
        vec![(0, s("z")), (1, s("a")), (1, s("b"))]
    );
    let mut xs: Vec<i64> = (0..1000).map(|i| (i * 7919) % 1009).collect();
    pcrt::list_sort(&mut xs, false);
    assert!(xs.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn sort_is_stable_with_key_and_reverse() {
    let pairs = vec![(1i64, s("b")), (0, s("z")), (1, s("a")), (0, s("y"))];
    let by_first = |p: (i64, String)| -> PyResult<i64> { Ok(p.0) };
    assert_eq!(
        pcrt::py_sorted_by_key(pairs.clone(), by_first, false),
        ok(vec![(0, s("z")), (0, s("y")), (1, s("b")), (1, s("a"))])
    );
    // reverse keeps equal items in their original order, as CPython does
    assert_eq!(
        pcrt::py_sorted_by_key(pairs.clone(), by_first, true),
        ok(vec![(1, s("b")), (1, s("a")), (0, s("z")), (0, s("y"))])
    );
    let mut xs = pairs.clone();
    pcrt::list_sort_by_key(&mut xs, by_first, true).unwrap();
    assert_eq!(xs, vec![(1, s("b")), (1, s("a")), (0, s("z")), (0, s("y"))]);

    // a key that raises leaves the list unchanged; keys are computed in order
    let mut calls = Vec::new();
    let mut xs = vec![3i64, 1, 2];
    let r = pcrt::list_sort_by_key(
        &mut xs,
        |x| {
            calls.push(x);
            if x == 1 {
                Err(PyErr::value_error("bad"))
            } else {
                Ok(x)
            }
        },
        false,
    );
    assert_eq!(err(r), "ValueError: bad");
    assert_eq!(xs, vec![3, 1, 2]);
    assert_eq!(calls, vec![3, 1]);

    // 300 items with 10 distinct keys: each key's items keep their order
    let ys: Vec<i64> = (0..300).map(|i| (i * 7919) % 10).collect();
    let order = pcrt::sort_order(ys.len(), false, |a, b| ys[a] < ys[b]);
    assert_eq!(
        &order[..20],
        &[
            0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190
        ]
    );
}

#[test]
fn sort_with_nan_matches_cpython() {
    // sorted([3.0, nan, 1.0, 2.0]) and sorted([nan, 3.0, 1.0, 2.0, 0.5])
    let a = pcrt::py_sorted(vec![3.0, f64::NAN, 1.0, 2.0], false).unwrap();
    assert_eq!(
        a.iter().map(|x| x.py_repr()).collect::<Vec<_>>(),
        ["3.0", "nan", "1.0", "2.0"]
    );
    let b = pcrt::py_sorted(vec![f64::NAN, 3.0, 1.0, 2.0, 0.5], false).unwrap();
    assert_eq!(
        b.iter().map(|x| x.py_repr()).collect::<Vec<_>>(),
        ["nan", "0.5", "1.0", "2.0", "3.0"]
    );

    // 100 items (past the binary-insertion size, so runs are merged):
    // xs = [float(i * 37 % 101) if i % 13 else nan for i in range(100)]
    // sorted(range(100), key=lambda i: xs[i]) and the same with reverse=True
    let xs: Vec<f64> = (0..100)
        .map(|i| {
            if i % 13 != 0 {
                ((i * 37) % 101) as f64
            } else {
                f64::NAN
            }
        })
        .collect();
    let expected: [usize; 100] = [
        0, 41, 11, 22, 33, 3, 44, 14, 25, 36, 6, 47, 17, 28, 9, 20, 31, 1, 42, 12, 23, 34, 4, 45,
        15, 37, 7, 48, 18, 29, 40, 10, 21, 32, 2, 43, 24, 35, 5, 46, 16, 38, 8, 13, 19, 26, 27, 30,
        39, 71, 82, 93, 63, 74, 85, 50, 51, 52, 55, 96, 66, 77, 88, 58, 99, 69, 80, 61, 72, 83, 53,
        94, 64, 75, 86, 56, 97, 67, 89, 59, 70, 81, 92, 62, 73, 84, 54, 95, 76, 87, 57, 98, 68, 79,
        49, 60, 65, 78, 90, 91,
    ];
    assert_eq!(
        pcrt::sort_order(xs.len(), false, |a, b| xs[a] < xs[b]),
        expected
    );
    let expected_rev: [usize; 100] = [
        0, 13, 19, 8, 26, 30, 38, 27, 16, 39, 49, 46, 5, 35, 24, 43, 2, 32, 21, 10, 40, 29, 18, 48,
        7, 37, 15, 45, 4, 34, 23, 12, 42, 1, 31, 20, 9, 28, 17, 47, 6, 36, 25, 14, 44, 3, 33, 22,
        11, 41, 52, 60, 65, 78, 90, 79, 68, 57, 91, 98, 87, 76, 95, 54, 84, 73, 62, 92, 51, 81, 70,
        59, 89, 67, 97, 56, 86, 75, 64, 94, 53, 83, 72, 61, 50, 80, 69, 99, 58, 88, 77, 66, 96, 55,
        85, 74, 63, 93, 82, 71,
    ];
    assert_eq!(
        pcrt::sort_order(xs.len(), true, |a, b| xs[a] < xs[b]),
        expected_rev
    );
}

/// The plain sorts (Rust's stable sort where no NaN is held) give timsort's
/// result: ties, -0.0 against 0.0, reverse, keys, tuples, and a NaN (the
/// fallback to timsort, which CPython's result depends on).
#[test]
fn plain_sorts_match_timsort() {
    let mut seed = 12u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for n in [0usize, 1, 2, 31, 64, 65, 300, 2000] {
        let ints: Vec<i64> = (0..n).map(|_| (next() % 17) as i64 - 8).collect();
        let floats: Vec<f64> = ints
            .iter()
            .map(|&i| if i == 0 { -0.0 } else { i as f64 / 4.0 })
            .collect();
        let mut with_nan = floats.clone();
        if n > 2 {
            with_nan[n / 2] = f64::NAN;
            with_nan[1] = f64::NAN;
        }
        let recs: Vec<(i64, f64, String)> = (0..n)
            .map(|i| (ints[i] % 3, floats[i], format!("é{}", next() % 5)))
            .collect();
        for reverse in [false, true] {
            assert_eq!(
                pcrt::py_sorted_plain(ints.clone(), reverse).unwrap(),
                pcrt::py_sorted(ints.clone(), reverse).unwrap()
            );
            for xs in [&floats, &with_nan] {
                let got = pcrt::py_sorted_plain(xs.clone(), reverse).unwrap();
                let want = pcrt::py_sorted(xs.clone(), reverse).unwrap();
                assert_eq!(format!("{got:?}"), format!("{want:?}"));
                // sorted(range(n), key=lambda i: xs[i])
                let key = |i: i64| -> PyResult<f64> { Ok(xs[i as usize]) };
                assert_eq!(
                    pcrt::py_sorted_by_key_plain(0..n as i64, key, reverse).unwrap(),
                    pcrt::py_sorted_by_key(0..n as i64, key, reverse).unwrap()
                );
            }
            let mut got = recs.clone();
            pcrt::list_sort_plain(&mut got, reverse);
            let mut want = recs.clone();
            pcrt::list_sort(&mut want, reverse);
            assert_eq!(format!("{got:?}"), format!("{want:?}"));
            let by_name = |r: (i64, f64, String)| -> PyResult<(String, i64)> { Ok((r.2, r.0)) };
            let mut got = recs.clone();
            pcrt::list_sort_by_key_plain(&mut got, by_name, reverse).unwrap();
            let mut want = recs.clone();
            pcrt::list_sort_by_key(&mut want, by_name, reverse).unwrap();
            assert_eq!(format!("{got:?}"), format!("{want:?}"));
        }
    }
}

// ---------------------------------------------------------------------------
// dicts

#[test]
fn dict_lookups_and_errors() {
    let d = map(vec![(s("a"), 1i64), (s("b"), 2)]);
    assert_eq!(pcrt::dict_getitem(&d, &s("a")), Ok(1));
    assert_eq!(err(pcrt::dict_getitem(&d, &s("x"))), "KeyError: 'x'");
    assert_eq!(err(pcrt::dict_getitem(&d, "it's")), "KeyError: \"it's\"");
    assert_eq!(pcrt::dict_get_or(&d, "a", 0), 1);
    let t = map(vec![((1i64, s("a")), 1i64)]);
    assert_eq!(
        err(pcrt::dict_getitem(&t, &(2, s("b")))),
        "KeyError: (2, 'b')"
    );
    let n = map(vec![(1i64, 2i64)]);
    assert_eq!(err(pcrt::dict_getitem(&n, &3)), "KeyError: 3");
    assert_eq!(pcrt::dict_get(&d, &s("b")), Some(2));
    assert_eq!(pcrt::dict_get(&d, &s("z")), None);
    assert_eq!(pcrt::dict_get_or(&d, &s("z"), 0), 0);
    assert!(pcrt::dict_contains(&d, &s("a")));

    let mut e: IndexMap<String, i64> = IndexMap::default();
    assert_eq!(
        err(pcrt::dict_popitem(&mut e)),
        "KeyError: 'popitem(): dictionary is empty'"
    );
    assert_eq!(err(pcrt::dict_pop(&mut e, &s("k"))), "KeyError: 'k'");
    assert_eq!(pcrt::dict_pop_or(&mut e, &s("k"), 5), 5);
    assert_eq!(err(pcrt::dict_delitem(&mut e, &s("b"))), "KeyError: 'b'");
}

/// `e.args` of the errors the runtime raises: a `KeyError`'s key (CPython's
/// `KeyError((2, 'b')).args` is `((2, 'b'),)`, its repr `KeyError((2, 'b'))`), an
/// `OSError`'s `(errno, strerror)`, else the message.
#[test]
fn runtime_error_args() {
    use pcrt::Obj;
    let args = |e: &PyErr| pcrt::exc_args(e).py_repr();
    let t = map(vec![((1i64, s("a")), 1i64)]);
    let e = pcrt::dict_getitem(&t, &(2, s("b"))).unwrap_err();
    assert_eq!(args(&e), "((2, 'b'),)");
    assert_eq!(pcrt::exc_repr(&e), "KeyError((2, 'b'))");
    let n = map(vec![(1i64, 2i64)]);
    let e = pcrt::dict_getitem(&n, &-3).unwrap_err();
    assert_eq!(pcrt::exc_args(&e), Obj::Tuple(vec![Obj::Int(-3)]));
    let mut empty: IndexMap<String, i64> = IndexMap::default();
    let e = pcrt::dict_popitem(&mut empty).unwrap_err();
    assert_eq!(args(&e), "('popitem(): dictionary is empty',)");
    assert_eq!(
        args(&PyErr::index_error("list index out of range")),
        "('list index out of range',)"
    );
    assert_eq!(args(&PyErr::new(ExcKind::AssertionError, "")), "()");
    let Err(e) = pcrt::open_text("/nonexistent/x", "r", None, None, None) else {
        panic!("opened a missing file");
    };
    assert_eq!(e.kind, ExcKind::FileNotFoundError);
    assert_eq!(
        e.message,
        "[Errno 2] No such file or directory: '/nonexistent/x'"
    );
    assert_eq!(args(&e), "(2, 'No such file or directory')");
    assert_eq!(
        pcrt::exc_repr(&e),
        "FileNotFoundError(2, 'No such file or directory')"
    );
    assert_eq!(pcrt::os_errno(&e), Some(2));
    assert_eq!(
        pcrt::os_strerror(&e).as_deref(),
        Some("No such file or directory")
    );
    assert_eq!(pcrt::os_filename(&e).as_deref(), Some("/nonexistent/x"));
    assert_eq!(pcrt::os_errno(&PyErr::new(ExcKind::OSError, "x")), None);
}

#[test]
fn dict_order() {
    // d = {'a': 1, 'b': 2, 'c': 3}; d.popitem() -> ('c', 3)
    let mut d = map(vec![(s("a"), 1i64), (s("b"), 2), (s("c"), 3)]);
    assert_eq!(pcrt::dict_popitem(&mut d), Ok((s("c"), 3)));
    // d['z'] = 0; del d['a']; d['a'] = 5 -> {'b': 2, 'z': 0, 'a': 5}
    pcrt::dict_setitem(&mut d, s("z"), 0).unwrap();
    pcrt::dict_delitem(&mut d, &s("a")).unwrap();
    pcrt::dict_setitem(&mut d, s("a"), 5).unwrap();
    assert_eq!(d.py_repr(), "{'b': 2, 'z': 0, 'a': 5}");
    // assigning an existing key keeps its place
    pcrt::dict_setitem(&mut d, s("b"), 9).unwrap();
    assert_eq!(
        pcrt::dict_keys(&d).collect::<Vec<_>>(),
        vec![s("b"), s("z"), s("a")]
    );
    assert_eq!(pcrt::dict_values(&d).collect::<Vec<_>>(), vec![9, 0, 5]);
    assert_eq!(pcrt::dict_items(&d).next(), Some((s("b"), 9)));
    assert_eq!(pcrt::dict_setdefault(&mut d, s("z"), 7).unwrap(), 0);
    assert_eq!(pcrt::dict_setdefault(&mut d, s("n"), 7).unwrap(), 7);
    assert_eq!(
        pcrt::dict_reversed(&d).collect::<Vec<_>>(),
        vec![s("n"), s("a"), s("z"), s("b")]
    );
}

#[test]
fn dict_construction_and_equality() {
    // dict(zip('abc', [1, 2, 3]))
    let d = pcrt::dict_from_pairs(pcrt::py_zip2(
        pcrt::py_reversed_str("cba"),
        vec![1i64, 2, 3],
    ))
    .unwrap();
    assert_eq!(d.py_repr(), "{'a': 1, 'b': 2, 'c': 3}");
    // dict([('a', 1), ('a', 2)]) -> {'a': 2}
    let d2 = pcrt::dict_from_pairs(vec![(s("a"), 1i64), (s("a"), 2)]).unwrap();
    assert_eq!(d2.py_repr(), "{'a': 2}");
    // equality ignores order
    let x = map(vec![(s("a"), 1i64), (s("b"), 2)]);
    let y = map(vec![(s("b"), 2i64), (s("a"), 1)]);
    assert!(pcrt::dict_eq(&x, &y));
    assert!(!pcrt::dict_eq(&x, &map(vec![(s("a"), 1i64)])));
    // {'a': 1} | {'a': 2, 'b': 3}
    let o = pcrt::dict_or(
        &map(vec![(s("a"), 1i64)]),
        &map(vec![(s("a"), 2i64), (s("b"), 3)]),
    );
    assert_eq!(o.py_repr(), "{'a': 2, 'b': 3}");
    let mut u = map(vec![(1i64, 1.5f64)]);
    pcrt::dict_update_pairs(&mut u, vec![(2, 2.5), (1, -0.0)]).unwrap();
    assert_eq!(u.py_repr(), "{1: -0.0, 2: 2.5}");
    let empty: IndexMap<i64, i64> = pcrt::dict_new();
    assert_eq!(empty.py_repr(), "{}");
}

// ---------------------------------------------------------------------------
// sets

#[test]
fn set_operations() {
    let a = set(vec![1i64, 2, 3]);
    let b = set(vec![2i64, 3, 4]);
    assert_eq!(pcrt::set_symmetric_difference(&a, &b), set(vec![1, 4]));
    assert_eq!(pcrt::set_union(&a, &b).py_repr(), "{1, 2, 3, 4}");
    assert_eq!(pcrt::set_intersection(&a, &b).py_repr(), "{2, 3}");
    assert_eq!(pcrt::set_difference(&a, &b).py_repr(), "{1}");
    assert!(pcrt::set_le(&set(vec![1i64, 2]), &set(vec![1, 2])));
    assert!(!pcrt::set_lt(&set(vec![1i64, 2]), &set(vec![1, 2])));
    assert!(pcrt::set_lt(&set(vec![1i64]), &set(vec![1, 2])));
    assert!(pcrt::set_issubset_iter(&set(vec![1i64, 2]), vec![1, 2, 3]).unwrap());
    assert!(pcrt::set_issuperset_iter(&set(vec![1i64, 2]), vec![1]));
    assert!(pcrt::set_isdisjoint_iter(&set(vec![1i64, 2]), vec![3]));
    assert!(pcrt::set_eq(&set(vec![1i64, 2]), &set(vec![2, 1])));

    let mut e: IndexSet<i64> = pcrt::set_new();
    assert_eq!(e.py_repr(), "set()");
    assert_eq!(
        err(pcrt::set_pop(&mut e)),
        "KeyError: 'pop from an empty set'"
    );
    let mut one = set(vec![1i64]);
    assert_eq!(err(pcrt::set_remove(&mut one, &2)), "KeyError: 2");
    let mut strs = set(vec![s("a")]);
    assert_eq!(err(pcrt::set_remove(&mut strs, &s("b"))), "KeyError: 'b'");
    pcrt::set_discard(&mut strs, "b");
    assert!(pcrt::set_contains(&strs, "a"));
    pcrt::set_add(&mut strs, s("ü")).unwrap();
    assert_eq!(strs.py_repr(), "{'a', 'ü'}");
    let mut c = set(vec![1i64, 2, 3]);
    pcrt::set_symmetric_difference_update(&mut c, vec![3, 4, 4]).unwrap();
    assert_eq!(c, set(vec![1, 2, 4]));
    pcrt::set_intersection_update(&mut c, vec![2, 4, 9]).unwrap();
    assert_eq!(c, set(vec![2, 4]));
    pcrt::set_difference_update(&mut c, vec![4]).unwrap();
    assert_eq!(c, set(vec![2]));
    assert_eq!(
        pcrt::py_set(vec![3i64, 1, 3, 2]).unwrap().py_repr(),
        "{3, 1, 2}"
    );
}

#[test]
fn frozensets() {
    use pcrt::PyHash;
    let e: pcrt::FrozenSet<i64> = pcrt::frozenset_new();
    assert_eq!(e.py_repr(), "frozenset()");
    let a = pcrt::py_frozenset(vec![1i64, 2, 3, 2]).unwrap();
    let b = pcrt::py_frozenset(vec![3i64, 1, 2]).unwrap();
    assert_eq!(a.py_repr(), "frozenset({1, 2, 3})");
    assert_eq!(a, b);
    assert_eq!(
        pcrt::FrozenSet(set(vec![s("é")])).py_repr(),
        "frozenset({'é'})"
    );
    // the set functions read a frozenset through Deref
    assert!(pcrt::set_eq(&a, &set(vec![2, 3, 1])));
    assert_eq!(pcrt::set_union(&a, &set(vec![4])).py_repr(), "{1, 2, 3, 4}");
    assert!(pcrt::set_contains(&a, &3));
    // a dict key: equal frozensets built in another order are one key
    let mut d: IndexMap<pcrt::FrozenSet<i64>, i64> = IndexMap::default();
    d.insert(a.clone(), 1);
    *d.entry(b.clone()).or_insert(0) += 1;
    assert_eq!(d.len(), 1);
    assert_eq!(d[&a], 2);
    // hash(frozenset(...)) in CPython 3.11
    assert_eq!(a.py_hash_value(), -272375401224217160);
    assert_eq!(e.py_hash_value(), 133146708735736);
    assert_eq!(
        pcrt::py_frozenset(vec![-1i64, 1 << 40])
            .unwrap()
            .py_hash_value(),
        7094953512933204024
    );
}

// ---------------------------------------------------------------------------
// range, enumerate, zip, reversed

#[test]
fn ranges() {
    let v = |r: pcrt::PyRange| r.collect::<Vec<i64>>();
    assert_eq!(v(pcrt::py_range3(10, 0, -3).unwrap()), vec![10, 7, 4, 1]);
    assert_eq!(
        v(pcrt::py_range3(5, -5, -2).unwrap()),
        vec![5, 3, 1, -1, -3]
    );
    assert_eq!(v(pcrt::py_range1(-5)), Vec::<i64>::new());
    assert_eq!(v(pcrt::py_range2(2, 5)), vec![2, 3, 4]);
    assert_eq!(
        err(pcrt::py_range3(0, 10, 0)),
        "ValueError: range() arg 3 must not be zero"
    );
    // list(range(-2**63, 2**63 - 1, 2**62)): no overflow past the last item
    assert_eq!(
        v(pcrt::py_range3(i64::MIN, i64::MAX, 1 << 62).unwrap()),
        vec![i64::MIN, -(1 << 62), 0, 1 << 62]
    );
    assert_eq!(
        v(pcrt::py_range3(i64::MAX, i64::MIN, i64::MIN).unwrap()),
        vec![i64::MAX, -1]
    );

    let r = pcrt::py_range3(0, 10, 3).unwrap();
    assert_eq!(r.len(), Ok(4));
    assert_eq!(r.getitem(-1), Ok(9));
    assert_eq!(
        err(r.getitem(4)),
        "IndexError: range object index out of range"
    );
    assert_eq!(r.py_repr(), "range(0, 10, 3)");
    assert!(pcrt::py_iter_contains(
        pcrt::py_range3(1, 10, 3).unwrap(),
        &7
    ));
    assert!(!pcrt::py_iter_contains(
        pcrt::py_range3(1, 10, 3).unwrap(),
        &8
    ));
    assert!(pcrt::py_iter_contains(
        pcrt::py_range3(10, -5, -3).unwrap(),
        &-2
    ));
    assert!(pcrt::py_iter_contains(
        pcrt::py_range2(0, i64::MAX),
        &(i64::MAX - 1)
    ));
    assert!(pcrt::py_iter_contains(
        vec![s("a"), s("b")].into_iter(),
        &s("b")
    ));
    assert_eq!(
        err(pcrt::py_len_iter(pcrt::py_range2(i64::MIN, i64::MAX))),
        "OverflowError: Python int too large to convert to C ssize_t"
    );
    assert_eq!(pcrt::py_len_iter(pcrt::py_range2(5, 1)), Ok(0));
    assert_eq!(
        pcrt::py_reversed_iter(pcrt::py_range3(0, 10, 3).unwrap()).collect::<Vec<_>>(),
        vec![9, 6, 3, 0]
    );
    assert_eq!(
        pcrt::py_range1(4).rev().collect::<Vec<_>>(),
        vec![3, 2, 1, 0]
    );
}

#[test]
fn lazy_builtins() {
    let e: Vec<(i64, String)> = pcrt::py_enumerate(vec![s("a"), s("b"), s("c")], 5).collect();
    assert_eq!(e, vec![(5, s("a")), (6, s("b")), (7, s("c"))]);
    let z: Vec<(i64, String)> = pcrt::py_zip2(vec![1i64, 2, 3], vec![s("a"), s("b")]).collect();
    assert_eq!(z, vec![(1, s("a")), (2, s("b"))]);
    let z3: Vec<(i64, String, bool)> = pcrt::py_zip3(
        vec![1i64, 2],
        vec![s("a"), s("b"), s("c")],
        vec![true, false, true],
    )
    .collect();
    assert_eq!(z3, vec![(1, s("a"), true), (2, s("b"), false)]);
    assert_eq!(
        pcrt::py_reversed(vec![1i64, 2, 3]).collect::<Vec<_>>(),
        vec![3, 2, 1]
    );
    assert_eq!(
        pcrt::py_reversed_str("héllo").collect::<Vec<_>>(),
        vec![s("o"), s("l"), s("l"), s("é"), s("h")]
    );
    assert_eq!(pcrt::py_list(pcrt::py_range1(3)), ok(vec![0, 1, 2]));
}

// ---------------------------------------------------------------------------
// sum, min, max, any, all

#[test]
fn sums() {
    assert_eq!(pcrt::py_sum_int(vec![1, 2, 3], 0), Ok(6));
    // intermediate values past i64 are fine when the total fits
    assert_eq!(
        pcrt::py_sum_int(vec![i64::MAX, i64::MAX, -i64::MAX], 0),
        Ok(i64::MAX)
    );
    assert_eq!(
        pcrt::py_sum_int(vec![i64::MAX], 1).map_err(|e| e.kind),
        Err(ExcKind::OverflowError)
    );
    assert_eq!(pcrt::py_sum_bool(vec![true, false, true], 0), Ok(2));
    // sum([0.1] * 10) == 0.9999999999999999 (plain addition, as 3.11)
    assert_eq!(pcrt::py_sum_float(vec![0.1; 10], 0.0), 0.9999999999999999);
    assert_eq!(pcrt::py_sum_float(vec![1e100, 1.0, -1e100], 0.0), 0.0);
    assert_eq!(pcrt::py_sum_float(vec![-0.0], 0.0).py_repr(), "0.0");
}

#[test]
fn min_max() {
    assert_eq!(
        err(pcrt::py_max(Vec::<i64>::new())),
        "ValueError: max() arg is an empty sequence"
    );
    assert_eq!(
        err(pcrt::py_min(Vec::<i64>::new())),
        "ValueError: min() arg is an empty sequence"
    );
    assert_eq!(pcrt::py_max_default(Vec::<i64>::new(), 7), 7);
    assert_eq!(pcrt::py_min_default(vec![4i64, 2], 7), 2);
    assert_eq!(pcrt::py_max2(1i64, 2), 2);
    assert_eq!(pcrt::py_min3(s("b"), s("a"), s("c")), s("a"));
    // ties: the first maximal (minimal) item wins
    let pairs = vec![(1i64, s("b")), (0, s("z")), (1, s("a"))];
    assert_eq!(
        pcrt::py_max_key(pairs.clone(), |p: (i64, String)| Ok(p.0)),
        ok((1, s("b")))
    );
    let pairs2 = vec![(1i64, s("b")), (0, s("z")), (0, s("a"))];
    assert_eq!(
        pcrt::py_min_key(pairs2, |p: (i64, String)| Ok(p.0)),
        ok((0, s("z")))
    );
    let words = vec![s("aa"), s("b"), s("cc")];
    assert_eq!(
        pcrt::py_max_key(words.clone(), |w: String| Ok(w.chars().count() as i64)),
        ok(s("aa"))
    );
    assert_eq!(
        pcrt::py_min_key(
            vec![s("aa"), s("b"), s("c")],
            |w: String| Ok(w.len() as i64)
        ),
        ok(s("b"))
    );
    assert_eq!(
        pcrt::py_max_key_default(Vec::<String>::new(), |w: String| Ok(w.len() as i64), s("d")),
        ok(s("d"))
    );
    assert_eq!(
        pcrt::py_max_key_opt(vec![s("b"), s("aa"), s("cc")], |w: String| Ok(
            w.len() as i64
        )),
        ok(Some(s("aa")))
    );
    assert_eq!(
        pcrt::py_min_key_opt(Vec::<String>::new(), |w: String| Ok(w.len() as i64)),
        ok(None)
    );
    assert_eq!(
        pcrt::py_min_key_opt(
            vec![s("bb"), s("a"), s("c")],
            |w: String| Ok(w.len() as i64)
        ),
        ok(Some(s("a")))
    );
    assert_eq!(
        err(pcrt::py_min_key(Vec::<String>::new(), |w: String| Ok(
            w.len() as i64
        ))),
        "ValueError: min() arg is an empty sequence"
    );
    assert_eq!(
        pcrt::py_max2_key(s("ab"), s("c"), |w: String| Ok(w.len() as i64)),
        ok(s("ab"))
    );
    // NaN: max([nan, 1.0, 2.0]) is nan; max([1.0, nan, 2.0]) is 2.0;
    // min([2.0, nan, 1.0]) is 1.0; max(1.0, nan) is 1.0; max(nan, 1.0) is nan
    assert!(pcrt::py_max(vec![f64::NAN, 1.0, 2.0]).unwrap().is_nan());
    assert_eq!(pcrt::py_max(vec![1.0, f64::NAN, 2.0]), Ok(2.0));
    assert_eq!(pcrt::py_min(vec![2.0, f64::NAN, 1.0]), Ok(1.0));
    assert_eq!(pcrt::py_max2(1.0, f64::NAN), 1.0);
    assert!(pcrt::py_max2(f64::NAN, 1.0).is_nan());
}

#[test]
fn any_all() {
    assert!(!pcrt::py_any(Vec::<bool>::new()));
    assert!(pcrt::py_all(Vec::<bool>::new()));
    assert!(pcrt::py_any(vec![false, true]));
    assert!(!pcrt::py_all(vec![true, false]));
}

// ---------------------------------------------------------------------------
// repr of containers

#[test]
fn container_repr() {
    let d = map(vec![(1i64, (vec![1.5f64], s("x"))), (2, (vec![], s("")))]);
    assert_eq!(d.py_repr(), "{1: ([1.5], 'x'), 2: ([], '')}");
    assert_eq!((1i64,).py_repr(), "(1,)");
    assert_eq!((1i64, s("a")).py_repr(), "(1, 'a')");
    assert_eq!(
        (1i64, 2.0f64, true, s("d"), None::<i64>, vec![0i64]).py_repr(),
        "(1, 2.0, True, 'd', None, [0])"
    );
    assert_eq!(vec![Some(1i64), None].py_repr(), "[1, None]");
    assert_eq!(vec![s("it's")].py_str(), "[\"it's\"]");
    assert_eq!(set(vec![(1i64, 2i64)]).py_repr(), "{(1, 2)}");
}

// ---------------------------------------------------------------------------
// math

#[test]
fn math_errors() {
    assert_eq!(err(pcrt::math_log(0.0)), "ValueError: math domain error");
    assert_eq!(err(pcrt::math_log(-1.0)), "ValueError: math domain error");
    assert_eq!(pcrt::math_log_base(8.0, 2.0), Ok(3.0));
    assert_eq!(
        err(pcrt::math_log_base(8.0, 1.0)),
        "ZeroDivisionError: float division by zero"
    );
    assert_eq!(
        err(pcrt::math_log_base(0.0, 1.0)),
        "ValueError: math domain error"
    );
    assert_eq!(err(pcrt::math_sqrt(-1.0)), "ValueError: math domain error");
    assert_eq!(pcrt::math_sqrt(-0.0).map(|x| x.py_repr()), Ok(s("-0.0")));
    assert_eq!(
        err(pcrt::math_exp(1000.0)),
        "OverflowError: math range error"
    );
    assert_eq!(pcrt::math_exp(-1000.0), Ok(0.0));
    assert_eq!(
        err(pcrt::math_pow(0.0, -1.0)),
        "ValueError: math domain error"
    );
    assert_eq!(
        err(pcrt::math_pow(-8.0, 1.0 / 3.0)),
        "ValueError: math domain error"
    );
    assert_eq!(
        err(pcrt::math_pow(10.0, 400.0)),
        "OverflowError: math range error"
    );
    assert_eq!(
        pcrt::math_pow(f64::NEG_INFINITY, -3.0).map(|x| x.py_repr()),
        Ok(s("-0.0"))
    );
    assert_eq!(pcrt::math_pow(f64::NAN, 0.0), Ok(1.0));
    assert_eq!(pcrt::math_pow(1.0, f64::NAN), Ok(1.0));
    assert_eq!(
        err(pcrt::math_floor(f64::NAN)),
        "ValueError: cannot convert float NaN to integer"
    );
    assert_eq!(
        err(pcrt::math_floor(f64::INFINITY)),
        "OverflowError: cannot convert float infinity to integer"
    );
    assert_eq!(
        pcrt::math_floor(1e300).map_err(|e| e.kind),
        Err(ExcKind::OverflowError)
    );
    assert_eq!(pcrt::math_floor(-(2f64.powi(63))), Ok(i64::MIN));
    assert_eq!(pcrt::math_ceil(-0.5), Ok(0));
    assert_eq!(pcrt::math_trunc(-2.7), Ok(-2));
    assert_eq!(
        err(pcrt::math_cos(f64::INFINITY)),
        "ValueError: math domain error"
    );
    assert_eq!(err(pcrt::math_atanh(1.0)), "ValueError: math domain error");
    assert_eq!(err(pcrt::math_acosh(0.5)), "ValueError: math domain error");
    assert_eq!(
        err(pcrt::math_cosh(1000.0)),
        "OverflowError: math range error"
    );
    assert_eq!(
        pcrt::math_tan(pcrt::MATH_PI / 2.0),
        Ok(1.633123935319537e16)
    );
    assert_eq!(
        err(pcrt::math_fmod(1.0, 0.0)),
        "ValueError: math domain error"
    );
    assert_eq!(
        err(pcrt::math_fmod(f64::INFINITY, 1.0)),
        "ValueError: math domain error"
    );
    assert_eq!(pcrt::math_fmod(1.0, f64::INFINITY), Ok(1.0));
    assert_eq!(pcrt::math_fmod(-7.0, 3.0), Ok(-1.0));
    assert_eq!(
        err(pcrt::math_isclose(1.0, 1.1, -1.0, 0.0)),
        "ValueError: tolerances must be non-negative"
    );
    assert_eq!(pcrt::math_isclose(1.0, 1.0 + 1e-10, 1e-9, 0.0), Ok(true));
    assert_eq!(
        err(pcrt::math_ldexp(1.0, 1024)),
        "OverflowError: math range error"
    );
    assert_eq!(pcrt::math_ldexp(1.0, -1075), Ok(0.0));
    assert_eq!(pcrt::math_ldexp(1.0, i64::MIN), Ok(0.0));
}

#[test]
fn math_fsum_and_friends() {
    assert_eq!(pcrt::math_fsum(vec![1e100, 1.0, -1e100]), Ok(1.0));
    assert_eq!(pcrt::math_fsum(vec![0.1; 10]), Ok(1.0));
    assert_eq!(
        pcrt::math_fsum(vec![1e-16, 1.0, 1e16]),
        Ok(1.0000000000000002e16)
    );
    assert_eq!(pcrt::math_fsum(Vec::new()), Ok(0.0));
    assert_eq!(
        pcrt::math_fsum(vec![-0.0]).map(|x| x.py_repr()),
        Ok(s("0.0"))
    );
    assert_eq!(
        err(pcrt::math_fsum(vec![f64::INFINITY, f64::NEG_INFINITY])),
        "ValueError: -inf + inf in fsum"
    );
    assert_eq!(
        err(pcrt::math_fsum(vec![1e308, 1e308])),
        "OverflowError: intermediate overflow in fsum"
    );
    assert_eq!(
        err(pcrt::math_fsum(vec![f64::INFINITY, 1e308, 1e308])),
        "OverflowError: intermediate overflow in fsum"
    );
    assert_eq!(pcrt::math_fsum(vec![f64::INFINITY, 1.0]), Ok(f64::INFINITY));
    assert!(pcrt::math_fsum(vec![f64::NAN, 1.0]).unwrap().is_nan());

    assert_eq!(pcrt::math_hypot(&[3.0, 4.0]), 5.0);
    assert_eq!(pcrt::math_hypot(&[f64::INFINITY, f64::NAN]), f64::INFINITY);
    assert!(pcrt::math_hypot(&[f64::NAN, 1.0]).is_nan());
    assert_eq!(pcrt::math_hypot(&[]), 0.0);
    assert_eq!(pcrt::math_hypot(&[-3.0]), 3.0);
    // subnormal inputs: CPython 3.11's divide-by-max branch
    assert_eq!(
        pcrt::math_hypot(&[
            4.701402387143e-311,
            1.7016166376732e-310,
            4.55244808178906e-310,
            4.48102859548373e-310
        ])
        .to_bits(),
        134137780464835
    );
    assert_eq!(pcrt::math_dist(&[1.0, 2.0], &[4.0, 6.0]), Ok(5.0));
    assert_eq!(
        err(pcrt::math_dist(&[1.0], &[1.0, 2.0])),
        "ValueError: both points must have the same number of dimensions"
    );
    // math.cbrt is glibc's (Rust's own cbrt differs in the last bit here)
    assert_eq!(
        pcrt::math_cbrt(0.8782983255570211).map(f64::to_bits),
        Ok(4606801107020134702)
    );

    assert_eq!(pcrt::math_prod_int(vec![2, 3], 4), Ok(24));
    assert_eq!(pcrt::math_prod_int(Vec::new(), 1), Ok(1));
    // prod([2**62, 2**62, 0]) == 0 in CPython: a later zero rescues an overflow
    assert_eq!(pcrt::math_prod_int(vec![1 << 62, 1 << 62, 0], 1), Ok(0));
    assert_eq!(pcrt::math_prod_int(vec![i64::MIN, -1, -1], 1), Ok(i64::MIN));
    assert_eq!(
        pcrt::math_prod_int(vec![1 << 62, 1 << 62], 1).map_err(|e| e.kind),
        Err(ExcKind::OverflowError)
    );
    assert_eq!(pcrt::math_prod_float(vec![0.5, 3.0], 1.0), 1.5);
}

#[test]
fn math_integers() {
    assert_eq!(pcrt::math_factorial(20), Ok(2432902008176640000));
    assert_eq!(
        pcrt::math_factorial(21).map_err(|e| e.kind),
        Err(ExcKind::OverflowError)
    );
    assert_eq!(
        err(pcrt::math_factorial(-1)),
        "ValueError: factorial() not defined for negative values"
    );
    assert_eq!(pcrt::math_comb(5, 7), Ok(0));
    assert_eq!(pcrt::math_comb(66, 33), Ok(7219428434016265740));
    assert_eq!(
        pcrt::math_comb(68, 34).map_err(|e| e.kind),
        Err(ExcKind::OverflowError)
    );
    assert_eq!(pcrt::math_comb(i64::MAX, 1), Ok(i64::MAX));
    assert_eq!(
        err(pcrt::math_comb(-1, 2)),
        "ValueError: n must be a non-negative integer"
    );
    assert_eq!(
        err(pcrt::math_comb(5, -2)),
        "ValueError: k must be a non-negative integer"
    );
    assert_eq!(pcrt::math_perm(5, Some(2)), Ok(20));
    assert_eq!(pcrt::math_perm(5, None), Ok(120));
    assert_eq!(
        err(pcrt::math_perm(-5, None)),
        "ValueError: factorial() not defined for negative values"
    );
    assert_eq!(
        err(pcrt::math_perm(5, Some(-1))),
        "ValueError: k must be a non-negative integer"
    );
    assert_eq!(
        err(pcrt::math_perm(-5, Some(1))),
        "ValueError: n must be a non-negative integer"
    );
    assert_eq!(pcrt::math_gcd(-12, 18), Ok(6));
    assert_eq!(pcrt::math_gcd(0, 0), Ok(0));
    assert_eq!(
        pcrt::math_gcd(i64::MIN, 0).map_err(|e| e.kind),
        Err(ExcKind::OverflowError)
    );
    assert_eq!(pcrt::math_lcm(-4, 6), Ok(12));
    assert_eq!(pcrt::math_lcm(0, 5), Ok(0));
    assert_eq!(pcrt::math_isqrt(i64::MAX), Ok(3037000499));
    assert_eq!(
        err(pcrt::math_isqrt(-1)),
        "ValueError: isqrt() argument must be nonnegative"
    );
    assert_eq!(pcrt::math_degrees(pcrt::MATH_PI), 180.0);
    assert_eq!(pcrt::math_radians(180.0), pcrt::MATH_PI);
    assert_eq!(pcrt::math_modf(-3.5), (-0.5, -3.0));
    assert_eq!(pcrt::math_modf(f64::NEG_INFINITY).0.py_repr(), "-0.0");
    assert_eq!(pcrt::math_frexp(8.0), (0.5, 4));
    assert_eq!(pcrt::math_frexp(0.0), (0.0, 0));
    assert_eq!(pcrt::math_frexp(5e-324), (0.5, -1073));
}

// ---------------------------------------------------------------------------
// The ops whose vectors the differential harness cannot run (`tested_by`):
// methods that change their receiver, constants, empty constructors.

#[test]
fn in_place_methods_and_constants() {
    let mut a = vec![1i64, 2];
    pcrt::list_append(&mut a, 3).unwrap();
    assert_eq!(a, vec![1, 2, 3]);
    assert_eq!(pcrt::list_copy(&a), a);
    // [2.5, inf, -0.0, 0.0, -inf].sort() and .sort(reverse=True)
    let mut f = vec![2.5, f64::INFINITY, -0.0, 0.0, f64::NEG_INFINITY];
    pcrt::list_sort(&mut f, false);
    assert_eq!(f.py_repr(), "[-inf, -0.0, 0.0, 2.5, inf]");
    let mut f = vec![2.5, f64::INFINITY, -0.0, 0.0, f64::NEG_INFINITY];
    pcrt::list_sort(&mut f, true);
    assert_eq!(f.py_repr(), "[inf, 2.5, -0.0, 0.0, -inf]");

    let mut d = map(vec![(s("a"), 1i64)]);
    pcrt::dict_update(&mut d, &map(vec![(s("a"), 2), (s("b"), 3)])).unwrap();
    assert_eq!(d.py_repr(), "{'a': 2, 'b': 3}");
    let c = pcrt::dict_copy(&d);
    pcrt::dict_clear(&mut d);
    assert_eq!((d.py_repr(), c.py_repr()), (s("{}"), s("{'a': 2, 'b': 3}")));
    let mut d = map(vec![(s("a"), 1i64)]);
    assert_eq!(pcrt::dict_setdefault(&mut d, s("b"), 5).unwrap(), 5);
    assert_eq!(d.py_repr(), "{'a': 1, 'b': 5}");

    let mut st = set(vec![1i64]);
    pcrt::set_update(&mut st, vec![2, 3, 2]).unwrap();
    assert_eq!(st.py_repr(), "{1, 2, 3}");
    // {3, 1, 2}.pop() is 1 in CPython: a set from Python arrives in CPython's
    // iteration order (1, 2, 3), and pop takes the first
    let mut from_python = set(vec![1i64, 2, 3]);
    assert_eq!(pcrt::set_pop(&mut from_python), Ok(1));
    assert_eq!(from_python.py_repr(), "{2, 3}");
    let copy = pcrt::set_copy(&from_python);
    pcrt::set_clear(&mut from_python);
    assert_eq!(
        (from_python.py_repr(), copy.py_repr()),
        (s("set()"), s("{2, 3}"))
    );

    assert_eq!(pcrt::MATH_E.py_repr(), "2.718281828459045");
    assert_eq!(pcrt::MATH_TAU.py_repr(), "6.283185307179586");
    assert_eq!(pcrt::MATH_PI.py_repr(), "3.141592653589793");
    assert_eq!(pcrt::MATH_INF.py_repr(), "inf");
    assert_eq!(pcrt::MATH_NAN.py_repr(), "nan");
    let e: Vec<i64> = Vec::new();
    assert_eq!(e.py_repr(), "[]");
}

#[test]
fn deque_bounds_and_errors() {
    // from collections import deque; d = deque([1, 2, 3], maxlen=3); d.append(4) ...
    let mut d = pcrt::deque_new([1_i64, 2, 3].into_iter(), Some(3)).unwrap();
    d.append(4).unwrap();
    assert_eq!(d.py_repr(), "deque([2, 3, 4], maxlen=3)");
    d.appendleft(0).unwrap();
    assert_eq!(d.py_repr(), "deque([0, 2, 3], maxlen=3)");
    d.extendleft([8, 9].into_iter()).unwrap();
    assert_eq!(d.py_repr(), "deque([9, 8, 0], maxlen=3)");
    d.rotate(-4);
    assert_eq!(d.py_repr(), "deque([8, 0, 9], maxlen=3)");
    assert_eq!(
        err(d.insert(0, 1)),
        "IndexError: deque already at its maximum size"
    );
    assert_eq!(err(d.getitem(3)), "IndexError: deque index out of range");
    assert_eq!(d.getitem(-3).unwrap(), 8);
    assert_eq!(
        err(d.index(&5, 0, i64::MAX)),
        "ValueError: 5 is not in deque"
    );
    let mut e = pcrt::deque_new(std::iter::empty::<String>(), None).unwrap();
    assert_eq!(err(e.pop()), "IndexError: pop from an empty deque");
    assert_eq!(err(e.popleft()), "IndexError: pop from an empty deque");
    assert_eq!(
        err(pcrt::deque_new(std::iter::empty::<i64>(), Some(-1))),
        "ValueError: maxlen must be non-negative"
    );
    let mut z = pcrt::deque_new([1_i64].into_iter(), Some(0)).unwrap();
    z.append(2).unwrap();
    assert_eq!(z.py_repr(), "deque([], maxlen=0)");
}
