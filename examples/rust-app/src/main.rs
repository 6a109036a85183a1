//! Calls three pycomp-generated crates through their typed Rust API and prints
//! JSON that tests/test_consumers.py compares with the Python functions.
use serde_json::json;

fn main() {
    let texts: Vec<String> = std::env::args().skip(1).collect();
    let joined = texts.join(" ");

    // text/chunk.py: plain Python compiled to Rust.
    let windows = chunk::chunk_words(&joined, 3, 1).expect("chunk_words failed");
    let counts = chunk::count_words(&joined).expect("count_words failed");
    // Python exceptions arrive as `Err(Error)` with the class and the message.
    let err = chunk::chunk_words(&joined, 0, 0).unwrap_err();

    // embed/embed.py: tokenizer + ONNX Runtime + numpy, compiled.
    let emb = embed::embed(&texts).expect("embed failed");
    let sim = embed::similarity(&texts[0], &texts[texts.len() - 1]).expect("similarity failed");

    // text/spans.py: instances of a Python dataclass are `pub struct`s behind a
    // shared handle (`pcrt::Instance`); `.borrow()` reads the fields.
    let text = "John Smith lives in New York";
    let tags: Vec<String> = ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"]
        .iter()
        .map(|t| t.to_string())
        .collect();
    let found = spans::bio_spans(text, &tags).expect("bio_spans failed");
    let fields = |s: &spans::pcrt::Instance<spans::Span>| {
        let s = s.borrow();
        json!([s.label, s.start, s.end, s.text])
    };
    let longest = spans::longest(&found).expect("longest failed");
    let none = spans::longest(&[]).unwrap_err();

    let out = json!({
        "chunk_words": windows,
        "count_words": counts.iter().map(|(k, v)| (k.clone(), *v)).collect::<Vec<_>>(),
        "error": [err.class_name(), err.message],
        "embed_shape": emb.shape(),
        "embed_first_row": emb.iter().take(8).copied().collect::<Vec<f32>>(),
        "similarity": sim,
        "spans": found.iter().map(fields).collect::<Vec<_>>(),
        "longest": fields(&longest),
        // the module's exception class, and the builtin class it derives from
        "longest_error": [none.class_name(), none.kind.builtin().name(), none.message],
    });
    println!("{out}");
}
