//! The runtime's limits: recursion raises RecursionError whatever the
//! thread's stack, and sizes no allocator can give raise MemoryError.

use pcrt_tests::pcrt::{self, ExcKind, PyResult};

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
