//! Tuples, unpacking, iter/next/hash, bisect and heapq: every expected value
//! below was obtained by running the same expression in CPython 3.11.

use pcrt::PyResult;
use pcrt_tests::pcrt;
use pcrt_tests::pcrt::IndexMap;

fn err<T: std::fmt::Debug>(r: PyResult<T>) -> String {
    match r {
        Ok(v) => panic!("expected an exception, got {v:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn tuple_items_by_value() {
    let t = [10, 20, 30];
    assert_eq!(pcrt::tuple_getitem(&t, -1).unwrap(), 30);
    assert_eq!(
        err(pcrt::tuple_getitem(&t, 3)),
        "IndexError: tuple index out of range"
    );
    assert_eq!(pcrt::tuple_index(&t, &20).unwrap(), 1);
    assert_eq!(
        err(pcrt::tuple_index(&t, &5)),
        "ValueError: tuple.index(x): x not in tuple"
    );
}

#[test]
fn unpacking_counts_as_cpython() {
    assert_eq!(pcrt::unpack2(vec![1, 2]).unwrap(), (1, 2));
    assert_eq!(
        err(pcrt::unpack2(vec![1])),
        "ValueError: not enough values to unpack (expected 2, got 1)"
    );
    assert_eq!(
        err(pcrt::unpack3(Vec::<i64>::new())),
        "ValueError: not enough values to unpack (expected 3, got 0)"
    );
    assert_eq!(
        err(pcrt::unpack2(vec![1, 2, 3])),
        "ValueError: too many values to unpack (expected 2)"
    );
    assert_eq!(pcrt::unpack5("abcde".chars()).unwrap().4, 'e');
}

#[test]
fn next_and_hash() {
    assert_eq!(err(pcrt::py_next(Vec::<i64>::new())), "StopIteration");
    assert_eq!(pcrt::py_next_or(Vec::<i64>::new(), 7), 7);
    assert_eq!(pcrt::py_next_opt(vec![3, 4]), Some(3));
    // hash(-1), hash(2**61 - 1), hash(2**61), hash(-2**61 - 2), hash(2**63 - 1), hash(-2**63)
    assert_eq!(pcrt::py_hash_int(-1), -2);
    assert_eq!(pcrt::py_hash_int((1 << 61) - 1), 0);
    assert_eq!(pcrt::py_hash_int(1 << 61), 1);
    assert_eq!(pcrt::py_hash_int(-(1 << 61) - 2), -3);
    assert_eq!(pcrt::py_hash_int(i64::MAX), 3);
    assert_eq!(pcrt::py_hash_int(i64::MIN), -4);
}

#[test]
fn reversed_dict_views() {
    let d: IndexMap<String, i64> = [("a".to_string(), 1), ("b".to_string(), 2)]
        .into_iter()
        .collect();
    assert_eq!(pcrt::dict_reversed_values(&d).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(
        pcrt::dict_reversed_items(&d).collect::<Vec<_>>(),
        [("b".to_string(), 2), ("a".to_string(), 1)]
    );
}

#[test]
fn bisect_as_cpython() {
    let a = [1, 2, 2, 3];
    assert_eq!(pcrt::bisect_left(&a, &2, 0, None).unwrap(), 1);
    assert_eq!(pcrt::bisect_right(&a, &2, 0, None).unwrap(), 3);
    // hi=-1 means len(a) in CPython's C code; another negative hi, an empty range
    assert_eq!(pcrt::bisect_right(&a, &9, 0, Some(-1)).unwrap(), 4);
    assert_eq!(pcrt::bisect_right(&a, &9, 0, Some(-2)).unwrap(), 0);
    assert_eq!(
        err(pcrt::bisect_left(&a, &2, -1, None)),
        "ValueError: lo must be non-negative"
    );
    assert_eq!(
        err(pcrt::bisect_left(&a, &9, 0, Some(10))),
        "IndexError: list index out of range"
    );
    let mut v = vec![1, 3];
    pcrt::insort_left(&mut v, 2).unwrap();
    pcrt::insort_right(&mut v, 3).unwrap();
    assert_eq!(v, [1, 2, 3, 3]);
}

#[test]
fn heapq_keeps_cpythons_order() {
    // h = []; for x in [5, 3, 8, 1, 9, 2, 7]: heappush(h, x)  -> [1, 3, 2, 5, 9, 8, 7]
    let mut h: Vec<i64> = Vec::new();
    for x in [5, 3, 8, 1, 9, 2, 7] {
        pcrt::heappush(&mut h, x);
    }
    assert_eq!(h, [1, 3, 2, 5, 9, 8, 7]);
    // heappop(h) -> 1, h == [2, 3, 7, 5, 9, 8]
    assert_eq!(pcrt::heappop(&mut h).unwrap(), 1);
    assert_eq!(h, [2, 3, 7, 5, 9, 8]);
    // x = [9, 8, 7, 6, 5, 4]; heapify(x) -> [4, 5, 7, 6, 8, 9]
    let mut x = vec![9, 8, 7, 6, 5, 4];
    pcrt::heapify(&mut x);
    assert_eq!(x, [4, 5, 7, 6, 8, 9]);
    let mut empty: Vec<i64> = Vec::new();
    assert_eq!(
        err(pcrt::heappop(&mut empty)),
        "IndexError: index out of range"
    );
    assert_eq!(pcrt::nlargest(2, vec![3, 1, 4, 1, 5]).unwrap(), [5, 4]);
    assert_eq!(pcrt::nsmallest(-1, vec![3, 1]).unwrap(), Vec::<i64>::new());
}
