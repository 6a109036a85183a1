//! The `re` module with CPython 3.11's semantics on top of `fancy-regex`.
//!
//! A Python pattern is never handed to the engine as written: `translate`
//! parses it with the rules of CPython's `re/_parser.py` (its error messages
//! and positions) and writes an equivalent `fancy-regex` pattern where every
//! construct whose meaning differs between the two is spelled out: `\w`, `\d`,
//! `\s` and `\b` as Python's classes (`str.isalnum()` plus `_`, Unicode
//! decimal digits, `str.isspace()`), `$` as "end or before a final newline",
//! `.`/`^`/`$` under DOTALL/MULTILINE, the ASCII flag, literal characters
//! escaped (a Python `{` or `[[:alpha:]]` is literal). Capture groups keep
//! their numbers; names stay on the Python side.
//!
//! Iteration (`findall`, `finditer`, `sub`, `split`) follows CPython 3.7+:
//! an empty match is allowed next to a previous non-empty one; after an empty
//! match the next one must not be empty at the same place. Where the engine's
//! choice there could differ from CPython's (a pattern with `|` or a lazy
//! repeat that can match empty), `NotImplementedError` is raised instead of a
//! different answer; literal patterns with that shape are refused at compile
//! time (frontend/pycomp/pyre.py).

use super::IndexMap;
use super::{ExcKind, PyErr, PyResult};
use fancy_regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

pub const RE_IGNORECASE: i64 = 2;
pub const RE_LOCALE: i64 = 4;
pub const RE_MULTILINE: i64 = 8;
pub const RE_DOTALL: i64 = 16;
pub const RE_UNICODE: i64 = 32;
pub const RE_VERBOSE: i64 = 64;
pub const RE_ASCII: i64 = 256;

const WORD: &str = r"\p{L}\p{N}_";
const AWORD: &str = r"0-9A-Za-z_";
const SPACE: &str = r"\t\n\x0B\x0C\r\x1C-\x1F \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}";
const ASPACE: &str = r"\t\n\x0B\x0C\r ";

/// `re.error(msg)` with CPython's position suffix (and line/column for a
/// pattern of several lines).
fn re_error(msg: &str, pattern: &[char], pos: usize) -> PyErr {
    let mut text = format!("{msg} at position {pos}");
    if pattern.contains(&'\n') {
        let before = &pattern[..pos.min(pattern.len())];
        let line = before.iter().filter(|&&c| c == '\n').count() + 1;
        let col = match before.iter().rposition(|&c| c == '\n') {
            Some(nl) => pos - nl,
            None => pos + 1,
        };
        text.push_str(&format!(" (line {line}, column {col})"));
    }
    PyErr::new(ExcKind::ReError, text)
}

fn unsupported(what: &str) -> PyErr {
    PyErr::new(
        ExcKind::NotImplementedError,
        format!("pycomp's re does not support {what}"),
    )
}

/// A character as the engine's pattern syntax spells it literally.
fn lit(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || c == '_' {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:X}}}", c as u32));
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    /// Nothing to repeat: the start of a branch, or an anchor.
    Nothing,
    Atom,
    Repeat,
}

struct Open {
    /// Where the `(` is (for "missing ), unterminated subpattern").
    pos: usize,
    /// The flags to restore at `)`.
    flags: i64,
    /// The capture group number, if it is one.
    group: Option<usize>,
}

/// A pattern translated to the engine's syntax.
struct Translated {
    regex: String,
    groups: usize,
    names: Vec<(String, usize)>,
    /// `|` or a lazy repeat: after an empty match the engine's next choice may
    /// differ from CPython's.
    ambiguous: bool,
}

struct Translator<'a> {
    src: &'a [char],
    i: usize,
    out: String,
    flags: i64,
    groups: usize,
    closed: Vec<bool>,
    names: Vec<(String, usize)>,
    open: Vec<Open>,
    last: Last,
    ambiguous: bool,
}

impl<'a> Translator<'a> {
    fn err(&self, msg: &str, pos: usize) -> PyErr {
        re_error(msg, self.src, pos)
    }

    fn peek(&self) -> Option<char> {
        self.src.get(self.i).copied()
    }

    fn ascii(&self) -> bool {
        self.flags & RE_ASCII != 0
    }

    fn word_class(&self, negate: bool) -> String {
        let w = if self.ascii() { AWORD } else { WORD };
        format!("[{}{w}]", if negate { "^" } else { "" })
    }

    /// `\d \D \s \S \w \W` as class items (inside `[...]`) or a whole class.
    fn category(&self, c: char, in_class: bool) -> Option<String> {
        let a = self.ascii();
        let (body, negate) = match c {
            'd' => (if a { "0-9" } else { r"\p{Nd}" }, false),
            'D' => (if a { "0-9" } else { r"\p{Nd}" }, true),
            's' => (if a { ASPACE } else { SPACE }, false),
            'S' => (if a { ASPACE } else { SPACE }, true),
            'w' => (if a { AWORD } else { WORD }, false),
            'W' => (if a { AWORD } else { WORD }, true),
            _ => return None,
        };
        Some(match (negate, in_class) {
            (false, true) => body.to_string(),
            (false, false) => format!("[{body}]"),
            (true, _) => format!("[^{body}]"),
        })
    }

