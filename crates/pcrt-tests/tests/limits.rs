//! The runtime's limits: recursion raises RecursionError whatever the
//! thread's stack, and sizes no allocator can give raise MemoryError.

use pcrt_tests::pcrt::abi::{decode_from_slice, encode_to_writer};
use pcrt_tests::pcrt::{self, ExcKind, Obj, PyErr, PyRepr, PyResult};

fn depth(n: u64) -> PyResult<u64> {
    pcrt::guard(move || if n == 0 { Ok(0) } else { Ok(1 + depth(n - 1)?) })
}

#[test]
fn recursion_within_the_limit_succeeds_on_a_small_stack() {
    // 1000 levels on a 64 KiB thread: the guard moves to fresh segments.
    let got = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| depth(u64::from(pcrt::RECURSION_LIMIT) - 1))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(got, Ok(999));
    assert_eq!(pcrt::recursion_depth(), 0);
}

#[test]
fn recursion_past_the_limit_raises_and_unwinds_the_count() {
    let got = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| {
            let err = depth(1_000_000).unwrap_err();
            (err.kind, err.message, pcrt::recursion_depth(), depth(10))
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(got.0, ExcKind::RecursionError);
    assert_eq!(got.1, "maximum recursion depth exceeded");
    assert_eq!(got.2, 0, "every level left");
    assert_eq!(got.3, Ok(10), "the next call works");
}

#[test]
fn runtime_error_catches_recursion_error() {
    assert!(ExcKind::RuntimeError.catches(ExcKind::RecursionError));
    assert!(!ExcKind::ValueError.catches(ExcKind::MemoryError));
}

#[test]
fn sizes_no_allocator_gives_raise_memory_error() {
    let kind = |r: PyResult<Vec<i64>>| r.map(|v| v.len()).map_err(|e| e.kind);
    assert_eq!(
        kind(pcrt::py_list(pcrt::py_range1(i64::MAX))),
        Err(ExcKind::MemoryError)
    );
    assert_eq!(
        kind(pcrt::py_list(pcrt::py_range3(0, i64::MAX, 2).unwrap())),
        Err(ExcKind::MemoryError)
    );
    assert_eq!(
        kind(pcrt::py_list(pcrt::py_reversed_iter(pcrt::py_range1(
            i64::MAX
        )))),
        Err(ExcKind::MemoryError)
    );
    assert_eq!(
        kind(pcrt::py_sorted(pcrt::py_range1(i64::MAX), false)),
        Err(ExcKind::MemoryError)
    );
    assert_eq!(
        pcrt::py_set(pcrt::py_range1(i64::MAX))
            .map(|s| s.len())
            .map_err(|e| e.kind),
        Err(ExcKind::MemoryError)
    );
    let mut xs = vec![1i64];
    assert_eq!(
        pcrt::list_extend(&mut xs, pcrt::py_range1(i64::MAX)).map_err(|e| e.kind),
        Err(ExcKind::MemoryError)
    );
    assert_eq!(xs, vec![1], "a list that cannot grow is left as it was");
    assert_eq!(
        kind(pcrt::list_mul(&[0], 1 << 62)),
        Err(ExcKind::MemoryError)
    );
    assert_eq!(
        pcrt::str_repeat("a", 1 << 62)
            .map(|s| s.len())
            .map_err(|e| e.kind),
        Err(ExcKind::MemoryError)
    );
    assert_eq!(
        pcrt::str_repeat("abcdefghij", 1 << 62)
            .map(|s| s.len())
            .map_err(|e| e.kind),
        Err(ExcKind::OverflowError)
    );
    assert_eq!(kind(pcrt::py_list(pcrt::py_range1(3))), Ok(3));
}

#[test]
fn array_sizes_follow_numpy() {
    assert_eq!(pcrt::array_elements(&[2, 3], 8), Ok(6));
    assert_eq!(pcrt::array_elements(&[0, usize::MAX, 4], 8), Ok(0));
    let too_big = pcrt::array_elements(&[1 << 40, 1 << 40], 8).unwrap_err();
    assert_eq!(too_big.kind, ExcKind::ValueError);
    assert!(too_big.message.starts_with("array is too big"));
}

/// `x = [x]` (or `(x, 1)`, `{"k": x}`) `n` times around an empty tuple.
fn nest(n: usize, wrap: fn(Obj) -> Obj) -> Obj {
    let mut x = Obj::Tuple(Vec::new());
    for _ in 0..n {
        x = wrap(x);
    }
    x
}

fn in_list(x: Obj) -> Obj {
    Obj::List(vec![x])
}

fn in_tuple(x: Obj) -> Obj {
    Obj::Tuple(vec![x, Obj::Int(1)])
}

fn in_dict(x: Obj) -> Obj {
    Obj::Dict([(Obj::Str("k".into()), x)].into_iter().collect())
}

/// Runs `f` on a thread with a 256 KiB stack (a small host thread).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_values_are_freed_cloned_hashed_and_encoded_without_recursing() {
    on_small_stack(|| {
        for wrap in [in_list, in_tuple, in_dict] {
            let x = nest(100_000, wrap);
            let y = x.clone();
            let back: Obj = decode_from_slice(encode_to_writer(&y).as_slice()).unwrap();
            assert_eq!(pcrt::obj_len(&back).unwrap(), pcrt::obj_len(&x).unwrap());
            drop((x, y, back));
        }
        // A deep tuple hashes (CPython follows it at any depth) and is a key.
        let key = nest(200_000, in_tuple);
        let mut d = Obj::Dict(Default::default());
        pcrt::obj_setitem(&mut d, key, Obj::Int(1)).unwrap();
    });
}

