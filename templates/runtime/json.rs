//! The `json` module: `json.loads` into a dynamic value and `json.dumps` of
//! any value, as CPython 3.11's `json` does it.
//!
//! The decoder follows CPython's C scanner (`Modules/_json.c`) step by step,
//! so a malformed document raises `json.JSONDecodeError` with CPython's
//! message and position (`Expecting ',' delimiter: line 1 column 8 (char 7)`).
//! The encoder follows `json/encoder.py`: the same separators, indentation,
//! escapes (`ensure_ascii` writes UTF-16 surrogate pairs) and `float.__repr__`.

use super::IndexMap;

use super::{ExcKind, Obj, PyErr, PyRepr, PyResult, obj_sorted};

/// Nesting deeper than this raises `RecursionError`, as CPython's recursive
/// scanner does at its recursion limit.
const JSON_MAX_DEPTH: usize = 990;

/// `json.JSONDecodeError(msg, doc, pos)`: the message with CPython's line,
/// column and character position (positions count code points).
fn decode_error(msg: &str, doc: &[char], pos: usize) -> PyErr {
    let before = &doc[..pos.min(doc.len())];
    let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
    let colno = match before.iter().rposition(|&c| c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    PyErr::new(
        ExcKind::JSONDecodeError,
        format!("{msg}: line {lineno} column {colno} (char {pos})"),
    )
}

/// A caught `json.JSONDecodeError`'s `msg` and its `lineno`, `colno` and `pos`,
/// read back from the message `decode_error` wrote (the only maker of one).
fn decode_error_parts(e: &PyErr) -> (&str, [i64; 3]) {
    let text = e.message.as_str();
    let Some(at) = text.rfind(": line ") else {
        return (text, [0; 3]);
    };
    let mut numbers = [0i64; 3];
    let digits = text[at..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    for (slot, part) in numbers.iter_mut().zip(digits) {
        *slot = part.parse().unwrap_or(0);
    }
    (&text[..at], numbers)
}

/// `e.msg` of a caught `json.JSONDecodeError`: the message without its position.
pub fn json_error_msg(e: &PyErr) -> String {
    decode_error_parts(e).0.to_string()
}

/// `e.lineno` (0), `e.colno` (1) or `e.pos` (2) of a caught `json.JSONDecodeError`.
pub fn json_error_position(e: &PyErr, which: usize) -> i64 {
    decode_error_parts(e).1[which]
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Why the scanner stopped: a decode error, or "no value here" (CPython's
/// `StopIteration(idx)`, reported by the caller as `Expecting value`).
enum Stop {
    Err(PyErr),
    NoValue(usize),
}

impl From<PyErr> for Stop {
    fn from(e: PyErr) -> Stop {
        Stop::Err(e)
    }
}

struct Scanner<'a> {
    s: &'a [char],
    depth: usize,
}

impl Scanner<'_> {
    fn skip_ws(&self, mut idx: usize) -> usize {
        while idx < self.s.len() && is_ws(self.s[idx]) {
            idx += 1;
        }
        idx
    }

    fn at(&self, idx: usize) -> Option<char> {
        self.s.get(idx).copied()
    }

    fn starts(&self, idx: usize, word: &str) -> bool {
        let n = word.chars().count();
        idx + n <= self.s.len() && self.s[idx..idx + n].iter().copied().eq(word.chars())
    }

    /// One JSON value starting at `idx`; returns it and the index after it.
    fn scan_once(&mut self, idx: usize) -> Result<(Obj, usize), Stop> {
        let Some(c) = self.at(idx) else {
            return Err(Stop::NoValue(idx));
        };
        match c {
            '"' => {
                let (s, end) = self.scanstring(idx + 1)?;
                return Ok((Obj::Str(s), end));
            }
            '{' => return self.nested(|sc| sc.parse_object(idx + 1), "object"),
            '[' => return self.nested(|sc| sc.parse_array(idx + 1), "array"),
            'n' if self.starts(idx, "null") => return Ok((Obj::None, idx + 4)),
            't' if self.starts(idx, "true") => return Ok((Obj::Bool(true), idx + 4)),
            'f' if self.starts(idx, "false") => return Ok((Obj::Bool(false), idx + 5)),
            'N' if self.starts(idx, "NaN") => return Ok((Obj::Float(f64::NAN), idx + 3)),
            'I' if self.starts(idx, "Infinity") => {
                return Ok((Obj::Float(f64::INFINITY), idx + 8));
            }
            '-' if self.starts(idx, "-Infinity") => {
                return Ok((Obj::Float(f64::NEG_INFINITY), idx + 9));
            }
            _ => {}
        }
        self.match_number(idx)
    }

    fn nested(
        &mut self,
        body: impl FnOnce(&mut Self) -> Result<(Obj, usize), Stop>,
        what: &str,
    ) -> Result<(Obj, usize), Stop> {
        if self.depth >= JSON_MAX_DEPTH {
            return Err(Stop::Err(PyErr::new(
                ExcKind::RecursionError,
                format!(
                    "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
                ),
            )));
        }
        self.depth += 1;
        let out = body(self);
        self.depth -= 1;
        out
    }

    fn digit(&self, idx: usize) -> bool {
        self.at(idx).is_some_and(|c| c.is_ascii_digit())
    }

    fn match_number(&self, start: usize) -> Result<(Obj, usize), Stop> {
        let mut idx = start;
        if self.at(idx) == Some('-') {
            idx += 1;
        }
        match self.at(idx) {
            Some('1'..='9') => {
                idx += 1;
                while self.digit(idx) {
                    idx += 1;
                }
            }
            Some('0') => idx += 1,
            _ => return Err(Stop::NoValue(start)),
        }
        let mut is_float = false;
        if self.at(idx) == Some('.') && self.digit(idx + 1) {
            is_float = true;
            idx += 2;
            while self.digit(idx) {
                idx += 1;
            }
        }
        if matches!(self.at(idx), Some('e' | 'E')) && idx + 1 < self.s.len() {
            let e_start = idx;
            idx += 1;
            if matches!(self.at(idx), Some('-' | '+')) && idx + 1 < self.s.len() {
                idx += 1;
            }
            while self.digit(idx) {
                idx += 1;
            }
            if self.digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text: String = self.s[start..idx].iter().collect();
        if is_float {
            // Rust's parse is correctly rounded, as CPython's float(); a huge
            // exponent gives inf as there.
            let f: f64 = text.parse().unwrap_or(f64::NAN);
            Ok((Obj::Float(f), idx))
        } else {
            match text.parse::<i64>() {
                Ok(i) => Ok((Obj::Int(i), idx)),
                Err(_) => Err(Stop::Err(PyErr::overflow(format!(
                    "JSON integer {text} does not fit in 64 bits"
                )))),
            }
        }
    }

    /// The string whose opening quote is just before `end`.
    fn scanstring(&self, mut end: usize) -> Result<(String, usize), PyErr> {
        let s = self.s;
        let len = s.len();
        let begin = end - 1;
        let mut out = String::new();
        loop {
            let mut next = end;
            let mut c = '\0';
            while next < len {
                c = s[next];
                if c == '"' || c == '\\' {
                    break;
                }
                if (c as u32) <= 0x1f {
                    return Err(decode_error("Invalid control character at", s, next));
                }
                next += 1;
            }
            if next >= len {
                return Err(decode_error("Unterminated string starting at", s, begin));
            }
            out.extend(&s[end..next]);
            next += 1;
            if c == '"' {
                return Ok((out, next));
            }
            if next == len {
                return Err(decode_error("Unterminated string starting at", s, begin));
            }
            let esc = s[next];
            if esc != 'u' {
                end = next + 1;
                let ch = match esc {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(decode_error("Invalid \\escape", s, end - 2)),
                };
                out.push(ch);
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(decode_error("Invalid \\uXXXX escape", s, next - 1));
            }
            let mut code = hex4(&s[next..end])
                .ok_or_else(|| decode_error("Invalid \\uXXXX escape", s, end - 5))?;
            if (0xd800..0xdc00).contains(&code)
                && end + 6 < len
                && s[end] == '\\'
                && s[end + 1] == 'u'
            {
                let low = hex4(&s[end + 2..end + 6])
                    .ok_or_else(|| decode_error("Invalid \\uXXXX escape", s, end + 1))?;
                if (0xdc00..0xe000).contains(&low) {
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    end += 6;
                }
            }
            match char::from_u32(code) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(PyErr::value_error(format!(
                        "JSON string holds the lone surrogate \\u{code:04x}, which compiled \
                         strings (UTF-8) cannot hold"
                    )));
                }
            }
        }
    }

    fn parse_object(&mut self, start: usize) -> Result<(Obj, usize), Stop> {
        let mut out: IndexMap<Obj, Obj> = IndexMap::default();
        let mut idx = self.skip_ws(start);
        if self.at(idx) != Some('}') {
            loop {
                if self.at(idx) != Some('"') {
                    return Err(decode_error(
                        "Expecting property name enclosed in double quotes",
                        self.s,
                        idx,
                    )
                    .into());
                }
                let (key, next) = self.scanstring(idx + 1)?;
                idx = self.skip_ws(next);
                if self.at(idx) != Some(':') {
                    return Err(decode_error("Expecting ':' delimiter", self.s, idx).into());
                }
                idx = self.skip_ws(idx + 1);
                let (value, next) = self.scan_once(idx)?;
                // A repeated key keeps its first position and takes the last value.
                out.insert(Obj::Str(key), value);
                idx = self.skip_ws(next);
                if self.at(idx) == Some('}') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(decode_error("Expecting ',' delimiter", self.s, idx).into());
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((Obj::Dict(out), idx + 1))
    }

    fn parse_array(&mut self, start: usize) -> Result<(Obj, usize), Stop> {
        let mut out = Vec::new();
        let mut idx = self.skip_ws(start);
        if self.at(idx) != Some(']') {
            loop {
                let (value, next) = self.scan_once(idx)?;
                out.push(value);
                idx = self.skip_ws(next);
                if self.at(idx) == Some(']') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(decode_error("Expecting ',' delimiter", self.s, idx).into());
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((Obj::List(out), idx + 1))
    }
}

fn hex4(digits: &[char]) -> Option<u32> {
    digits
        .iter()
        .try_fold(0u32, |acc, c| Some(acc * 16 + c.to_digit(16)?))
}

/// `json.loads(s)`.
pub fn json_loads(s: &str) -> PyResult<Obj> {
    let doc: Vec<char> = s.chars().collect();
    if doc.first() == Some(&'\u{feff}') {
        return Err(decode_error(
            "Unexpected UTF-8 BOM (decode using utf-8-sig)",
            &doc,
            0,
        ));
    }
    let mut sc = Scanner { s: &doc, depth: 0 };
    let start = sc.skip_ws(0);
    let (value, end) = match sc.scan_once(start) {
        Ok(found) => found,
        Err(Stop::Err(e)) => return Err(e),
        Err(Stop::NoValue(at)) => return Err(decode_error("Expecting value", &doc, at)),
    };
    let end = sc.skip_ws(end);
    if end != doc.len() {
        return Err(decode_error("Extra data", &doc, end));
    }
    Ok(value)
}

/// `json.dumps`'s keyword arguments.
struct JsonDumps {
    skipkeys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    /// The indent string (`indent=2` is two spaces); `None` writes one line.
    indent: Option<String>,
    sort_keys: bool,
}

/// `indent=n` as the string CPython repeats (`' ' * n`: empty for n <= 0).
pub fn json_indent(n: i64) -> String {
    " ".repeat(n.max(0) as usize)
}

/// `json.dumps(obj, skipkeys=, ensure_ascii=, allow_nan=, indent=,
/// separators=, sort_keys=)`.
pub fn json_dumps(
    obj: &Obj,
    skipkeys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    indent: Option<String>,
    separators: Option<(String, String)>,
    sort_keys: bool,
) -> PyResult<String> {
    let (item_sep, key_sep) = match separators {
        Some(pair) => pair,
        None if indent.is_some() => (String::from(","), String::from(": ")),
        None => (String::from(", "), String::from(": ")),
    };
    let opts = JsonDumps {
        skipkeys,
        ensure_ascii,
        allow_nan,
        indent,
        sort_keys,
    };
    let enc = Encoder {
        opts: &opts,
        item_sep,
        key_sep,
    };
    let mut out = String::new();
    enc.encode(obj, 0, &mut out)?;
    Ok(out)
}

struct Encoder<'a> {
    opts: &'a JsonDumps,
    item_sep: String,
    key_sep: String,
}

impl Encoder<'_> {
    fn float(&self, f: f64) -> PyResult<String> {
        if f.is_finite() {
            return Ok(f.py_repr());
        }
        if !self.opts.allow_nan {
            return Err(PyErr::value_error(
                "Out of range float values are not JSON compliant",
            ));
        }
        Ok(String::from(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }))
    }

    fn string(&self, s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c if self.opts.ensure_ascii && !(' '..='~').contains(&c) => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{u:04x}"));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    /// A new line and the indentation of `level`, when indenting.
    fn newline(&self, level: usize, out: &mut String) {
        if let Some(ind) = &self.opts.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(ind);
            }
        }
    }

    fn encode(&self, obj: &Obj, level: usize, out: &mut String) -> PyResult<()> {
        match obj {
            Obj::None => out.push_str("null"),
            Obj::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Obj::Int(i) => out.push_str(&i.to_string()),
            Obj::Float(f) => out.push_str(&self.float(*f)?),
            Obj::Str(s) => self.string(s, out),
            Obj::List(items) | Obj::Tuple(items) => {
                if items.is_empty() {
                    out.push_str("[]");
                    return Ok(());
                }
                out.push('[');
                self.newline(level + 1, out);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&self.item_sep);
                        self.newline(level + 1, out);
                    }
                    self.nested(item, level + 1, out)?;
                }
                self.newline(level, out);
                out.push(']');
            }
            Obj::Dict(d) => self.dict(d, level, out)?,
            Obj::Set(_) => {
                return Err(PyErr::type_error(
                    "Object of type set is not JSON serializable",
                ));
            }
        }
        Ok(())
    }

    fn nested(&self, obj: &Obj, level: usize, out: &mut String) -> PyResult<()> {
        if level >= JSON_MAX_DEPTH {
            return Err(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        self.encode(obj, level, out)
    }

    fn key(&self, key: &Obj) -> PyResult<Option<String>> {
        Ok(Some(match key {
            Obj::Str(s) => s.clone(),
            Obj::Float(f) => self.float(*f)?,
            Obj::Bool(b) => String::from(if *b { "true" } else { "false" }),
            Obj::None => String::from("null"),
            Obj::Int(i) => i.to_string(),
            _ if self.opts.skipkeys => return Ok(None),
            other => {
                return Err(PyErr::type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    other.class_name()
                )));
            }
        }))
    }

    fn dict(&self, d: &IndexMap<Obj, Obj>, level: usize, out: &mut String) -> PyResult<()> {
        if d.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        let keys: Vec<Obj> = if self.opts.sort_keys {
            obj_sorted(d.keys().cloned(), false)?
        } else {
            d.keys().cloned().collect()
        };
        out.push('{');
        // CPython indents before the first key is looked at, so a dict whose
        // keys are all skipped still gets its (empty) indented line.
        self.newline(level + 1, out);
        let mut first = true;
        for k in &keys {
            let Some(name) = self.key(k)? else {
                continue;
            };
            if !first {
                out.push_str(&self.item_sep);
                self.newline(level + 1, out);
            }
            first = false;
            self.string(&name, out);
            out.push_str(&self.key_sep);
            self.nested(&d[k], level + 1, out)?;
        }
        self.newline(level, out);
        out.push('}');
        Ok(())
    }
}