    fn hex_escape(&mut self, start: usize, kind: char, n: usize) -> PyResult<char> {
        let digits: String = self.src[self.i..(self.i + n).min(self.src.len())]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit())
            .collect();
        if digits.chars().count() != n {
            let shown: String = self.src[start..self.i + digits.chars().count()]
                .iter()
                .collect();
            return Err(self.err(&format!("incomplete escape {shown}"), start));
        }
        self.i += n;
        let v = u32::from_str_radix(&digits, 16).unwrap_or(u32::MAX);
        match char::from_u32(v) {
            Some(c) => Ok(c),
            None => {
                let shown: String = self.src[start..self.i].iter().collect();
                let _ = kind;
                Err(self.err(&format!("bad escape {shown}"), start))
            }
        }
    }

    /// An escape in a class: `Ok(Err(item))` for a category, `Ok(Ok(c))` for a character.
    fn class_escape(&mut self, start: usize) -> PyResult<Result<char, String>> {
        let Some(c) = self.peek() else {
            return Err(self.err("bad escape (end of pattern)", start));
        };
        self.i += 1;
        if let Some(cat) = self.category(c, true) {
            return Ok(Err(cat));
        }
        let ch = match c {
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0b',
            'x' => self.hex_escape(start, c, 2)?,
            'u' => self.hex_escape(start, c, 4)?,
            'U' => self.hex_escape(start, c, 8)?,
            'N' => return Err(unsupported("\\N{...} escapes")),
            '0'..='7' => {
                let mut v = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.i += 1;
                        }
                        None => break,
                    }
                }
                if v > 0o377 {
                    let shown: String = self.src[start..self.i].iter().collect();
                    return Err(self.err(
                        &format!("octal escape value {shown} outside of range 0-0o377"),
                        start,
                    ));
                }
                char::from_u32(v).unwrap_or('\0')
            }
            c if c.is_ascii_alphanumeric() => {
                return Err(self.err(&format!("bad escape \\{c}"), start));
            }
            c => c,
        };
        Ok(Ok(ch))
    }

    fn class(&mut self, here: usize) -> PyResult<()> {
        let mut items = String::new();
        let mut count = 0usize;
        let negate = self.peek() == Some('^');
        if negate {
            self.i += 1;
        }
        loop {
            let Some(this) = self.peek() else {
                return Err(self.err("unterminated character set", here));
            };
            let tstart = self.i;
            self.i += 1;
            if this == ']' && count > 0 {
                break;
            }
            let code1 = if this == '\\' {
                self.class_escape(tstart)?
            } else {
                Ok(this)
            };
            count += 1;
            if self.peek() == Some('-') {
                self.i += 1;
                let Some(that) = self.peek() else {
                    return Err(self.err("unterminated character set", here));
                };
                let ustart = self.i;
                self.i += 1;
                if that == ']' {
                    match code1 {
                        Ok(c) => lit(&mut items, c),
                        Err(cat) => items.push_str(&cat),
                    }
                    lit(&mut items, '-');
                    break;
                }
                let code2 = if that == '\\' {
                    self.class_escape(ustart)?
                } else {
                    Ok(that)
                };
                let shown: String = self.src[tstart..self.i].iter().collect();
                match (code1, code2) {
                    (Ok(lo), Ok(hi)) if lo <= hi => {
                        lit(&mut items, lo);
                        items.push('-');
                        lit(&mut items, hi);
                    }
                    _ => {
                        return Err(self.err(&format!("bad character range {shown}"), tstart));
                    }
                }
            } else {
                match code1 {
                    Ok(c) => lit(&mut items, c),
                    Err(cat) => items.push_str(&cat),
                }
            }
        }
        self.out.push('[');
        if negate {
            self.out.push('^');
        }
        self.out.push_str(&items);
        self.out.push(']');
        Ok(())
    }

    /// An escape outside a class.
    fn escape(&mut self, start: usize) -> PyResult<()> {
        let Some(c) = self.peek() else {
            return Err(self.err("bad escape (end of pattern)", start));
        };
        self.i += 1;
        if let Some(cat) = self.category(c, false) {
            self.out.push_str(&cat);
            self.last = Last::Atom;
            return Ok(());
        }
        match c {
            'A' => {
                self.out.push_str(r"\A");
                self.last = Last::Nothing;
                return Ok(());
            }
            'Z' => {
                self.out.push_str(r"\z");
                self.last = Last::Nothing;
                return Ok(());
            }
            'b' | 'B' => {
                let w = self.word_class(false);
                if c == 'b' {
                    self.out
                        .push_str(&format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))"));
                } else {
                    self.out
                        .push_str(&format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))"));
                }
                self.last = Last::Nothing;
                return Ok(());
            }
            '1'..='9' => {
                let mut digits = String::from(c);
                if let Some(d) = self.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(d);
                    self.i += 1;
                    let oct = |x: char| ('0'..='7').contains(&x);
                    if let Some(e) = self.peek().filter(|&e| oct(c) && oct(d) && oct(e)) {
                        self.i += 1;
                        digits.push(e);
                        let v = u32::from_str_radix(&digits, 8).unwrap_or(0);
                        if v > 0o377 {
                            return Err(self.err(
                                &format!("octal escape value \\{digits} outside of range 0-0o377"),
                                start,
                            ));
                        }
                        lit(&mut self.out, char::from_u32(v).unwrap_or('\0'));
                        self.last = Last::Atom;
                        return Ok(());
                    }
                }
                let n: usize = digits.parse().unwrap_or(usize::MAX);
                if n > self.groups {
                    return Err(self.err(&format!("invalid group reference {n}"), start + 1));
                }
                if !self.closed[n] {
                    return Err(self.err("cannot refer to an open group", start));
                }
                self.casei_backref()?;
                self.out.push_str(&format!("(?:\\{n})"));
                self.last = Last::Atom;
                return Ok(());
            }
            _ => {}
        }
        self.i -= 1;
        match self.class_escape(start)? {
            Ok(ch) => lit(&mut self.out, ch),
            Err(cat) => self.out.push_str(&cat),
        }
        self.last = Last::Atom;
        Ok(())
    }

    fn read_name(&mut self, end: char, start: usize) -> PyResult<String> {
        let from = self.i;
        while let Some(c) = self.peek() {
            if c == end {
                let name: String = self.src[from..self.i].iter().collect();
                self.i += 1;
                if name.is_empty() {
                    return Err(self.err("missing group name", from));
                }
                return Ok(name);
            }
            self.i += 1;
        }
        let _ = start;
        if self.i == from {
            return Err(self.err("missing group name", from));
        }
        Err(self.err(&format!("missing {end}, unterminated name"), from))
    }

    fn is_identifier(name: &str) -> bool {
        let mut cs = name.chars();
        match cs.next() {
            Some(c) if c == '_' || c.is_alphabetic() => {}
            _ => return false,
        }
        cs.all(|c| c == '_' || c.is_alphanumeric())
    }

    /// The inline flag letters after `(?` up to `)` or `:`.
    fn flag_letters(&mut self, start: usize) -> PyResult<()> {
        let mut add = 0i64;
        let mut del = 0i64;
        let mut minus = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err("missing -, : or )", self.i));
            };
            self.i += 1;
            let bit = match c {
                'i' => RE_IGNORECASE,
                'L' => RE_LOCALE,
                'm' => RE_MULTILINE,
                's' => RE_DOTALL,
                'x' => RE_VERBOSE,
                'a' => RE_ASCII,
                'u' => RE_UNICODE,
                '-' if !minus => {
                    minus = true;
                    continue;
                }
                ')' if !minus => {
                    // global flags: only at the start of the pattern
                    let body_empty = self.out.is_empty() || self.out == "(?i)";
                    if !self.open.is_empty() || !body_empty {
                        return Err(
                            self.err("global flags not at the start of the expression", start)
                        );
                    }
                    if add & RE_LOCALE != 0 {
                        return Err(unsupported("the LOCALE flag"));
                    }
                    self.set_flags(self.flags | add)?;
                    self.last = Last::Nothing;
                    return Ok(());
                }
                ':' => {
                    if add & RE_LOCALE != 0 {
                        return Err(unsupported("the LOCALE flag"));
                    }
                    let saved = self.flags;
                    let new = (self.flags | add) & !del;
                    self.open.push(Open {
                        pos: start,
                        flags: saved,
                        group: None,
                    });
                    let i_on = new & RE_IGNORECASE != 0;
                    self.out.push_str(if i_on { "(?i:" } else { "(?-i:" });
                    self.flags = new;
                    self.check_flags()?;
                    self.last = Last::Nothing;
                    return Ok(());
                }
                _ => {
                    let msg = if c.is_alphabetic() {
                        "unknown flag"
                    } else {
                        "missing -, : or )"
                    };
                    return Err(self.err(msg, self.i - 1));
                }
            };
            if minus {
                if matches!(c, 'L' | 'a' | 'u') {
                    return Err(self.err(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                        self.i - 1,
                    ));
                }
                del |= bit;
            } else {
                add |= bit;
            }
        }
    }

    /// A backreference where IGNORECASE holds: CPython compares it case-insensitively,
    /// the engine exactly (pyre.py refuses such a literal pattern at compile time).
    fn casei_backref(&self) -> PyResult<()> {
        if self.flags & RE_IGNORECASE != 0 {
            return Err(unsupported("a backreference under IGNORECASE"));
        }
        Ok(())
    }

    fn check_flags(&self) -> PyResult<()> {
        if self.flags & RE_ASCII != 0 && self.flags & RE_IGNORECASE != 0 {
            return Err(unsupported("IGNORECASE together with ASCII"));
        }
        Ok(())
    }

    fn set_flags(&mut self, flags: i64) -> PyResult<()> {
        if flags & RE_ASCII != 0 && flags & RE_UNICODE != 0 {
            return Err(PyErr::value_error(
                "ASCII and UNICODE flags are incompatible",
            ));
        }
        if flags & RE_IGNORECASE != 0 && self.flags & RE_IGNORECASE == 0 {
            self.out.insert_str(0, "(?i)");
        }
        self.flags = flags;
        self.check_flags()
    }

    /// Open capture group number `self.groups` (the engine's group of the same number).
    fn capture(&mut self, start: usize) {
        self.closed.push(false);
        self.open.push(Open {
            pos: start,
            flags: self.flags,
            group: Some(self.groups),
        });
        self.out.push('(');
        self.last = Last::Nothing;
    }

    fn group_open(&mut self, start: usize) -> PyResult<()> {
        if self.peek() != Some('?') {
            self.groups += 1;
            self.capture(start);
            return Ok(());
        }
        self.i += 1;
        let Some(c) = self.peek() else {
            return Err(self.err("unexpected end of pattern", self.i));
        };
        self.i += 1;
        let noncap = |t: &mut Self, text: &str| {
            t.open.push(Open {
                pos: start,
                flags: t.flags,
                group: None,
            });
            t.out.push_str(text);
            t.last = Last::Nothing;
        };
        match c {
            ':' => noncap(self, "(?:"),
            '>' => noncap(self, "(?>"),
            '=' => noncap(self, "(?="),
            '!' => noncap(self, "(?!"),
            '#' => {
                while let Some(d) = self.peek() {
                    self.i += 1;
                    if d == ')' {
                        return Ok(());
                    }
                }
                return Err(self.err("missing ), unterminated comment", start));
            }
            '<' => match self.peek() {
                Some('=') => {
                    self.i += 1;
                    noncap(self, "(?<=");
                }
                Some('!') => {
                    self.i += 1;
                    noncap(self, "(?<!");
                }
                Some(d) => {
                    return Err(self.err(&format!("unknown extension ?<{d}"), start + 1));
                }
                None => return Err(self.err("unexpected end of pattern", self.i)),
            },
            'P' => match self.peek() {
                Some('<') => {
                    self.i += 1;
                    let at = self.i;
                    let name = self.read_name('>', start)?;
                    if !Self::is_identifier(&name) {
                        return Err(self.err(&format!("bad character in group name '{name}'"), at));
                    }
                    self.groups += 1;
                    if let Some((_, was)) = self.names.iter().find(|(n, _)| *n == name) {
                        let msg = format!(
                            "redefinition of group name '{name}' as group {}; was group {was}",
                            self.groups
                        );
                        return Err(self.err(&msg, at));
                    }
                    self.names.push((name, self.groups));
                    self.capture(start);
                }
                Some('=') => {
                    self.i += 1;
                    let at = self.i;
                    let name = self.read_name(')', start)?;
                    if !Self::is_identifier(&name) {
                        return Err(self.err(&format!("bad character in group name '{name}'"), at));
                    }
                    let Some(&(_, n)) = self.names.iter().find(|(x, _)| *x == name) else {
                        return Err(self.err(&format!("unknown group name '{name}'"), at));
                    };
                    if !self.closed[n] {
                        return Err(self.err("cannot refer to an open group", at));
                    }
                    self.casei_backref()?;
                    self.out.push_str(&format!("(?:\\{n})"));
                    self.last = Last::Atom;
                }
                Some(d) => {
                    return Err(self.err(&format!("unknown extension ?P{d}"), start + 1));
                }
                None => return Err(self.err("unexpected end of pattern", self.i)),
            },
            '(' => return Err(unsupported("conditional groups (?(...)...)")),
            c if "aiLmsux-".contains(c) => {
                self.i -= 1;
                self.flag_letters(start)?;
            }
            c => return Err(self.err(&format!("unknown extension ?{c}"), start + 1)),
        }
        Ok(())
    }

    fn group_close(&mut self, at: usize) -> PyResult<()> {
        let Some(open) = self.open.pop() else {
            return Err(self.err("unbalanced parenthesis", at));
        };
        if let Some(g) = open.group {
            self.closed[g] = true;
        }
        self.flags = open.flags;
        self.out.push(')');
        self.last = Last::Atom;
        Ok(())
    }

    fn repeat(&mut self, this: char, here: usize) -> PyResult<bool> {
        let (lo, hi): (u64, Option<u64>) = match this {
            '*' => (0, None),
            '+' => (1, None),
            '?' => (0, Some(1)),
            _ => {
                // `{m,n}`, or a literal `{`
                if self.peek() == Some('}') {
                    return Ok(false);
                }
                let save = self.i;
                let mut lo = String::new();
                while let Some(d) = self.peek().filter(|d| d.is_ascii_digit()) {
                    lo.push(d);
                    self.i += 1;
                }
                let hi = if self.peek() == Some(',') {
                    self.i += 1;
                    let mut hi = String::new();
                    while let Some(d) = self.peek().filter(|d| d.is_ascii_digit()) {
                        hi.push(d);
                        self.i += 1;
                    }
                    hi
                } else {
                    lo.clone()
                };
                if self.peek() != Some('}') {
                    self.i = save;
                    return Ok(false);
                }
                self.i += 1;
                let big = |s: &str| s.len() > 9;
                if big(&lo) || big(&hi) {
                    return Err(unsupported("repeat counts above 999999999"));
                }
                let lo_v: u64 = lo.parse().unwrap_or(0);
                let hi_v: Option<u64> = hi.parse().ok();
                if hi_v.is_some_and(|h| h < lo_v) {
                    return Err(self.err("min repeat greater than max repeat", here + 1));
                }
                (lo_v, hi_v)
            }
        };
        match self.last {
            Last::Nothing => return Err(self.err("nothing to repeat", here)),
            Last::Repeat => return Err(self.err("multiple repeat", here)),
            Last::Atom => {}
        }
        let q = match (lo, hi) {
            (0, None) => "*".to_string(),
            (1, None) => "+".to_string(),
            (0, Some(1)) => "?".to_string(),
            (l, None) => format!("{{{l},}}"),
            (l, Some(h)) if l == h => format!("{{{l}}}"),
            (l, Some(h)) => format!("{{{l},{h}}}"),
        };
        self.out.push_str(&q);
        if self.peek() == Some('?') {
            self.i += 1;
            self.out.push('?');
            if lo == 0 {
                self.ambiguous = true;
            }
        } else if self.peek() == Some('+') {
            self.i += 1;
            self.out.push('+');
        }
        self.last = Last::Repeat;
        Ok(true)
    }

    /// `.`, `^`, `$`: what they mean under the flag, and whether they can be repeated.
    fn flagged(&mut self, flag: i64, on: &str, off: &str, last: Last) {
        self.out
            .push_str(if self.flags & flag != 0 { on } else { off });
        self.last = last;
    }

    fn run(mut self) -> PyResult<Translated> {
        self.check_flags()?;
        if self.flags & RE_IGNORECASE != 0 {
            self.out.push_str("(?i)");
        }
        while self.i < self.src.len() {
            let here = self.i;
            let this = self.src[here];
            self.i += 1;
            if self.flags & RE_VERBOSE != 0 {
                if " \t\n\r\x0b\x0c".contains(this) {
                    continue;
                }
                if this == '#' {
                    while let Some(c) = self.peek() {
                        self.i += 1;
                        if c == '\n' {
                            break;
                        }
                    }
                    continue;
                }
            }
            match this {
                '\\' => self.escape(here)?,
                '[' => {
                    self.class(here)?;
                    self.last = Last::Atom;
                }
                '(' => self.group_open(here)?,
                ')' => self.group_close(here)?,
                '|' => {
                    self.ambiguous = true;
                    self.out.push('|');
                    self.last = Last::Nothing;
                }
                '.' => self.flagged(RE_DOTALL, "(?s:.)", "(?-s:.)", Last::Atom),
                '^' => self.flagged(RE_MULTILINE, "(?m:^)", r"\A", Last::Nothing),
                '$' => self.flagged(RE_MULTILINE, "(?m:$)", r"(?=\n?\z)", Last::Nothing),
                '*' | '+' | '?' => {
                    self.repeat(this, here)?;
                }
                '{' => {
                    if !self.repeat(this, here)? {
                        lit(&mut self.out, '{');
                        self.last = Last::Atom;
                    }
                }
                c => {
                    lit(&mut self.out, c);
                    self.last = Last::Atom;
                }
            }
        }
        if let Some(open) = self.open.last() {
            return Err(self.err("missing ), unterminated subpattern", open.pos));
        }
        Ok(Translated {
            regex: self.out,
            groups: self.groups,
            names: self.names,
            ambiguous: self.ambiguous,
        })
    }
}

