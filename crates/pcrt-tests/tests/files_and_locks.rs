//! Text files read across chunk boundaries (an UTF-8 sequence and a `\r\n`
//! split by the 8192-byte chunk a line read takes, read as CPython reads them)
//! and locks shared by threads.

use pcrt_tests::pcrt::{ExcKind, open_text};

fn scratch(name: &str, bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("pcrt-textfile-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("scratch file");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_sequence_split_by_a_chunk_is_decoded_whole() {
    let mut bytes = vec![b'a'; 8191];
    bytes.extend("é\nz".as_bytes());
    let path = scratch("split-utf8", &bytes);
    let f = open_text(&path, "r", Some("utf-8"), None, None).unwrap();
    let first = f.readline().unwrap();
    assert_eq!(first.chars().count(), 8193);
    assert!(first.ends_with("é\n"));
    assert_eq!(f.readline().unwrap(), "z");
    assert_eq!(f.readline().unwrap(), "");
    std::fs::remove_file(path).unwrap();
}

#[test]
fn a_crlf_split_by_a_chunk_reads_as_one_newline() {
    let mut bytes = vec![b'a'; 8191];
    bytes.extend(b"\r\nb\rc");
    let path = scratch("split-crlf", &bytes);
    let f = open_text(&path, "r", None, None, None).unwrap();
    assert_eq!(f.readline().unwrap().len(), 8192);
    assert_eq!(
        f.readlines().unwrap(),
        vec!["b\n".to_string(), "c".to_string()]
    );
    f.close().unwrap();
    assert_eq!(f.read(-1).unwrap_err().kind, ExcKind::ValueError);
    std::fs::remove_file(path).unwrap();
}

#[test]
fn a_missing_file_is_cpythons_error() {
    let err = open_text("no/such/file.txt", "r", None, None, None)
        .err()
        .unwrap();
    assert_eq!(err.kind, ExcKind::FileNotFoundError);
    assert_eq!(
        err.message,
        "[Errno 2] No such file or directory: 'no/such/file.txt'"
    );
}

#[test]
fn a_lock_orders_threads_and_refuses_a_free_release() {
    use pcrt_tests::pcrt::Lock;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};

    let lock = Lock::new();
    let inside = Arc::new(AtomicI64::new(0));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (lock, inside) = (lock.clone(), inside.clone());
            std::thread::spawn(move || {
                for _ in 0..200 {
                    lock.acquire();
                    // only one thread at a time between acquire and release
                    assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0);
                    inside.fetch_sub(1, Ordering::SeqCst);
                    lock.release().unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let err = lock.release().unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ExcKind::RuntimeError, "release unlocked lock")
    );
    let rlock = Lock::new_reentrant();
    assert!(rlock.acquire() && rlock.acquire());
    rlock.release().unwrap();
    assert!(rlock.locked());
    rlock.release().unwrap();
    assert!(!rlock.locked());
}
