//! The `base64` module: `b64encode` through the `base64` crate, `b64decode` as
//! CPython's `binascii.a2b_base64` in its default (non-strict) mode: characters
//! outside the alphabet are skipped, a complete pad sequence ends the data, and
//! a leftover partial group is `binascii.Error` with CPython's message.

use super::{Bytes, ExcKind, PyErr, PyResult};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};

fn binascii_error(message: impl Into<String>) -> PyErr {
    PyErr::new(ExcKind::BinasciiError, message)
}

/// `base64.b64encode(s)`.
pub fn b64_encode(s: &[u8]) -> Bytes {
    Bytes(STANDARD.encode(s).into_bytes())
}

/// `base64.urlsafe_b64encode(s)`: `-` and `_` for `+` and `/`.
pub fn b64_urlsafe_encode(s: &[u8]) -> Bytes {
    Bytes(URL_SAFE.encode(s).into_bytes())
}

/// The value of a base64 character, or None for one outside the alphabet.
fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `binascii.a2b_base64(data)` (strict_mode=False), as CPython 3.11 runs it.
fn a2b_base64(data: &[u8]) -> PyResult<Bytes> {
    let mut out: Vec<u8> = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let mut quad_pos = 0u8;
    let mut left: u8 = 0;
    let mut pads = 0u8;
    for &ch in data {
        if ch == b'=' {
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    return Ok(Bytes(out));
                }
            }
            continue;
        }
        let Some(v) = sextet(ch) else {
            continue;
        };
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                left = v;
            }
            1 => {
                quad_pos = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    match quad_pos {
        0 => Ok(Bytes(out)),
        1 => Err(binascii_error(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more \
             than a multiple of 4",
            out.len() / 3 * 4 + 1
        ))),
        _ => Err(binascii_error("Incorrect padding")),
    }
}

/// The bytes of a str given to a decoder: CPython's ValueError for non-ASCII text.
fn ascii_bytes(s: &str) -> PyResult<&[u8]> {
    if s.is_ascii() {
        Ok(s.as_bytes())
    } else {
        Err(PyErr::value_error(
            "string argument should contain only ASCII characters",
        ))
    }
}

/// `base64.b64decode(s)` of bytes.
pub fn b64_decode(s: &[u8]) -> PyResult<Bytes> {
    a2b_base64(s)
}

/// `base64.b64decode(s)` of an ASCII str.
pub fn b64_decode_str(s: &str) -> PyResult<Bytes> {
    a2b_base64(ascii_bytes(s)?)
}

/// `base64.urlsafe_b64decode(s)` of bytes: `-` and `_` read as `+` and `/`.
pub fn b64_urlsafe_decode(s: &[u8]) -> PyResult<Bytes> {
    let mapped: Vec<u8> = s
        .iter()
        .map(|&c| match c {
            b'-' => b'+',
            b'_' => b'/',
            c => c,
        })
        .collect();
    a2b_base64(&mapped)
}

/// `base64.urlsafe_b64decode(s)` of an ASCII str.
pub fn b64_urlsafe_decode_str(s: &str) -> PyResult<Bytes> {
    b64_urlsafe_decode(ascii_bytes(s)?)
}