fn translate(pattern: &str, flags: i64) -> PyResult<Translated> {
    if flags & RE_LOCALE != 0 {
        return Err(PyErr::value_error(
            "cannot use LOCALE flag with a str pattern",
        ));
    }
    if flags & RE_ASCII != 0 && flags & RE_UNICODE != 0 {
        return Err(PyErr::value_error(
            "ASCII and UNICODE flags are incompatible",
        ));
    }
    let src: Vec<char> = pattern.chars().collect();
    Translator {
        src: &src,
        i: 0,
        out: String::new(),
        flags,
        groups: 0,
        closed: vec![true],
        names: Vec::new(),
        open: Vec::new(),
        last: Last::Nothing,
        ambiguous: false,
    }
    .run()
}

fn build(regex: &str) -> PyResult<Regex> {
    RegexBuilder::new(regex)
        .backtrack_limit(usize::MAX)
        .build()
        .map_err(|e| {
            let text = e.to_string();
            if text.contains("Look-behind assertion without constant size") {
                // CPython's compiler says it without a position
                PyErr::new(ExcKind::ReError, "look-behind requires fixed-width pattern")
            } else {
                unsupported(&format!("this pattern ({text})"))
            }
        })
}

struct PatInner {
    pattern: String,
    flags: i64,
    regex: String,
    search: Regex,
    anchored: OnceLock<Result<Regex, PyErr>>,
    full: OnceLock<Result<Regex, PyErr>>,
    groups: usize,
    names: Vec<(String, usize)>,
    ambiguous: bool,
}