#[test]
fn deep_repr_and_comparison_raise_cpythons_recursion_error() {
    let got = on_small_stack(|| {
        let a = nest(200_000, in_list);
        let b = nest(200_000, in_list);
        let d = nest(200_000, in_dict);
        (
            pcrt::obj_repr(&a).unwrap_err(),
            pcrt::obj_str(&d).unwrap_err(),
            pcrt::obj_eq(&a, &b).unwrap_err(),
            pcrt::obj_lt(&a, &b).unwrap_err(),
            pcrt::obj_contains(&Obj::List(vec![b.clone()]), &a).unwrap_err(),
            pcrt::obj_eq(&a, &a),
            pcrt::recursion_depth(),
        )
    });
    let repr = PyErr::new(
        ExcKind::RecursionError,
        "maximum recursion depth exceeded while getting the repr of an object",
    );
    let cmp = PyErr::new(
        ExcKind::RecursionError,
        "maximum recursion depth exceeded in comparison",
    );
    assert_eq!(got.0, repr);
    assert_eq!(got.1, repr);
    assert_eq!(got.2, cmp);
    assert_eq!(got.3, cmp);
    assert_eq!(got.4, cmp);
    assert_eq!(got.5, Ok(true), "a container equals itself, as in CPython");
    assert_eq!(got.6, 0, "every level left");
}

#[test]
fn repr_within_the_limit_and_in_a_compiled_frame() {
    // 998 nested lists below one compiled frame fit CPython's limit of 1000.
    let shallow = on_small_stack(|| pcrt::guard(|| pcrt::obj_repr(&nest(998, in_list))));
    assert_eq!(shallow.map(|s| s.len()), Ok(2 * 999));
    // Generic code (a repr inside a compiled function) raises at the guard.
    let deep = on_small_stack(|| pcrt::guard(|| Ok(nest(5_000, in_list).py_repr())));
    assert_eq!(deep.unwrap_err().kind, ExcKind::RecursionError);
}

/// The bundles' allocator serves, grows and frees blocks of every size and
/// alignment (mimalloc's own; the system fallback is exercised under an
/// address-space limit by tests/test_isolation.py).
#[cfg(feature = "mimalloc")]
#[test]
fn bundle_allocator_round_trips() {
    use std::alloc::{GlobalAlloc, Layout};
    let a = pcrt::alloc::Allocator;
    for (size, align) in [(1, 1), (12, 8), (4096, 64), (3 << 20, 4096)] {
        let layout = Layout::from_size_align(size, align).unwrap();
        unsafe {
            let p = a.alloc_zeroed(layout);
            assert!(!p.is_null() && (p as usize).is_multiple_of(align));
            assert_eq!(*p.add(size - 1), 0);
            *p = 7;
            let q = a.realloc(p, layout, size * 2);
            assert_eq!(*q, 7);
            a.dealloc(q, Layout::from_size_align(size * 2, align).unwrap());
        }
    }
}
