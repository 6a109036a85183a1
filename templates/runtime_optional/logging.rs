//! The `logging` module as inference code uses it: named loggers with levels
//! (a dotted name inherits its nearest ancestor's level, then the root's),
//! `basicConfig`'s one stream handler on the root logger with a `%`-style format,
//! and CPython's "last resort" when nothing is configured (a WARNING or above is
//! written to stderr as its bare message). The state is the program's own
//! [`Logging`] (the generated crate's `PC_LOGGING`, holding the function that runs
//! the module's top-level `logging` statements): made as CPython's is made at
//! import, those statements run once, before the program's first logging call.

use std::cell::Cell;
use std::io::Write;
use std::sync::{Mutex, MutexGuard, Once};

/// `logging.getLogger(name)`: a name; its level lives in the module's state, so
/// every `getLogger` of one name is the same logger, as in CPython.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Logger {
    name: String,
}

/// A piece of a handler's format: text, or a record field with `-`/width.
enum Part {
    Text(String),
    Field { key: Key, left: bool, width: usize },
}

#[derive(Clone, Copy)]
enum Key {
    Name,
    LevelName,
    LevelNo,
    Message,
}

struct Handler {
    parts: Vec<Part>,
    to_stdout: bool,
}

struct State {
    /// Levels set by `setLevel` on named loggers (root's is `root_level`).
    levels: Vec<(String, i64)>,
    root_level: i64,
    /// `basicConfig`'s handler on the root logger.
    handler: Option<Handler>,
}

/// One program's logging state: its loggers' levels and its root handler, set up
/// by `setup` (the module's top-level `logging` statements) before the first use.
pub struct Logging {
    state: Mutex<State>,
    once: Once,
    setup: fn(),
}

thread_local! {
    static IN_SETUP: Cell<bool> = const { Cell::new(false) };
}

impl Logging {
    /// The state of a program whose top-level `logging` statements `setup` runs.
    pub const fn new(setup: fn()) -> Logging {
        Logging {
            state: Mutex::new(State {
                levels: Vec::new(),
                root_level: 30,
                handler: None,
            }),
            once: Once::new(),
            setup,
        }
    }

    /// The state, after the module's top-level `logging` statements have run (those
    /// statements themselves read it as it is).
    fn state(&self) -> MutexGuard<'_, State> {
        if !IN_SETUP.with(Cell::get) {
            self.once.call_once(|| {
                IN_SETUP.with(|c| c.set(true));
                (self.setup)();
                IN_SETUP.with(|c| c.set(false));
            });
        }
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `logging.basicConfig(level=, format=, stream=, force=)`: a level below 0 is
    /// no `level=`. Does nothing when the root logger has its handler (unless `force`).
    pub fn basic_config(&self, level: i64, format: &str, to_stdout: bool, force: bool) {
        let fmt = if format.is_empty() {
            BASIC_FORMAT
        } else {
            format
        };
        self.state()
            .basic_config((level >= 0).then_some(level), fmt, to_stdout, force);
    }

    /// `logging.isEnabledFor`-then-log of the module functions (`logging.info(...)`).
    pub fn root_enabled(&self, level: i64) -> bool {
        let mut st = self.state();
        root_autoconfig(&mut st);
        level >= st.root_level
    }

    /// `logging.info(msg)` and the like, the message formatted.
    pub fn root_emit(&self, level: i64, message: &str) {
        let mut st = self.state();
        root_autoconfig(&mut st);
        if level >= st.root_level {
            st.emit("root", level, message);
        }
    }
}

/// `logging.getLevelName(level)`.
pub fn log_level_name(level: i64) -> String {
    match level {
        50 => "CRITICAL".into(),
        40 => "ERROR".into(),
        30 => "WARNING".into(),
        20 => "INFO".into(),
        10 => "DEBUG".into(),
        0 => "NOTSET".into(),
        n => format!("Level {n}"),
    }
}

/// The default format of `basicConfig`, `logging.BASIC_FORMAT`.
const BASIC_FORMAT: &str = "%(levelname)s:%(name)s:%(message)s";

/// A format the compiler checked (only the keys and forms `Key` and `Part` hold).
fn parse_format(fmt: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = fmt;
    while let Some(i) = rest.find('%') {
        text.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('%') {
            text.push('%');
            rest = r;
            continue;
        }
        let (Some(r), Some(close)) = (rest.strip_prefix('('), rest.find(')')) else {
            text.push('%');
            continue;
        };
        let key = match &r[..close - 1] {
            "name" => Key::Name,
            "levelname" => Key::LevelName,
            "levelno" => Key::LevelNo,
            _ => Key::Message,
        };
        let mut spec = &rest[close + 1..];
        let left = spec.starts_with('-');
        spec = spec.trim_start_matches('-');
        let digits = spec.bytes().take_while(u8::is_ascii_digit).count();
        let width = spec[..digits].parse().unwrap_or(0);
        rest = spec.get(digits + 1..).unwrap_or("");
        if !text.is_empty() {
            parts.push(Part::Text(std::mem::take(&mut text)));
        }
        parts.push(Part::Field { key, left, width });
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    parts
}

fn write_line(to_stdout: bool, line: &str) {
    if to_stdout {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
    } else {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes()).and_then(|()| err.flush());
    }
}