/// A compiled pattern (`re.Pattern`).
#[derive(Clone)]
pub struct RePattern(Arc<PatInner>);

/// The pattern of a class's field before `__init__` sets it (a compiled class
/// struct is `Default`; every field is set before it is read, E101): `re.compile("")`.
impl Default for RePattern {
    fn default() -> RePattern {
        re_compile("", 0).unwrap_or_else(|_| unreachable!("the empty pattern compiles"))
    }
}

/// A match (`re.Match`): the subject, the spans of its groups in bytes.
#[derive(Clone)]
pub struct ReMatch {
    text: Arc<str>,
    spans: Vec<Option<(usize, usize)>>,
    pat: Arc<PatInner>,
}

type Spans = Vec<Option<(usize, usize)>>;

static CACHE: LazyLock<Mutex<HashMap<(String, i64), RePattern>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// `re.compile(pattern, flags)`, cached as CPython caches compiled patterns.
pub fn re_compile(pattern: &str, flags: i64) -> PyResult<RePattern> {
    let key = (pattern.to_string(), flags);
    if let Some(p) = CACHE.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(p);
    }
    let t = translate(pattern, flags)?;
    let search = build(&t.regex)?;
    let p = RePattern(Arc::new(PatInner {
        pattern: pattern.to_string(),
        flags,
        regex: t.regex,
        search,
        anchored: OnceLock::new(),
        full: OnceLock::new(),
        groups: t.groups,
        names: t.names,
        ambiguous: t.ambiguous,
    }));
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= 512 {
            cache.clear();
        }
        cache.insert(key, p.clone());
    }
    Ok(p)
}

