//! The optional runtime modules (`pcrt::tok`, `pcrt::onnx`, `pcrt::assets`)
//! against the real all-MiniLM-L6-v2 model and tokenizer and the tiny models
//! of `tests/models/make_tiny.py`, compared with what the Python packages give
//! (`tests/models/expected.json`, written by `tests/models/make_expected.py`).
//!
//! Needs `python3` with onnxruntime, tokenizers, onnx and the model packages
//! (it finds their files through `make_expected.py --locate`):
//!
//! ```text
//! CARGO_TARGET_DIR=~/.cache/pycomp/target cargo test -p pcrt-tests --features models --test models
//! ```
#![cfg(feature = "models")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use ndarray::{ArrayD, Axis};
use pcrt_tests::NdAny;
use pcrt_tests::onnx::{self, InferenceSession, NdRef};
use pcrt_tests::pcrt::{ExcKind, PyErr};
use pcrt_tests::tok::{self, EncField, Encoding, Tokenizer};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn python(args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(args)
        .current_dir(repo())
        .output()
        .expect("these tests need python3 on PATH");
    assert!(
        out.status.success(),
        "python3 {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

struct Paths {
    minilm_model: PathBuf,
    minilm_tokenizer: PathBuf,
    ort_library: PathBuf,
    tiny_embed: PathBuf,
    tiny_classifier: PathBuf,
    tiny_tokenizer: PathBuf,
}

fn paths() -> &'static Paths {
    static P: OnceLock<Paths> = OnceLock::new();
    P.get_or_init(|| {
        let located: Value = serde_json::from_str(&python(&["tests/models/make_expected.py", "--locate"])).unwrap();
        let dir = std::env::temp_dir().join(format!("pcrt-models-{}", std::process::id()));
        let dir_s = dir.to_str().unwrap().to_string();
        let made: Value = serde_json::from_str(&python(&["tests/models/make_tiny.py", &dir_s])).unwrap();
        // The tiny files must be the ones the expected values were computed on.
        let want = &expected()["tiny"]["sha256"];
        let script = "import hashlib,json,sys; print(json.dumps({k: hashlib.sha256(open(v,'rb').read()).hexdigest() for k, v in json.loads(sys.argv[1]).items()}))";
        let got: Value = serde_json::from_str(&python(&["-c", script, &made.to_string()])).unwrap();
        assert_eq!(
            &got, want,
            "make_tiny.py no longer writes the files expected.json was computed on: rerun tests/models/make_expected.py"
        );
        let p = |v: &Value| PathBuf::from(v.as_str().unwrap());
        Paths {
            minilm_model: p(&located["minilm_model"]),
            minilm_tokenizer: p(&located["minilm_tokenizer"]),
            ort_library: p(&located["ort_library"]),
            tiny_embed: p(&made["embed"]),
            tiny_classifier: p(&made["classifier"]),
            tiny_tokenizer: p(&made["tokenizer"]),
        }
    })
}

fn expected() -> &'static Value {
    static E: OnceLock<Value> = OnceLock::new();
    E.get_or_init(|| {
        let text = std::fs::read_to_string(repo().join("tests/models/expected.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    })
}

fn init_ort() {
    onnx::ort_init(&paths().ort_library).expect("ONNX Runtime loads");
}

fn minilm_session() -> &'static InferenceSession {
    static S: OnceLock<InferenceSession> = OnceLock::new();
    S.get_or_init(|| {
        init_ort();
        onnx::session_from_file(&paths().minilm_model, &["CPUExecutionProvider".to_string()])
            .unwrap()
    })
}

fn session(path: &Path) -> InferenceSession {
    init_ort();
    onnx::session_from_file(path, &[]).unwrap()
}

fn i64s(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn opt_i64s(v: &Value) -> Vec<Option<i64>> {
    v.as_array().unwrap().iter().map(|x| x.as_i64()).collect()
}

fn assert_close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "{what}[{i}]: got {g}, Python gave {w}"
        );
    }
}

fn check_encoding(e: &Encoding, want: &Value, what: &str) {
    assert_eq!(tok::encoding_ids(e), i64s(&want["ids"]), "{what}: ids");
    assert_eq!(
        tok::encoding_type_ids(e),
        i64s(&want["type_ids"]),
        "{what}: type_ids"
    );
    assert_eq!(
        tok::encoding_attention_mask(e),
        i64s(&want["attention_mask"]),
        "{what}: attention_mask"
    );
    assert_eq!(
        tok::encoding_special_tokens_mask(e),
        i64s(&want["special_tokens_mask"]),
        "{what}: special_tokens_mask"
    );
    assert_eq!(
        tok::encoding_tokens(e),
        strs(&want["tokens"]),
        "{what}: tokens"
    );
    let offsets: Vec<(i64, i64)> = want["offsets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o[0].as_i64().unwrap(), o[1].as_i64().unwrap()))
        .collect();
    assert_eq!(tok::encoding_offsets(e), offsets, "{what}: offsets");
    assert_eq!(
        tok::encoding_word_ids(e),
        opt_i64s(&want["word_ids"]),
        "{what}: word_ids"
    );
    assert_eq!(
        tok::encoding_sequence_ids(e),
        opt_i64s(&want["sequence_ids"]),
        "{what}: sequence_ids"
    );
    assert_eq!(
        tok::encoding_len(e),
        want["len"].as_i64().unwrap(),
        "{what}: len"
    );
    let over: Vec<Vec<i64>> = tok::encoding_overflowing(e)
        .iter()
        .map(tok::encoding_ids)
        .collect();
    let want_over: Vec<Vec<i64>> = want["overflowing"]
        .as_array()
        .unwrap()
        .iter()
        .map(i64s)
        .collect();
    assert_eq!(over, want_over, "{what}: overflowing");
}

/// `[ids, [overflow(o) for o in overflowing]]`, as make_expected.py's `_overflow`.
fn overflow(e: &Encoding) -> Value {
    let nested: Vec<Value> = tok::encoding_overflowing(e).iter().map(overflow).collect();
    serde_json::json!([tok::encoding_ids(e), nested])
}

fn assert_err<T: std::fmt::Debug>(r: Result<T, PyErr>, kind: ExcKind, contains: &[&str]) -> PyErr {
    let e = r.expect_err("expected an exception");
    assert_eq!(e.kind, kind, "class of {e}");
    for c in contains {
        assert!(
            e.message.contains(c),
            "message {:?} should contain {c:?}",
            e.message
        );
    }
    e
}

/// The three feeds of a batch, as a BERT model takes them.
fn feeds(encs: &[Encoding]) -> [ArrayD<i64>; 3] {
    [
        tok::encodings_matrix(encs, EncField::Ids).unwrap(),
        tok::encodings_matrix(encs, EncField::AttentionMask).unwrap(),
        tok::encodings_matrix(encs, EncField::TypeIds).unwrap(),
    ]
}

fn run_bert(s: &InferenceSession, encs: &[Encoding]) -> (ArrayD<f32>, ArrayD<i64>) {
    let [ids, mask, tt] = feeds(encs);
    let mut outs = onnx::session_run(
        s,
        None,
        [
            ("input_ids", NdRef::from(&ids)),
            ("attention_mask", NdRef::from(&mask)),
            ("token_type_ids", NdRef::from(&tt)),
        ],
    )
    .unwrap();
    (onnx::nd_take_f32(&mut outs, 0).unwrap(), mask)
}

/// sentence-transformers pooling: masked mean, then L2 normalisation.
fn pooled(hidden: &ArrayD<f32>, mask: &ArrayD<i64>) -> Vec<f64> {
    let mut out = Vec::new();
    for (row, m) in hidden.axis_iter(Axis(0)).zip(mask.axis_iter(Axis(0))) {
        let dim = row.shape()[1];
        let mut acc = vec![0f64; dim];
        let mut count = 0f64;
        for (tokv, &mv) in row.axis_iter(Axis(0)).zip(m.iter()) {
            if mv != 0 {
                count += 1.0;
                for (a, &x) in acc.iter_mut().zip(tokv.iter()) {
                    *a += x as f64;
                }
            }
        }
        let count = count.max(1e-9);
        acc.iter_mut().for_each(|a| *a /= count);
        let norm = acc.iter().map(|a| a * a).sum::<f64>().sqrt().max(1e-12);
        out.extend(acc.iter().map(|a| a / norm));
    }
    out
}

// ---------------------------------------------------------------------------
// Tokenizers
// ---------------------------------------------------------------------------

fn check_tokenizer_facts(
    t: &Tokenizer,
    facts: &Value,
    texts: &[String],
    pairs: &[(String, String)],
) {
    let probe_tokens = facts["token_to_id"].as_object().unwrap();
    for (i, text) in texts.iter().enumerate() {
        let e = tok::tok_encode(t, text, None, false, true).unwrap();
        check_encoding(&e, &facts["encode"][i], &format!("encode({text:?})"));
        let e2 = tok::tok_encode(t, text, None, false, false).unwrap();
        check_encoding(
            &e2,
            &facts["encode_no_special"][i],
            &format!("encode({text:?}, add_special_tokens=False)"),
        );
        let ids = tok::encoding_ids(&e);
        assert_eq!(
            tok::tok_decode(t, &ids, true).unwrap(),
            facts["decode"][i].as_str().unwrap()
        );
        assert_eq!(
            tok::tok_decode(t, &ids, false).unwrap(),
            facts["decode_keep_special"][i].as_str().unwrap()
        );
    }
    for (i, (a, b)) in pairs.iter().enumerate() {
        let e = tok::tok_encode(t, a, Some(b), false, true).unwrap();
        check_encoding(
            &e,
            &facts["encode_pair"][i],
            &format!("encode({a:?}, {b:?})"),
        );
    }
    let batch = tok::tok_encode_batch(t, texts, false, true).unwrap();
    let batch_ids: Vec<Vec<i64>> = batch.iter().map(tok::encoding_ids).collect();
    let want: Vec<Vec<i64>> = facts["encode_batch_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(i64s)
        .collect();
    assert_eq!(batch_ids, want, "encode_batch ids");
    let pair_batch = tok::tok_encode_batch_pairs(t, pairs, false, true).unwrap();
    for (i, e) in pair_batch.iter().enumerate() {
        check_encoding(e, &facts["encode_batch_pairs"][i], "encode_batch(pairs)");
    }
    let words: Vec<String> = ["Hello", "world", "again"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let e = tok::tok_encode_words(t, &words, None, true, true).unwrap();
    check_encoding(
        &e,
        &facts["encode_words"],
        "encode(words, is_pretokenized=True)",
    );
    let seqs: Vec<Vec<i64>> = texts
        .iter()
        .map(|s| tok::encoding_ids(&tok::tok_encode(t, s, None, false, true).unwrap()))
        .collect();
    assert_eq!(
        tok::tok_decode_batch(t, &seqs, true).unwrap(),
        strs(&facts["decode_batch"])
    );
    for (token, id) in probe_tokens {
        assert_eq!(
            tok::tok_token_to_id(t, token),
            id.as_i64(),
            "token_to_id({token:?})"
        );
    }
    for pair in facts["id_to_token"].as_array().unwrap() {
        let id = pair[0].as_i64().unwrap();
        assert_eq!(
            tok::tok_id_to_token(t, id).unwrap().as_deref(),
            pair[1].as_str(),
            "id_to_token({id})"
        );
    }
    let sizes = i64s(&facts["vocab_size"]);
    assert_eq!(tok::tok_get_vocab_size(t, true), sizes[0]);
    assert_eq!(tok::tok_get_vocab_size(t, false), sizes[1]);
}

fn texts_pairs(section: &Value) -> (Vec<String>, Vec<(String, String)>) {
    let texts = strs(&section["texts"]);
    let pairs = section["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (texts, pairs)
}

#[test]
fn minilm_tokenizer_matches_python() {
    let facts = &expected()["minilm"];
    let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
    // tokenizer.json's own padding and truncation are kept, as in Python.
    assert_eq!(tok::tok_padding_length(&t), Some(128));
    assert_eq!(tok::tok_truncation_max_length(&t), Some(128));
    let (texts, pairs) = texts_pairs(facts);
    check_tokenizer_facts(&t, facts, &texts, &pairs);
}

#[test]
fn tiny_tokenizer_matches_python() {
    let facts = &expected()["tiny"];
    let t = tok::tok_from_file(&paths().tiny_tokenizer).unwrap();
    assert_eq!(tok::tok_padding_length(&t), None, "batch-longest padding");
    assert_eq!(tok::tok_truncation_max_length(&t), Some(32));
    let (texts, pairs) = texts_pairs(facts);
    check_tokenizer_facts(&t, facts, &texts, &pairs);
}

#[test]
fn tokenizer_edge_cases_match_python() {
    let edge = &expected()["minilm"]["edge"];
    let fresh = || {
        let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
        tok::tok_no_padding(&t);
        t
    };
    let trunc = |n: i64, text: &str, pair: Option<&str>, special: bool| {
        let t = fresh();
        tok::tok_enable_truncation(&t, n, 0, "longest_first", "right").unwrap();
        tok::tok_encode(&t, text, pair, false, special).map(|e| tok::encoding_ids(&e))
    };
    let check = |name: &str, got: Result<Value, PyErr>| {
        let want = &edge[name];
        match (got, want.get("value")) {
            (Ok(v), Some(w)) => assert_eq!(&v, w, "{name}"),
            (Err(e), None) => {
                assert_eq!(
                    e.class_name(),
                    want["error"].as_str().unwrap(),
                    "{name}: class ({e})"
                );
                assert_eq!(
                    e.message,
                    want["message"].as_str().unwrap(),
                    "{name}: message"
                );
            }
            (got, _) => panic!("{name}: got {got:?}, Python gave {want}"),
        }
    };
    let ids = |r: Result<Vec<i64>, PyErr>| r.map(|v| serde_json::json!(v));
    check("trunc0_single", ids(trunc(0, "hello world", None, true)));
    check("trunc1_single", ids(trunc(1, "hello world", None, true)));
    check("trunc2_single", ids(trunc(2, "hello world", None, true)));
    check(
        "trunc2_pair",
        ids(trunc(2, "hello world", Some("foo bar"), true)),
    );
    check(
        "trunc4_pair",
        ids(trunc(4, "hello world again", Some("foo bar"), true)),
    );
    check(
        "trunc1_no_special",
        ids(trunc(1, "hello world", None, false)),
    );

    let t = fresh();
    tok::tok_enable_padding(&t, "right", 0, 0, "[PAD]", Some(5), Some(4)).unwrap();
    let texts = ["a b c d e f g".to_string(), "x".to_string()];
    let got = tok::tok_encode_batch(&t, &texts, false, true)
        .map(|b| serde_json::json!(b.iter().map(tok::encoding_ids).collect::<Vec<_>>()));
    check("pad_multiple", got);
    let t = fresh();
    tok::tok_enable_padding(&t, "left", 5, 0, "[X]", None, None).unwrap();
    let texts = ["hi there".to_string(), "a".to_string()];
    let got = tok::tok_encode_batch(&t, &texts, false, true)
        .map(|b| serde_json::json!(b.iter().map(tok::encoding_tokens).collect::<Vec<_>>()));
    check("pad_left", got);
    let only_second = |text: &str, pair: Option<&str>| {
        let t = fresh();
        tok::tok_enable_truncation(&t, 5, 0, "only_second", "right").unwrap();
        ids(tok::tok_encode(&t, text, pair, false, true).map(|e| tok::encoding_ids(&e)))
    };
    check(
        "only_second",
        only_second("hello world this is long", Some("foo")),
    );
    check(
        "err_only_second",
        only_second("hello world this is long", None),
    );
    check(
        "err_too_short",
        only_second("hello world this is long", Some("a b c d e f")),
    );

    let texts = strs(&expected()["minilm"]["texts"]);
    let with_trunc = |n: i64, stride: i64, strategy: &str, direction: &str| {
        let t = fresh();
        tok::tok_enable_truncation(&t, n, stride, strategy, direction).unwrap();
        t
    };
    let t = with_trunc(8, 2, "longest_first", "left");
    check(
        "overflow_left",
        tok::tok_encode(&t, &texts[1], None, false, true).map(|e| overflow(&e)),
    );
    let t = with_trunc(10, 1, "only_first", "right");
    check(
        "overflow_only_first",
        tok::tok_encode(&t, &texts[1], Some("short one"), false, true).map(|e| overflow(&e)),
    );
    let t = with_trunc(10, 0, "longest_first", "right");
    check(
        "overflow_longest_pair",
        tok::tok_encode(&t, &texts[1], Some(&texts[2]), false, true).map(|e| overflow(&e)),
    );
    let t = with_trunc(8, 2, "longest_first", "right");
    check(
        "overflow_batch",
        tok::tok_encode_batch(&t, &texts[..3], false, true)
            .map(|b| Value::Array(b.iter().map(overflow).collect())),
    );
    let t = with_trunc(5, 1, "longest_first", "right");
    let words: Vec<String> = ["one", "two", "three", "four", "five", "six"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    check(
        "overflow_words",
        tok::tok_encode_words(&t, &words, None, true, true).map(|e| overflow(&e)),
    );

    let unit = |r: Result<(), PyErr>| r.map(|()| Value::Null);
    check(
        "err_pad_direction",
        unit(tok::tok_enable_padding(
            &fresh(),
            "up",
            0,
            0,
            "[PAD]",
            None,
            None,
        )),
    );
    check(
        "err_pad_id",
        unit(tok::tok_enable_padding(
            &fresh(),
            "right",
            -1,
            0,
            "[PAD]",
            None,
            None,
        )),
    );
    check(
        "err_pad_id_big",
        unit(tok::tok_enable_padding(
            &fresh(),
            "right",
            1 << 33,
            0,
            "[PAD]",
            None,
            None,
        )),
    );
    check(
        "err_pad_length",
        unit(tok::tok_enable_padding(
            &fresh(),
            "right",
            0,
            0,
            "[PAD]",
            Some(-1),
            None,
        )),
    );
    check(
        "err_trunc_stride",
        unit(tok::tok_enable_truncation(
            &fresh(),
            3,
            5,
            "longest_first",
            "right",
        )),
    );
    check(
        "err_trunc_strategy",
        unit(tok::tok_enable_truncation(&fresh(), 10, 0, "foo", "right")),
    );
    check(
        "err_trunc_direction",
        unit(tok::tok_enable_truncation(
            &fresh(),
            10,
            0,
            "longest_first",
            "up",
        )),
    );
    check(
        "err_trunc_negative",
        unit(tok::tok_enable_truncation(
            &fresh(),
            -1,
            0,
            "longest_first",
            "right",
        )),
    );
    let text = |r: Result<String, PyErr>| r.map(Value::String);
    check(
        "err_decode_negative",
        text(tok::tok_decode(&fresh(), &[101, -1], true)),
    );
    check(
        "err_decode_big",
        text(tok::tok_decode(&fresh(), &[1 << 32], true)),
    );
    check(
        "err_id_to_token",
        tok::tok_id_to_token(&fresh(), -1).map(|v| serde_json::json!(v)),
    );
    let enc = |r: Result<Encoding, PyErr>| r.map(|e| serde_json::json!(tok::encoding_ids(&e)));
    check(
        "err_encode_pretok",
        enc(tok::tok_encode(&fresh(), "x", None, true, true)),
    );
    check(
        "err_encode_words",
        enc(tok::tok_encode_words(
            &fresh(),
            &["x".to_string()],
            None,
            false,
            true,
        )),
    );
    check(
        "err_batch_pretok",
        tok::tok_encode_batch(&fresh(), &["x".to_string()], true, true)
            .map(|b| serde_json::json!(b.len())),
    );
}

#[test]
fn tokenizer_handles_share_configuration() {
    let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
    let alias = t.clone();
    assert!(alias.is_same(&t));
    tok::tok_enable_padding(&alias, "right", 0, 0, "[PAD]", None, None).unwrap();
    assert_eq!(
        tok::tok_padding_length(&t),
        None,
        "enable_padding() through one name is seen through the other"
    );
    let e = tok::tok_encode(&t, "hello world", None, false, true).unwrap();
    assert_eq!(tok::encoding_ids(&e), vec![101, 7592, 2088, 102]);
    tok::tok_no_truncation(&t);
    assert_eq!(tok::tok_truncation_max_length(&alias), None);
}

#[test]
fn tokenizer_file_errors_name_the_file() {
    let e = assert_err(
        tok::tok_from_file(Path::new("/nonexistent/tokenizer.json")),
        ExcKind::Exception,
        &["/nonexistent/tokenizer.json", "No such file or directory"],
    );
    assert!(e.message.starts_with("Tokenizer.from_file("), "{e}");
    let corrupt = std::env::temp_dir().join(format!("pcrt-corrupt-{}.json", std::process::id()));
    std::fs::write(&corrupt, b"{ this is not json").unwrap();
    assert_err(
        tok::tok_from_file(&corrupt),
        ExcKind::Exception,
        &[corrupt.to_str().unwrap(), "not a valid tokenizer.json"],
    );
    std::fs::write(&corrupt, b"{\"version\": \"1.0\"}").unwrap();
    assert_err(
        tok::tok_from_file(&corrupt),
        ExcKind::Exception,
        &[corrupt.to_str().unwrap()],
    );
    std::fs::remove_file(&corrupt).unwrap();
    assert_err(
        tok::tok_from_bytes(b"nope", "tokenizer.json"),
        ExcKind::Exception,
        &["tokenizer.json", "embedded"],
    );
}

#[test]
fn embedded_tokenizer_loads_from_memory() {
    let bytes: &'static [u8] = Box::leak(
        std::fs::read(&paths().tiny_tokenizer)
            .unwrap()
            .into_boxed_slice(),
    );
    let asset = pcrt_tests::assets::embedded_or_path(
        "tokenizer.json",
        Some(bytes),
        "/nowhere/tokenizer.json",
    );
    let t = tok::tok_from_asset(&asset).unwrap();
    let e = tok::tok_encode(&t, "hello world", None, false, true).unwrap();
    let want = &expected()["tiny"]["encode"][0];
    check_encoding(&e, want, "embedded tokenizer");
}

#[test]
fn encodings_matrix_is_numpy_array() {
    let t = tok::tok_from_file(&paths().tiny_tokenizer).unwrap();
    tok::tok_no_padding(&t);
    let ragged = tok::tok_encode_batch(
        &t,
        &["hello".to_string(), "hello world".to_string()],
        false,
        true,
    )
    .unwrap();
    let e = assert_err(
        tok::encodings_matrix(&ragged, EncField::Ids),
        ExcKind::ValueError,
        &["inhomogeneous"],
    );
    assert_eq!(
        e.message,
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."
    );
    assert_eq!(
        tok::encodings_matrix(&[], EncField::Ids).unwrap().shape(),
        &[0]
    );
}

// ---------------------------------------------------------------------------
// ONNX Runtime
// ---------------------------------------------------------------------------

#[test]
fn minilm_embeddings_match_python() {
    let facts = &expected()["minilm"];
    let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
    let texts = strs(&facts["texts"]);
    let encs = tok::tok_encode_batch(&t, &texts, false, true).unwrap();
    let (hidden, mask) = run_bert(minilm_session(), &encs);
    let shape: Vec<i64> = hidden.shape().iter().map(|&n| n as i64).collect();
    assert_eq!(shape, i64s(&facts["hidden_shape"]));
    let head: Vec<f64> = hidden
        .slice(ndarray::s![.., ..4, ..8])
        .iter()
        .map(|&x| x as f64)
        .collect();
    assert_close(
        &head,
        &f64s(&facts["hidden_head"]),
        1e-4,
        "last_hidden_state[:, :4, :8]",
    );
    let sum: f64 = hidden.iter().map(|&x| x as f64).sum();
    let want_sum = facts["hidden_sum"].as_f64().unwrap();
    assert!(
        (sum - want_sum).abs() <= 1e-3 * want_sum.abs().max(1.0),
        "sum {sum} vs {want_sum}"
    );
    assert_close(
        &pooled(&hidden, &mask),
        &f64s(&facts["pooled"]),
        1e-5,
        "pooled embeddings",
    );
}

#[test]
fn minilm_dynamic_padding_matches_python() {
    let facts = &expected()["minilm"]["dynamic"];
    let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
    tok::tok_enable_padding(&t, "right", 0, 0, "[PAD]", None, None).unwrap();
    let texts: Vec<String> = strs(&expected()["minilm"]["texts"])[..3].to_vec();
    let encs = tok::tok_encode_batch(&t, &texts, false, true).unwrap();
    let [ids, mask, tt] = feeds(&encs);
    let want_ids: Vec<Vec<i64>> = facts["ids"].as_array().unwrap().iter().map(i64s).collect();
    let got_ids: Vec<Vec<i64>> = ids
        .axis_iter(Axis(0))
        .map(|r| r.iter().copied().collect())
        .collect();
    assert_eq!(got_ids, want_ids);
    // Owned feeds (NdAny) and selected outputs, as `session.run(["last_hidden_state"], ...)`.
    let mut outs = onnx::session_run(
        minilm_session(),
        Some(vec!["last_hidden_state".to_string()]),
        vec![
            ("input_ids", NdAny::from(ids)),
            ("attention_mask", NdAny::from(mask.clone())),
            ("token_type_ids", NdAny::from(tt)),
        ],
    )
    .unwrap();
    let hidden = onnx::nd_take_f32(&mut outs, -1).unwrap();
    let shape: Vec<i64> = hidden.shape().iter().map(|&n| n as i64).collect();
    assert_eq!(shape, i64s(&facts["hidden_shape"]));
    assert_close(
        &pooled(&hidden, &mask),
        &f64s(&facts["pooled"]),
        1e-5,
        "pooled (dynamic padding)",
    );
}

#[test]
fn minilm_truncation_with_stride_matches_python() {
    let facts = &expected()["minilm"]["truncated"];
    let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
    tok::tok_no_padding(&t);
    tok::tok_enable_truncation(&t, 8, 2, "longest_first", "right").unwrap();
    let text = strs(&expected()["minilm"]["texts"])[1].clone();
    let e = tok::tok_encode(&t, &text, None, false, true).unwrap();
    assert_eq!(tok::encoding_ids(&e), i64s(&facts["ids"]));
    let over: Vec<Vec<i64>> = tok::encoding_overflowing(&e)
        .iter()
        .map(tok::encoding_ids)
        .collect();
    let want: Vec<Vec<i64>> = facts["overflowing"]
        .as_array()
        .unwrap()
        .iter()
        .map(i64s)
        .collect();
    assert_eq!(over, want);
}

#[test]
fn tiny_models_match_python() {
    let facts = &expected()["tiny"];
    let t = tok::tok_from_file(&paths().tiny_tokenizer).unwrap();
    let texts = strs(&facts["texts"]);
    let encs = tok::tok_encode_batch(&t, &texts, false, true).unwrap();
    let embed = session(&paths().tiny_embed);
    let (hidden, _) = run_bert(&embed, &encs);
    let shape: Vec<i64> = hidden.shape().iter().map(|&n| n as i64).collect();
    assert_eq!(shape, i64s(&facts["hidden_shape"]));
    let got: Vec<f64> = hidden.iter().map(|&x| x as f64).collect();
    assert_close(
        &got,
        &f64s(&facts["hidden"]),
        1e-5,
        "tiny last_hidden_state",
    );

    let cls = session(&paths().tiny_classifier);
    let [ids, mask, tt] = feeds(&encs);
    let outs = onnx::session_run(
        &cls,
        None,
        [
            ("input_ids", &ids),
            ("attention_mask", &mask),
            ("token_type_ids", &tt),
        ]
        .map(|(n, a)| (n, NdRef::from(a))),
    )
    .unwrap();
    // Through `&outputs` the list keeps the array (a copy is returned).
    let logits = onnx::nd_take_f32(&outs, 0).unwrap();
    assert_eq!(logits.shape(), &[texts.len(), 3]);
    let got: Vec<f64> = logits.iter().map(|&x| x as f64).collect();
    assert_close(&got, &f64s(&facts["logits"]), 1e-5, "tiny logits");
    assert_eq!(onnx::nd_get_f32(&outs, 0).unwrap(), logits);

    let single = tok::tok_encode(&t, &texts[0], None, false, true).unwrap();
    let (alone, _) = run_bert(&embed, &[single]);
    let got: Vec<f64> = alone.iter().map(|&x| x as f64).collect();
    assert_close(
        &got,
        &f64s(&facts["single_hidden"]),
        1e-5,
        "tiny single sequence",
    );
}

#[test]
fn session_signature_and_names() {
    let s = minilm_session();
    assert_eq!(
        onnx::session_input_names(s),
        ["input_ids", "attention_mask", "token_type_ids"]
    );
    assert_eq!(onnx::session_output_names(s), ["last_hidden_state"]);
    let inputs = onnx::session_get_inputs(s);
    assert_eq!(onnx::nodearg_name(&inputs[0]), "input_ids");
    assert_eq!(onnx::nodearg_type(&inputs[0]), "tensor(int64)");
    assert_eq!(
        inputs[0].dims,
        Some(vec![
            onnx::NodeDim::Named("batch".into()),
            onnx::NodeDim::Named("sequence".into())
        ])
    );
    let outputs = onnx::session_get_outputs(s);
    assert_eq!(onnx::nodearg_type(&outputs[0]), "tensor(float)");
    assert_eq!(
        outputs[0].describe(),
        "float32 with shape [batch, sequence, 384]"
    );
    assert_eq!(onnx::session_get_providers(s), ["CPUExecutionProvider"]);
}

#[test]
fn feed_errors_say_what_the_model_expects() {
    let s = minilm_session();
    let ids = ArrayD::<i64>::ones(ndarray::IxDyn(&[2, 5]));
    let f = ArrayD::<f32>::ones(ndarray::IxDyn(&[2, 5]));
    let flat = ArrayD::<i64>::ones(ndarray::IxDyn(&[5]));
    let run = |feeds: Vec<(&str, NdRef<'_>)>| onnx::session_run(s, None, feeds);

    let e = assert_err(
        run(vec![
            ("input_idx", (&ids).into()),
            ("attention_mask", (&ids).into()),
            ("token_type_ids", (&ids).into()),
        ]),
        ExcKind::ValueError,
        &[
            "'input_idx' is not an input of model",
            "'input_ids' (int64 with shape [batch, sequence])",
        ],
    );
    assert!(
        e.message
            .contains("'token_type_ids' (int64 with shape [batch, sequence])"),
        "{e}"
    );
    assert_err(
        run(vec![
            ("input_ids", (&ids).into()),
            ("attention_mask", (&ids).into()),
        ]),
        ExcKind::ValueError,
        &[
            "Required inputs (['token_type_ids']) are missing from input feed (['input_ids', 'attention_mask'])",
            "expects",
        ],
    );
    let e = assert_err(
        run(vec![
            ("input_ids", (&f).into()),
            ("attention_mask", (&ids).into()),
            ("token_type_ids", (&ids).into()),
        ]),
        ExcKind::ValueError,
        &[],
    );
    assert_eq!(
        e.message,
        "model input 'input_ids' expects int64 with shape [batch, sequence], got float32 with 2 dims"
    );
    let e = assert_err(
        run(vec![
            ("input_ids", (&flat).into()),
            ("attention_mask", (&ids).into()),
            ("token_type_ids", (&ids).into()),
        ]),
        ExcKind::ValueError,
        &[],
    );
    assert_eq!(
        e.message,
        "model input 'input_ids' expects int64 with shape [batch, sequence], got int64 with 1 dims"
    );
    assert_err(
        onnx::session_run(
            s,
            Some(vec!["nope".into()]),
            vec![("input_ids", NdRef::from(&ids))],
        ),
        ExcKind::ValueError,
        &["Required inputs"],
    );
    let all = vec![
        ("input_ids", NdRef::from(&ids)),
        ("attention_mask", NdRef::from(&ids)),
        ("token_type_ids", NdRef::from(&ids)),
    ];
    assert_err(
        onnx::session_run(s, Some(vec!["nope".into()]), &all),
        ExcKind::ValueError,
        &[
            "'nope' is not an output of model",
            "'last_hidden_state' (float32 with shape [batch, sequence, 384])",
        ],
    );
    // A failure inside ONNX Runtime: Python's class (a subclass of Exception) and message.
    let big = ArrayD::<i64>::from_elem(ndarray::IxDyn(&[2, 5]), 100_000);
    assert_err(
        run(vec![
            ("input_ids", (&big).into()),
            ("attention_mask", (&ids).into()),
            ("token_type_ids", (&ids).into()),
        ]),
        ExcKind::Exception,
        &["[ONNXRuntimeError] : 2 : INVALID_ARGUMENT", "idx=100000"],
    );
    // A non-contiguous feed is copied, not refused.
    let wide = ArrayD::<i64>::ones(ndarray::IxDyn(&[5, 2]));
    let t = wide.t().to_owned().into_dyn();
    let tv = wide.view().reversed_axes();
    let out = run(vec![
        ("input_ids", tv.into()),
        ("attention_mask", (&t).into()),
        ("token_type_ids", (&t).into()),
    ])
    .unwrap();
    assert_eq!(out[0].as_ref().unwrap().shape(), &[2, 5, 384]);
}

#[test]
fn output_list_indexing_is_pythons() {
    let mut outs = vec![
        Some(NdAny::from(ndarray::arr1(&[1.0f32, 2.0]))),
        Some(NdAny::from(ndarray::arr2(&[[1i64, 2], [3, 4]]))),
    ];
    assert_eq!(onnx::nd_get_i64(&outs, -1).unwrap().shape(), &[2, 2]);
    assert_err(
        onnx::nd_take_f32(&mut outs, 2),
        ExcKind::IndexError,
        &["list index out of range"],
    );
    assert_err(
        onnx::nd_take_f32(&mut outs, -3),
        ExcKind::IndexError,
        &["list index out of range"],
    );
    assert_err(
        onnx::nd_take_f32(&mut outs, 1),
        ExcKind::TypeError,
        &["int64", "float32"],
    );
    assert_eq!(
        onnx::nd_take_i64(&mut outs, 1).unwrap(),
        ndarray::arr2(&[[1i64, 2], [3, 4]]).into_dyn()
    );
    assert_eq!(outs[1], None);
    assert_err(
        onnx::nd_take_i64(&mut outs, 1),
        ExcKind::SystemError,
        &["pycomp bug"],
    );
    assert_eq!(
        onnx::nd_take_f32(&mut outs, -2).unwrap(),
        ndarray::arr1(&[1.0f32, 2.0]).into_dyn()
    );
}

#[test]
fn session_file_errors_name_the_file() {
    init_ort();
    let e = assert_err(
        onnx::session_from_file(Path::new("/nonexistent/model.onnx"), &[]),
        ExcKind::Exception,
        &["InferenceSession('/nonexistent/model.onnx')", "NO_SUCHFILE"],
    );
    assert!(e.message.contains("[ONNXRuntimeError] : 3"), "{e}");
    assert_err(
        onnx::session_from_file(&paths().minilm_tokenizer, &[]),
        ExcKind::Exception,
        &[
            paths().minilm_tokenizer.to_str().unwrap(),
            "INVALID_PROTOBUF",
        ],
    );
    assert_err(
        onnx::session_from_memory(b"garbage", "model.onnx", &[]),
        ExcKind::Exception,
        &["model.onnx (embedded)"],
    );
}

#[test]
fn embedded_model_runs_from_memory() {
    init_ort();
    let bytes: &'static [u8] = Box::leak(
        std::fs::read(&paths().tiny_classifier)
            .unwrap()
            .into_boxed_slice(),
    );
    let asset = pcrt_tests::assets::embedded_or_path(
        "classifier.onnx",
        Some(bytes),
        "/nowhere/classifier.onnx",
    );
    let s = onnx::session_from_asset(&asset, &["CPUExecutionProvider".into()]).unwrap();
    let t = tok::tok_from_file(&paths().tiny_tokenizer).unwrap();
    let encs = tok::tok_encode_batch(&t, &strs(&expected()["tiny"]["texts"]), false, true).unwrap();
    let [ids, mask, tt] = feeds(&encs);
    let mut outs = onnx::session_run(
        &s,
        None,
        vec![
            ("input_ids", &ids),
            ("attention_mask", &mask),
            ("token_type_ids", &tt),
        ]
        .into_iter()
        .map(|(n, a)| (n, NdRef::from(a)))
        .collect::<Vec<_>>(),
    )
    .unwrap();
    let got: Vec<f64> = onnx::nd_take_f32(&mut outs, 0)
        .unwrap()
        .iter()
        .map(|&x| x as f64)
        .collect();
    assert_close(
        &got,
        &f64s(&expected()["tiny"]["logits"]),
        1e-5,
        "logits from an embedded model",
    );
}

#[test]
fn concurrent_calls_give_identical_results() {
    // One tokenizer and one session shared by 8 threads, as module-level
    // resources of compiled code are.
    let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
    tok::tok_enable_padding(&t, "right", 0, 0, "[PAD]", None, None).unwrap();
    let s = minilm_session().clone();
    let texts: Vec<String> = strs(&expected()["minilm"]["texts"]);
    let batches: Vec<Vec<String>> = (0..4)
        .map(|k| texts.iter().cycle().skip(k).take(3 + k).cloned().collect())
        .collect();
    let reference: Vec<ArrayD<f32>> = batches
        .iter()
        .map(|b| run_bert(&s, &tok::tok_encode_batch(&t, b, false, true).unwrap()).0)
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (t, s, batches, reference) = (t.clone(), s.clone(), &batches, &reference);
                scope.spawn(move || {
                    for round in 0..3 {
                        let k = (i + round) % batches.len();
                        let encs = tok::tok_encode_batch(&t, &batches[k], false, true).unwrap();
                        let (hidden, _) = run_bert(&s, &encs);
                        assert_eq!(
                            hidden, reference[k],
                            "thread {i} round {round}: batch {k} differs"
                        );
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    });
}

#[test]
fn large_batches_use_the_pool_and_agree() {
    // 40 texts: above PARALLEL_MIN_BATCH, so encode_batch runs on the pool.
    let t = tok::tok_from_file(&paths().minilm_tokenizer).unwrap();
    let texts: Vec<String> = (0..40)
        .map(|i| format!("sentence number {i} about the quick brown fox"))
        .collect();
    let batch = tok::tok_encode_batch(&t, &texts, false, true).unwrap();
    for (text, e) in texts.iter().zip(&batch) {
        let one = tok::tok_encode(&t, text, None, false, true).unwrap();
        assert_eq!(tok::encoding_ids(e), tok::encoding_ids(&one));
    }
    let seqs: Vec<Vec<i64>> = batch.iter().map(tok::encoding_ids).collect();
    let decoded = tok::tok_decode_batch(&t, &seqs, true).unwrap();
    assert_eq!(decoded, texts);
}

// ---------------------------------------------------------------------------
// Assets and loading ONNX Runtime
// ---------------------------------------------------------------------------

#[test]
fn assets_fall_back_to_the_compiled_path() {
    // Linked into the test executable, there is no bundle directory.
    assert_eq!(pcrt_tests::assets::this_library_path(), None);
    let p = pcrt_tests::assets::asset_path("model.onnx", "/compiled/at/model.onnx");
    assert_eq!(p, PathBuf::from("/compiled/at/model.onnx"));
    if std::env::var_os("ORT_DYLIB_PATH").is_none()
        && std::env::var_os("PYCOMP_ORT_LIBRARY").is_none()
    {
        assert_eq!(
            pcrt_tests::assets::ort_library_path("/compiled/libonnxruntime.so.1.31.1"),
            PathBuf::from("/compiled/libonnxruntime.so.1.31.1")
        );
    }
    let written = pcrt_tests::assets::materialize("blob.bin", b"hello").unwrap();
    assert_eq!(std::fs::read(&written).unwrap(), b"hello");
    assert_eq!(
        pcrt_tests::assets::materialize("blob.bin", b"hello").unwrap(),
        written
    );
}

/// Runs one `child_*` test of this file in a fresh process (ONNX Runtime
/// loads once per process, so a failed load cannot be tested beside the rest).
fn in_child(name: &str, env: &[(&str, &str)]) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            name,
            "--nocapture",
            "--test-threads=1",
        ])
        .env_remove("ORT_DYLIB_PATH")
        .env_remove("PYCOMP_ORT_LIBRARY")
        .env("PCRT_MODELS_CHILD", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && all.contains("1 passed"),
        "child {name} failed:\n{all}"
    );
}

#[test]
fn ort_load_failure_is_fatal_and_clear() {
    in_child("child_missing_library", &[]);
    // An "ONNX Runtime" older than ort's API floor: a stub library whose
    // OrtGetApiBase reports version 1.16.0 (needs a C compiler).
    let dir = std::env::temp_dir().join(format!("pcrt-oldort-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let c = dir.join("old.c");
    std::fs::write(
        &c,
        "typedef struct { const void *(*GetApi)(unsigned); const char *(*GetVersionString)(void); } Base;\n\
         static const void *api(unsigned v) { (void)v; return 0; }\n\
         static const char *ver(void) { return \"1.16.0\"; }\n\
         static const Base base = { api, ver };\n\
         const Base *OrtGetApiBase(void) { return &base; }\n",
    )
    .unwrap();
    let lib = dir.join("libonnxruntime.so.1.16.0");
    match Command::new("cc")
        .arg("-shared")
        .arg("-fPIC")
        .arg("-o")
        .arg(&lib)
        .arg(&c)
        .status()
    {
        Ok(st) if st.success() => in_child(
            "child_old_library",
            &[("PCRT_OLD_ORT", lib.to_str().unwrap())],
        ),
        _ => eprintln!("no C compiler: skipping the old-library check"),
    }
}

#[test]
fn ort_library_overrides() {
    in_child(
        "child_library_env",
        &[
            ("PYCOMP_ORT_LIBRARY", "/x/libonnxruntime.so"),
            ("ORT_DYLIB_PATH", "/y/lib.so"),
        ],
    );
    in_child("child_library_env", &[("ORT_DYLIB_PATH", "/y/lib.so")]);
    in_child("child_library_env", &[]);
}

#[test]
#[ignore = "run by ort_library_overrides in a child process"]
fn child_library_env() {
    // Linked into the test executable: no bundle directory, so after the
    // pycomp override comes ORT_DYLIB_PATH, then the compiled path.
    let want = std::env::var("PYCOMP_ORT_LIBRARY")
        .or_else(|_| std::env::var("ORT_DYLIB_PATH"))
        .unwrap_or_else(|_| "/compiled/libonnxruntime.so.1.31.1".to_string());
    assert_eq!(
        pcrt_tests::assets::ort_library_path("/compiled/libonnxruntime.so.1.31.1"),
        PathBuf::from(want)
    );
}

#[test]
#[ignore = "run by ort_load_failure_is_fatal_and_clear in a child process"]
fn child_missing_library() {
    assert!(std::env::var_os("PCRT_MODELS_CHILD").is_some());
    let e = assert_err(
        onnx::ort_init(Path::new("/nonexistent/libonnxruntime.so.1.31.1")),
        ExcKind::RuntimeError,
        &[
            "cannot load ONNX Runtime from '/nonexistent/libonnxruntime.so.1.31.1'",
            "no such file",
        ],
    );
    // Never retried: the good library does not help any more, and sessions
    // report the same error.
    let again = onnx::ort_init(&paths().ort_library).unwrap_err();
    assert_eq!(again, e);
    let s = onnx::session_from_file(&paths().tiny_embed, &[]).unwrap_err();
    assert_eq!(s, e);
    assert!(!onnx::ort_ready());
}

#[test]
#[ignore = "run by ort_load_failure_is_fatal_and_clear in a child process"]
fn child_old_library() {
    let lib = std::env::var("PCRT_OLD_ORT").unwrap();
    let e = assert_err(
        onnx::ort_init(Path::new(&lib)),
        ExcKind::RuntimeError,
        &[&lib, "expected version >= '1.17.x'", "1.16.0"],
    );
    assert!(e.message.contains("ONNX Runtime 1.17 or newer"), "{e}");
    assert_eq!(
        onnx::session_new(
            &paths().tiny_embed,
            None,
            onnx::SessionSettings::default(),
            paths().ort_library.to_str().unwrap()
        )
        .unwrap_err(),
        e
    );
}