impl State {
    fn effective_level(&self, name: &str) -> i64 {
        let mut n = name;
        loop {
            if let Some((_, l)) = self.levels.iter().find(|(k, l)| k == n && *l != 0) {
                return *l;
            }
            match n.rfind('.') {
                Some(i) => n = &n[..i],
                None => return self.root_level,
            }
        }
    }

    fn basic_config(&mut self, level: Option<i64>, format: &str, to_stdout: bool, force: bool) {
        if force {
            self.handler = None;
        }
        if self.handler.is_none() {
            self.handler = Some(Handler {
                parts: parse_format(format),
                to_stdout,
            });
            if let Some(l) = level {
                self.root_level = l;
            }
        }
    }

    fn emit(&self, name: &str, level: i64, message: &str) {
        let Some(h) = &self.handler else {
            if level >= 30 {
                write_line(false, &format!("{message}\n")); // logging.lastResort
            }
            return;
        };
        let mut line = String::new();
        for p in &h.parts {
            match p {
                Part::Text(t) => line.push_str(t),
                Part::Field { key, left, width } => {
                    let v = match key {
                        Key::Name => name.to_string(),
                        Key::LevelName => log_level_name(level),
                        Key::LevelNo => level.to_string(),
                        Key::Message => message.to_string(),
                    };
                    let pad = width.saturating_sub(v.chars().count());
                    if *left {
                        line.push_str(&v);
                    }
                    line.extend(std::iter::repeat_n(' ', pad));
                    if !*left {
                        line.push_str(&v);
                    }
                }
            }
        }
        line.push('\n');
        write_line(h.to_stdout, &line);
    }
}

/// What `logging.info(...)` and the other module functions do first: configure the
/// root logger when it has no handler.
fn root_autoconfig(st: &mut State) {
    if st.handler.is_none() {
        st.basic_config(None, BASIC_FORMAT, false, false);
    }
}

impl Logger {
    /// `logging.getLogger()`: the root logger.
    pub fn root() -> Logger {
        Logger {
            name: String::new(),
        }
    }

    /// `logging.getLogger(name)` ("" and "root" are the root logger, as in CPython).
    pub fn get(name: &str) -> Logger {
        if name == "root" {
            Logger::root()
        } else {
            Logger {
                name: name.to_string(),
            }
        }
    }

    /// `logger.name`.
    pub fn name(&self) -> String {
        if self.name.is_empty() {
            "root".into()
        } else {
            self.name.clone()
        }
    }

    /// `logger.setLevel(level)`.
    pub fn set_level(&self, log: &Logging, level: i64) {
        let mut st = log.state();
        if self.name.is_empty() {
            st.root_level = level;
        } else if let Some(e) = st.levels.iter_mut().find(|(k, _)| *k == self.name) {
            e.1 = level;
        } else {
            st.levels.push((self.name.clone(), level));
        }
    }

    /// `logger.level`: the level set on this logger (0 when none).
    pub fn level(&self, log: &Logging) -> i64 {
        let st = log.state();
        if self.name.is_empty() {
            return st.root_level;
        }
        st.levels
            .iter()
            .find(|(k, _)| *k == self.name)
            .map_or(0, |(_, l)| *l)
    }

    /// `logger.getEffectiveLevel()`.
    pub fn effective_level(&self, log: &Logging) -> i64 {
        let st = log.state();
        if self.name.is_empty() {
            st.root_level
        } else {
            st.effective_level(&self.name)
        }
    }

    /// `logger.isEnabledFor(level)`.
    pub fn is_enabled_for(&self, log: &Logging, level: i64) -> bool {
        level >= self.effective_level(log)
    }

    /// `logger.info(msg, *args)` and the like, the message formatted: written by the
    /// root's handler when the level is enabled (or by the last resort).
    pub fn emit(&self, log: &Logging, level: i64, message: &str) {
        let st = log.state();
        let eff = if self.name.is_empty() {
            st.root_level
        } else {
            st.effective_level(&self.name)
        };
        if level >= eff {
            st.emit(&self.name(), level, message);
        }
    }
}