/// `re.escape(s)`: CPython 3.7+'s set of escaped characters.
pub fn re_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn spans_of(c: &fancy_regex::Captures<'_>, groups: usize) -> Spans {
    (0..=groups)
        .map(|g| c.get(g).map(|m| (m.start(), m.end())))
        .collect()
}

fn next_char(text: &str, pos: usize) -> usize {
    text[pos..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| pos + c.len_utf8())
}

impl RePattern {
    fn inner(&self) -> &PatInner {
        &self.0
    }

    fn variant(&self, full: bool) -> PyResult<&Regex> {
        let p = self.inner();
        let cell = if full { &p.full } else { &p.anchored };
        let r = cell.get_or_init(|| {
            let tail = if full { r"\z" } else { "" };
            let (head, body) = match p.regex.strip_prefix("(?i)") {
                Some(rest) => ("(?i)", rest),
                None => ("", p.regex.as_str()),
            };
            build(&format!(r"{head}\A(?:{body}){tail}"))
        });
        r.as_ref().map_err(|e| e.clone())
    }

    fn run(&self, regex: &Regex, text: &str, pos: usize) -> PyResult<Option<Spans>> {
        match regex.captures_from_pos(text, pos) {
            Ok(Some(c)) => Ok(Some(spans_of(&c, self.inner().groups))),
            Ok(None) => Ok(None),
            Err(e) => Err(PyErr::new(
                ExcKind::RuntimeError,
                format!("regular expression engine: {e}"),
            )),
        }
    }

