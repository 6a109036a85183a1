//! `functools.cache` / `lru_cache`: least recently used results dropped past
//! `maxsize`, nothing stored with `maxsize=0`, one cache shared by threads.

use pcrt_tests::pcrt::Memo;

#[test]
fn lru_drops_the_least_recently_used() {
    let memo: Memo<(i64,), String> = Memo::new(Some(2));
    memo.put((1,), &"one".to_owned());
    memo.put((2,), &"two".to_owned());
    // a hit makes 1 the most recent, so storing 3 drops 2
    assert_eq!(memo.get(&(1,)).as_deref(), Some("one"));
    memo.put((3,), &"three".to_owned());
    assert_eq!(memo.get(&(2,)), None);
    assert_eq!(memo.get(&(1,)).as_deref(), Some("one"));
    assert_eq!(memo.get(&(3,)).as_deref(), Some("three"));
}

#[test]
fn the_first_stored_result_stays() {
    let memo: Memo<(String,), i64> = Memo::new(None);
    memo.put(("a".to_owned(),), &1);
    memo.put(("a".to_owned(),), &2);
    assert_eq!(memo.get(&("a".to_owned(),)), Some(1));
}

#[test]
fn maxsize_zero_stores_nothing() {
    let memo: Memo<(i64,), i64> = Memo::new(Some(0));
    memo.put((1,), &1);
    assert_eq!(memo.get(&(1,)), None);
}

static SHARED: Memo<(i64,), i64> = Memo::new(None);

#[test]
fn a_static_cache_is_shared_by_threads() {
    let handles: Vec<_> = (0..4_i64)
        .map(|t| std::thread::spawn(move || (0..100_i64).for_each(|k| SHARED.put((k,), &(k * t)))))
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    for k in 0..100_i64 {
        let v = SHARED.get(&(k,)).unwrap();
        assert_eq!(v % k.max(1), 0);
    }
}
