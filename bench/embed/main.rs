//! The compiled embedding function called from Rust, for bench/embed/run.py.
//!
//! `bench-embed cold SENTENCES`: embed the first sentence, print seconds.
//! `bench-embed throughput SENTENCES BATCH`: embed every sentence in batches,
//! print seconds (after one warm-up batch).
use std::time::Instant;

/// Peak resident set of this process in KiB (VmHWM), 0 where /proc is missing.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench-embed cold|throughput SENTENCES [BATCH]");
        std::process::exit(2);
    }
    let start = Instant::now();
    let text = std::fs::read_to_string(&args[2]).expect("cannot read the sentences file");
    let sentences: Vec<String> = text.lines().map(String::from).collect();
    match args[1].as_str() {
        "cold" => {
            let e = embed::embed(&sentences[..1]).expect("embed failed");
            assert_eq!(e.shape()[0], 1);
            println!("{} {}", start.elapsed().as_secs_f64(), peak_rss_kib());
        }
        "throughput" => {
            let batch: usize = args[3].parse().expect("batch size");
            embed::embed(&sentences[..batch]).expect("warm-up failed");
            let t = Instant::now();
            for chunk in sentences.chunks(batch) {
                let e = embed::embed(chunk).expect("embed failed");
                assert_eq!(e.shape()[0], chunk.len());
            }
            println!("{} {}", t.elapsed().as_secs_f64(), peak_rss_kib());
        }
        other => {
            eprintln!("unknown mode {other}");
            std::process::exit(2);
        }
    }
}