    /// The next match at or after `pos`; after an empty match (`must_advance`)
    /// not an empty one at `pos` again (CPython 3.7+).
    fn next(&self, text: &str, pos: usize, must_advance: bool) -> PyResult<Option<Spans>> {
        if pos > text.len() {
            return Ok(None);
        }
        let Some(spans) = self.run(&self.inner().search, text, pos)? else {
            return Ok(None);
        };
        let Some((s, e)) = spans[0] else {
            return Ok(None);
        };
        if must_advance && s == pos && e == pos {
            if self.inner().ambiguous {
                return Err(unsupported(
                    "an empty match right after an empty match with a pattern that has `|` or a \
                     lazy repeat (CPython's next choice there may differ)",
                ));
            }
            let next = next_char(text, pos);
            return if next > text.len() {
                Ok(None)
            } else {
                self.run(&self.inner().search, text, next)
            };
        }
        Ok(Some(spans))
    }

    fn all(&self, text: &str, limit: usize) -> PyResult<Vec<Spans>> {
        let mut out = Vec::new();
        let mut pos = 0;
        let mut must_advance = false;
        while limit == 0 || out.len() < limit {
            let Some(spans) = self.next(text, pos, must_advance)? else {
                break;
            };
            let (s, e) = spans[0].unwrap_or((pos, pos));
            must_advance = s == e;
            pos = e;
            out.push(spans);
        }
        Ok(out)
    }

    fn matched(&self, text: &Arc<str>, spans: Spans) -> ReMatch {
        ReMatch {
            text: text.clone(),
            spans,
            pat: self.0.clone(),
        }
    }

    pub fn search(&self, text: &str) -> PyResult<Option<ReMatch>> {
        let t: Arc<str> = Arc::from(text);
        Ok(self
            .run(&self.inner().search, &t, 0)?
            .map(|s| self.matched(&t, s)))
    }

    pub fn match_(&self, text: &str) -> PyResult<Option<ReMatch>> {
        let t: Arc<str> = Arc::from(text);
        let r = self.variant(false)?;
        Ok(self.run(r, &t, 0)?.map(|s| self.matched(&t, s)))
    }

    pub fn fullmatch(&self, text: &str) -> PyResult<Option<ReMatch>> {
        let t: Arc<str> = Arc::from(text);
        let r = self.variant(true)?;
        Ok(self.run(r, &t, 0)?.map(|s| self.matched(&t, s)))
    }

    pub fn finditer(&self, text: &str) -> PyResult<Vec<ReMatch>> {
        let t: Arc<str> = Arc::from(text);
        Ok(self
            .all(&t, 0)?
            .into_iter()
            .map(|s| self.matched(&t, s))
            .collect())
    }

    /// `findall` of a pattern with no group or one: the match (or the group), '' for
    /// a group that took no part.
    pub fn findall(&self, text: &str) -> PyResult<Vec<String>> {
        let g = usize::from(self.inner().groups >= 1);
        Ok(self
            .all(text, 0)?
            .into_iter()
            .map(|s| s[g].map_or(String::new(), |(a, b)| text[a..b].to_string()))
            .collect())
    }

    /// `findall` of a pattern with several groups: a tuple of them per match.
    pub fn findall_groups(&self, text: &str) -> PyResult<Vec<Vec<String>>> {
        Ok(self
            .all(text, 0)?
            .into_iter()
            .map(|s| {
                s[1..]
                    .iter()
                    .map(|g| g.map_or(String::new(), |(a, b)| text[a..b].to_string()))
                    .collect()
            })
            .collect())
    }

    fn count_limit(count: i64) -> usize {
        if count <= 0 {
            0
        } else {
            usize::try_from(count).unwrap_or(usize::MAX)
        }
    }

    fn sub_with(
        &self,
        text: &str,
        count: i64,
        mut piece: impl FnMut(&Arc<str>, Spans, &mut String) -> PyResult<()>,
    ) -> PyResult<(String, i64)> {
        if count < 0 {
            return Ok((text.to_string(), 0));
        }
        let t: Arc<str> = Arc::from(text);
        let found = self.all(&t, Self::count_limit(count))?;
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        let n = found.len() as i64;
        for spans in found {
            let (s, e) = spans[0].unwrap_or((last, last));
            out.push_str(&text[last..s]);
            piece(&t, spans, &mut out)?;
            last = e;
        }
        out.push_str(&text[last..]);
        Ok((out, n))
    }

    pub fn subn(&self, repl: &str, text: &str, count: i64) -> PyResult<(String, i64)> {
        let tpl = parse_template(repl, self.inner())?;
        self.sub_with(text, count, |t, spans, out| {
            for p in &tpl {
                match p {
                    Piece::Lit(s) => out.push_str(s),
                    Piece::Group(g) => {
                        if let Some((a, b)) = spans[*g] {
                            out.push_str(&t[a..b]);
                        }
                    }
                }
            }
            Ok(())
        })
    }

    pub fn sub(&self, repl: &str, text: &str, count: i64) -> PyResult<String> {
        Ok(self.subn(repl, text, count)?.0)
    }

    pub fn subn_fn(
        &self,
        mut repl: impl FnMut(ReMatch) -> PyResult<String>,
        text: &str,
        count: i64,
    ) -> PyResult<(String, i64)> {
        let me = self.clone();
        self.sub_with(text, count, |t, spans, out| {
            out.push_str(&repl(me.matched(t, spans))?);
            Ok(())
        })
    }

    pub fn sub_fn(
        &self,
        repl: impl FnMut(ReMatch) -> PyResult<String>,
        text: &str,
        count: i64,
    ) -> PyResult<String> {
        Ok(self.subn_fn(repl, text, count)?.0)
    }

    /// `split`: the pieces between matches and, when the pattern has groups,
    /// each group (None where it took no part).
    pub fn split_groups(&self, text: &str, maxsplit: i64) -> PyResult<Vec<Option<String>>> {
        if maxsplit < 0 {
            return Ok(vec![Some(text.to_string())]);
        }
        let mut out = Vec::new();
        let mut last = 0;
        for spans in self.all(text, Self::count_limit(maxsplit))? {
            let (s, e) = spans[0].unwrap_or((last, last));
            out.push(Some(text[last..s].to_string()));
            out.extend(
                spans[1..]
                    .iter()
                    .map(|g| g.map(|(a, b)| text[a..b].to_string())),
            );
            last = e;
        }
        out.push(Some(text[last..].to_string()));
        Ok(out)
    }

    pub fn split(&self, text: &str, maxsplit: i64) -> PyResult<Vec<String>> {
        Ok(self
            .split_groups(text, maxsplit)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect())
    }

    pub fn pattern(&self) -> String {
        self.inner().pattern.clone()
    }

    pub fn flags(&self) -> i64 {
        // CPython reports the UNICODE flag of a str pattern that is not ASCII
        let f = self.inner().flags;
        if f & RE_ASCII == 0 { f | RE_UNICODE } else { f }
    }

    pub fn groups(&self) -> i64 {
        self.inner().groups as i64
    }
}

enum Piece {
    Lit(String),
    Group(usize),
}

/// A `sub` template (`\1`, `\g<name>`, `\g<0>`, `\n`...) as CPython's
/// `re._parser.parse_template` reads it, with its errors.
fn parse_template(repl: &str, p: &PatInner) -> PyResult<Vec<Piece>> {
    let src: Vec<char> = repl.chars().collect();
    let err = |msg: &str, pos: usize| re_error(msg, &src, pos);
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let add = |out: &mut Vec<Piece>, lit: &mut String, g: usize| {
        if !lit.is_empty() {
            out.push(Piece::Lit(std::mem::take(lit)));
        }
        out.push(Piece::Group(g));
    };
    while i < src.len() {
        let c = src[i];
        if c != '\\' {
            lit.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let Some(&e) = src.get(i + 1) else {
            return Err(err("bad escape (end of pattern)", start));
        };
        i += 2;
        match e {
            'g' => {
                if src.get(i) != Some(&'<') {
                    return Err(err("missing <", i));
                }
                i += 1;
                let from = i;
                while i < src.len() && src[i] != '>' {
                    i += 1;
                }
                if i >= src.len() {
                    if from == i {
                        return Err(err("missing group name", from));
                    }
                    return Err(err("missing >, unterminated name", from));
                }
                let name: String = src[from..i].iter().collect();
                i += 1;
                if name.is_empty() {
                    return Err(err("missing group name", from));
                }
                let g = if Translator::is_identifier(&name) {
                    match p.names.iter().find(|(n, _)| *n == name) {
                        Some(&(_, g)) => g,
                        None => {
                            return Err(PyErr::index_error(format!("unknown group name '{name}'")));
                        }
                    }
                } else {
                    match name.parse::<usize>() {
                        Ok(g) if name.chars().all(|c| c.is_ascii_digit()) => g,
                        _ => {
                            return Err(err(
                                &format!("bad character in group name '{name}'"),
                                from,
                            ));
                        }
                    }
                };
                if g > p.groups {
                    return Err(err(&format!("invalid group reference {g}"), from));
                }
                add(&mut out, &mut lit, g);
            }
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match src.get(i).and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                        }
                        None => break,
                    }
                }
                lit.push(char::from_u32(v & 0xff).unwrap_or('\0'));
            }
            '1'..='9' => {
                let mut digits = String::from(e);
                let mut octal = false;
                if let Some(&d) = src.get(i).filter(|d| d.is_ascii_digit()) {
                    digits.push(d);
                    i += 1;
                    let oct = |x: char| ('0'..='7').contains(&x);
                    if let Some(&f) = src.get(i).filter(|&&f| oct(e) && oct(d) && oct(f)) {
                        digits.push(f);
                        i += 1;
                        octal = true;
                        let v = u32::from_str_radix(&digits, 8).unwrap_or(0);
                        if v > 0o377 {
                            return Err(err(
                                &format!("octal escape value \\{digits} outside of range 0-0o377"),
                                start,
                            ));
                        }
                        lit.push(char::from_u32(v).unwrap_or('\0'));
                    }
                }
                if !octal {
                    let g: usize = digits.parse().unwrap_or(usize::MAX);
                    if g > p.groups {
                        return Err(err(&format!("invalid group reference {g}"), start + 1));
                    }
                    add(&mut out, &mut lit, g);
                }
            }
            'a' => lit.push('\x07'),
            'b' => lit.push('\x08'),
            'f' => lit.push('\x0c'),
            'n' => lit.push('\n'),
            'r' => lit.push('\r'),
            't' => lit.push('\t'),
            'v' => lit.push('\x0b'),
            '\\' => lit.push('\\'),
            e if e.is_ascii_alphabetic() => {
                return Err(err(&format!("bad escape \\{e}"), start));
            }
            e => {
                lit.push('\\');
                lit.push(e);
            }
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}

fn char_index(text: &str, byte: usize) -> i64 {
    if text.is_ascii() {
        byte as i64
    } else {
        text[..byte].chars().count() as i64
    }
}

fn no_such_group() -> PyErr {
    PyErr::index_error("no such group")
}

impl ReMatch {
    fn index(&self, g: i64) -> PyResult<usize> {
        usize::try_from(g)
            .ok()
            .filter(|&g| g < self.spans.len())
            .ok_or_else(no_such_group)
    }

    fn named(&self, name: &str) -> PyResult<usize> {
        self.pat
            .names
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, g)| g)
            .ok_or_else(no_such_group)
    }

    fn text_of(&self, g: usize) -> Option<String> {
        self.spans[g].map(|(a, b)| self.text[a..b].to_string())
    }

    /// `m.group()`: the whole match.
    pub fn group0(&self) -> String {
        self.text_of(0).unwrap_or_default()
    }

    pub fn group(&self, g: i64) -> PyResult<Option<String>> {
        Ok(self.text_of(self.index(g)?))
    }

    pub fn group_named(&self, name: &str) -> PyResult<Option<String>> {
        Ok(self.text_of(self.named(name)?))
    }

    /// `m.group(g)` of a group the compiler knows takes part in every match.
    pub fn group_str(&self, g: i64) -> PyResult<String> {
        Ok(self.group(g)?.unwrap_or_default())
    }

    pub fn group_named_str(&self, name: &str) -> PyResult<String> {
        Ok(self.group_named(name)?.unwrap_or_default())
    }

    pub fn groups_vec(&self, default: Option<&str>) -> Vec<Option<String>> {
        (1..self.spans.len())
            .map(|g| self.text_of(g).or_else(|| default.map(str::to_string)))
            .collect()
    }

    pub fn groupdict(&self, default: Option<&str>) -> IndexMap<String, Option<String>> {
        self.pat
            .names
            .iter()
            .map(|(n, g)| {
                (
                    n.clone(),
                    self.text_of(*g).or_else(|| default.map(str::to_string)),
                )
            })
            .collect()
    }

    fn bounds(&self, g: usize) -> (i64, i64) {
        match self.spans[g] {
            Some((a, b)) => (char_index(&self.text, a), char_index(&self.text, b)),
            None => (-1, -1),
        }
    }

    pub fn start(&self, g: i64) -> PyResult<i64> {
        Ok(self.bounds(self.index(g)?).0)
    }

    pub fn end(&self, g: i64) -> PyResult<i64> {
        Ok(self.bounds(self.index(g)?).1)
    }

    pub fn span(&self, g: i64) -> PyResult<(i64, i64)> {
        Ok(self.bounds(self.index(g)?))
    }

    pub fn start_named(&self, name: &str) -> PyResult<i64> {
        Ok(self.bounds(self.named(name)?).0)
    }

    pub fn end_named(&self, name: &str) -> PyResult<i64> {
        Ok(self.bounds(self.named(name)?).1)
    }

    pub fn span_named(&self, name: &str) -> PyResult<(i64, i64)> {
        Ok(self.bounds(self.named(name)?))
    }

    pub fn groupdict_default(&self, default: &str) -> IndexMap<String, String> {
        self.groupdict(Some(default))
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect()
    }

    fn nth(&self, g: usize) -> Option<String> {
        self.spans
            .get(g)
            .copied()
            .flatten()
            .map(|(a, b)| self.text[a..b].to_string())
    }

    /// `m.groups()` of 1-4 groups, each `str` (the compiler knows they take part).
    pub fn groups1(&self) -> (String,) {
        (self.nth(1).unwrap_or_default(),)
    }
    pub fn groups2(&self) -> (String, String) {
        (
            self.nth(1).unwrap_or_default(),
            self.nth(2).unwrap_or_default(),
        )
    }
    pub fn groups3(&self) -> (String, String, String) {
        let (a, b) = self.groups2();
        (a, b, self.nth(3).unwrap_or_default())
    }
    pub fn groups4(&self) -> (String, String, String, String) {
        let (a, b, c) = self.groups3();
        (a, b, c, self.nth(4).unwrap_or_default())
    }
    /// `m.groups()` of 1-4 groups, None for one that took no part.
    pub fn groups_opt1(&self) -> (Option<String>,) {
        (self.nth(1),)
    }
    pub fn groups_opt2(&self) -> (Option<String>, Option<String>) {
        (self.nth(1), self.nth(2))
    }
    pub fn groups_opt3(&self) -> (Option<String>, Option<String>, Option<String>) {
        (self.nth(1), self.nth(2), self.nth(3))
    }
    pub fn groups_opt4(
        &self,
    ) -> (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) {
        (self.nth(1), self.nth(2), self.nth(3), self.nth(4))
    }

    pub fn string(&self) -> String {
        self.text.to_string()
    }
}

/// Several groups as a tuple (`findall` and `groups()` of 2-4 groups).
pub fn re_tuple2(v: Vec<String>) -> (String, String) {
    let mut it = v.into_iter();
    (it.next().unwrap_or_default(), it.next().unwrap_or_default())
}

pub fn re_tuple3(v: Vec<String>) -> (String, String, String) {
    let mut it = v.into_iter();
    (
        it.next().unwrap_or_default(),
        it.next().unwrap_or_default(),
        it.next().unwrap_or_default(),
    )
}

pub fn re_tuple4(v: Vec<String>) -> (String, String, String, String) {
    let mut it = v.into_iter();
    (
        it.next().unwrap_or_default(),
        it.next().unwrap_or_default(),
        it.next().unwrap_or_default(),
        it.next().unwrap_or_default(),
    )
}
