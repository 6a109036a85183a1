//! Text files: what `open(path, mode, encoding=, errors=, newline=)` gives in
//! text mode (CPython's `io.TextIOWrapper` over a buffered file).
//!
//! A [`TextFile`] is a shared handle (`Arc<Mutex<..>>`), as every Python name
//! holding a file object holds the same object: reading through one name
//! advances the position seen through the others, and `close()` closes it for
//! all. It is `Send`, so a file may live in an entry point's iterator.
//!
//! Reading follows TextIOWrapper: lines are read in chunks of 8192 bytes and
//! decoded incrementally (an incomplete UTF-8 sequence at a chunk's end waits
//! for the next), `read()` decodes the whole rest at once (so a decoding
//! error's position is counted as CPython counts it), and with `newline=None`
//! `\r\n` and `\r` read as `\n`. Paths are relative to the process's working
//! directory, as CPython's are. OS errors carry CPython's class and message
//! (`FileNotFoundError: [Errno 2] No such file or directory: 'x'`).

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Read, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use super::{ExcKind, PyErr, PyResult, bytes_decode, codec_is_utf8, str_encode};

/// CPython's `_io.TextIOWrapper._CHUNK_SIZE`: what one line read decodes.
const CHUNK: usize = 8192;

/// An open text file (shared handle).
#[derive(Clone)]
pub struct TextFile {
    state: Arc<Mutex<FileState>>,
}

impl Default for TextFile {
    /// A closed file, for declarations hoisted before their first assignment
    /// (never read: definite assignment is checked at compile time).
    fn default() -> Self {
        TextFile {
            state: Arc::new(Mutex::new(FileState {
                file: None,
                writer: None,
                readable: false,
                utf8: true,
                encoding: String::from("utf-8"),
                errors: String::from("strict"),
                newline: None,
                raw: Vec::new(),
                decoded: String::new(),
                pending_cr: false,
                eof: false,
            })),
        }
    }
}

struct FileState {
    /// The open file for reading (`None` once closed, or when writing).
    file: Option<File>,
    /// The open file for writing (`None` once closed, or when reading).
    writer: Option<BufWriter<File>>,
    readable: bool,
    /// Whether the codec is UTF-8 (whose sequences may span two chunks).
    utf8: bool,
    encoding: String,
    errors: String,
    newline: Option<String>,
    /// Bytes read but not decoded yet (an incomplete sequence at a chunk's end).
    raw: Vec<u8>,
    /// Text decoded (newlines translated) but not returned yet.
    decoded: String,
    /// With `newline=None`: a `\r` ending the last chunk, held until the next
    /// one says whether a `\n` follows.
    pending_cr: bool,
    eof: bool,
}

fn closed_error() -> PyErr {
    PyErr::value_error("I/O operation on closed file.")
}

/// The OS error `e` of an operation on `path`, as CPython raises it.
pub fn os_error(e: &std::io::Error, path: &str) -> PyErr {
    let Some(code) = e.raw_os_error() else {
        return PyErr::new(ExcKind::OSError, e.to_string());
    };
    let text = e.to_string();
    let detail = text
        .strip_suffix(&format!(" (os error {code})"))
        .unwrap_or(&text)
        .to_string();
    let kind = match code {
        2 => ExcKind::FileNotFoundError,
        1 | 13 => ExcKind::PermissionError,
        17 => ExcKind::FileExistsError,
        20 => ExcKind::NotADirectoryError,
        21 => ExcKind::IsADirectoryError,
        _ => ExcKind::OSError,
    };
    PyErr::os_error(kind, i64::from(code), &detail, path)
}

/// `open(file, mode, encoding=, errors=, newline=)` in text mode. The mode is
/// checked at compile time to be one of `r`, `w`, `a`, `x` (with `t`).
pub fn open_text(
    path: &str,
    mode: &str,
    encoding: Option<&str>,
    errors: Option<&str>,
    newline: Option<&str>,
) -> PyResult<TextFile> {
    let kind = mode.chars().find(|c| "rwax".contains(*c)).unwrap_or('r');
    if let Some(nl) = newline
        && !matches!(nl, "" | "\n" | "\r" | "\r\n")
    {
        return Err(PyErr::value_error(format!("illegal newline value: {nl}")));
    }
    if path.is_empty() {
        return Err(PyErr::os_error(
            ExcKind::FileNotFoundError,
            2,
            "No such file or directory",
            "",
        ));
    }
    if path.contains('\0') {
        return Err(PyErr::value_error("embedded null byte"));
    }
    let mut options = OpenOptions::new();
    match kind {
        'r' => options.read(true),
        'w' => options.write(true).create(true).truncate(true),
        'a' => options.append(true).create(true),
        _ => options.write(true).create_new(true),
    };
    let file = options.open(path).map_err(|e| os_error(&e, path))?;
    let is_dir = file.metadata().map(|m| m.is_dir()).unwrap_or(false);
    if is_dir {
        return Err(PyErr::os_error(
            ExcKind::IsADirectoryError,
            21,
            "Is a directory",
            path,
        ));
    }
    let encoding = encoding.unwrap_or("utf-8").to_string();
    // CPython looks the codec up when it wraps the file (after opening it)
    let utf8 = codec_is_utf8(&encoding)?;
    let readable = kind == 'r';
    let (file, writer) = if readable {
        (Some(file), None)
    } else {
        (None, Some(BufWriter::new(file)))
    };
    Ok(TextFile {
        state: Arc::new(Mutex::new(FileState {
            file,
            writer,
            readable,
            utf8,
            encoding,
            errors: errors.unwrap_or("strict").to_string(),
            newline: newline.map(str::to_string),
            raw: Vec::new(),
            decoded: String::new(),
            pending_cr: false,
            eof: false,
        })),
    })
}

impl TextFile {
    fn lock(&self) -> MutexGuard<'_, FileState> {
        // a panic while the lock was held left the state as it was: keep going
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `f.read()` / `f.read(n)`: the rest, or up to `n` characters.
    pub fn read(&self, size: i64) -> PyResult<String> {
        let mut st = self.lock();
        st.check_readable()?;
        match size {
            n if n >= 0 => {
                let n = usize::try_from(n).unwrap_or(usize::MAX);
                while !st.eof && st.decoded.chars().count() < n {
                    st.fill(false)?;
                }
                let cut = st
                    .decoded
                    .char_indices()
                    .nth(n)
                    .map_or(st.decoded.len(), |(i, _)| i);
                let rest = st.decoded.split_off(cut);
                Ok(std::mem::replace(&mut st.decoded, rest))
            }
            _ => {
                st.fill(true)?;
                Ok(std::mem::take(&mut st.decoded))
            }
        }
    }

    /// `f.readline()`: the next line with its ending, `""` at the end.
    pub fn readline(&self) -> PyResult<String> {
        let mut st = self.lock();
        st.check_readable()?;
        st.next_line()
    }

    /// `f.readlines()` / `list(f)`: the remaining lines.
    pub fn readlines(&self) -> PyResult<Vec<String>> {
        let mut st = self.lock();
        st.check_readable()?;
        let mut out = Vec::new();
        loop {
            let line = st.next_line()?;
            if line.is_empty() {
                return Ok(out);
            }
            out.push(line);
        }
    }

    /// `next(f)` / one step of `for line in f`: the next line, `None` at the end.
    pub fn next_line(&self) -> PyResult<Option<String>> {
        let mut st = self.lock();
        st.check_readable()?;
        let line = st.next_line()?;
        Ok((!line.is_empty()).then_some(line))
    }

    /// `f.write(s)`: the number of characters written.
    pub fn write(&self, s: &str) -> PyResult<i64> {
        let mut st = self.lock();
        if st.file.is_none() && st.writer.is_none() {
            return Err(closed_error());
        }
        if st.readable {
            return Err(PyErr::new(ExcKind::UnsupportedOperation, "not writable"));
        }
        let text = match st.newline.as_deref() {
            Some(nl @ ("\r" | "\r\n")) => s.replace('\n', nl),
            _ => s.to_string(),
        };
        let encoded = str_encode(&text, &st.encoding, &st.errors)?;
        if let Some(w) = st.writer.as_mut() {
            w.write_all(&encoded.0)
                .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
        }
        Ok(i64::try_from(s.chars().count()).unwrap_or(i64::MAX))
    }

    /// `print(..., file=f)`: the text (the arguments joined by `sep`), then `end`,
    /// then a flush when `flush=True`.
    pub fn print(&self, text: &str, end: &str, flush: bool) -> PyResult<()> {
        self.write(text)?;
        self.write(end)?;
        if flush {
            self.flush()?;
        }
        Ok(())
    }

    /// `f.writelines(lines)`.
    pub fn writelines<S: AsRef<str>>(&self, lines: impl Iterator<Item = S>) -> PyResult<()> {
        for line in lines {
            self.write(line.as_ref())?;
        }
        Ok(())
    }

    /// `f.flush()`.
    pub fn flush(&self) -> PyResult<()> {
        let mut st = self.lock();
        if st.file.is_none() && st.writer.is_none() {
            return Err(closed_error());
        }
        if let Some(w) = st.writer.as_mut() {
            w.flush()
                .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
        }
        Ok(())
    }

    /// `f.close()` (also what leaving `with open(...) as f:` does); closing a
    /// closed file does nothing.
    pub fn close(&self) -> PyResult<()> {
        let mut st = self.lock();
        st.file = None;
        st.decoded.clear();
        st.raw.clear();
        if let Some(mut w) = st.writer.take() {
            w.flush()
                .map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
        }
        Ok(())
    }

    /// `f.closed`.
    pub fn closed(&self) -> bool {
        let st = self.lock();
        st.file.is_none() && st.writer.is_none()
    }
}

/// `next(f)`: the next line; StopIteration at the end.
pub fn file_next(f: &TextFile) -> PyResult<String> {
    f.next_line()?
        .ok_or_else(|| PyErr::new(ExcKind::StopIteration, ""))
}

/// `for line in f`: the remaining lines, read one at a time.
pub fn file_lines(f: &TextFile) -> super::Gen<String> {
    let f = f.clone();
    super::Gen::new(move |co| async move {
        while let Some(line) = f.next_line()? {
            co.yield_(line).await;
        }
        Ok(())
    })
}

impl FileState {
    fn check_readable(&self) -> PyResult<()> {
        if self.file.is_none() && self.writer.is_none() {
            return Err(closed_error());
        }
        if !self.readable {
            return Err(PyErr::new(ExcKind::UnsupportedOperation, "not readable"));
        }
        Ok(())
    }

    /// Reads and decodes the next chunk (`all`: the whole rest) into `decoded`.
    fn fill(&mut self, all: bool) -> PyResult<()> {
        if self.eof {
            return Ok(());
        }
        let Some(file) = self.file.as_mut() else {
            return Err(closed_error());
        };
        let mut chunk = std::mem::take(&mut self.raw);
        let before = chunk.len();
        let got = if all {
            file.read_to_end(&mut chunk)
        } else {
            chunk.resize(before + CHUNK, 0);
            let mut n = 0;
            loop {
                match file.read(&mut chunk[before + n..]) {
                    Ok(0) => break Ok(n),
                    Ok(k) => {
                        n += k;
                        if before + n == chunk.len() {
                            break Ok(n);
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => break Err(e),
                }
            }
        };
        let got = got.map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
        chunk.truncate(before + got);
        let last = all || got == 0;
        let keep = if last {
            0
        } else {
            self.incomplete_tail(&chunk)
        };
        let tail = chunk.split_off(chunk.len() - keep);
        let mut text = bytes_decode(&chunk, &self.encoding, &self.errors)?;
        self.raw = tail;
        self.eof = last;
        if self.newline.is_none() {
            if std::mem::take(&mut self.pending_cr) {
                text.insert(0, '\r');
            }
            if !last && text.ends_with('\r') {
                text.pop();
                self.pending_cr = true;
            }
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        self.decoded.push_str(&text);
        Ok(())
    }

    /// How many bytes at the end of `b` start a UTF-8 sequence the next chunk
    /// completes (other codecs decode byte by byte).
    fn incomplete_tail(&self, b: &[u8]) -> usize {
        if !self.utf8 {
            return 0;
        }
        for back in 1..=3.min(b.len()) {
            let c = b[b.len() - back];
            if c & 0xc0 == 0x80 {
                continue; // a continuation byte: look further back
            }
            let need = match c {
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf4 => 4,
                _ => return 0,
            };
            return if need > back { back } else { 0 };
        }
        0
    }

    /// The next line (with its ending), `""` at the end of the file.
    fn next_line(&mut self) -> PyResult<String> {
        loop {
            if let Some(end) = self.line_end() {
                let rest = self.decoded.split_off(end);
                return Ok(std::mem::replace(&mut self.decoded, rest));
            }
            if self.eof {
                return Ok(std::mem::take(&mut self.decoded));
            }
            self.fill(false)?;
        }
    }

    /// Where the first complete line of `decoded` ends, if it holds one.
    fn line_end(&self) -> Option<usize> {
        let d = &self.decoded;
        match self.newline.as_deref() {
            None | Some("\n") => d.find('\n').map(|i| i + 1),
            Some("") => {
                let i = d.find(['\r', '\n'])?;
                if d.as_bytes()[i] == b'\n' {
                    return Some(i + 1);
                }
                match d.as_bytes().get(i + 1) {
                    Some(b'\n') => Some(i + 2),
                    Some(_) => Some(i + 1),
                    // a `\r` last: a `\n` may follow in the next chunk
                    None if self.eof => Some(i + 1),
                    None => None,
                }
            }
            Some(nl) => d.find(nl).map(|i| i + nl.len()),
        }
    }
}

impl Drop for FileState {
    /// A file dropped without `close()` is flushed, as CPython's is when its
    /// last reference goes (an error then is lost, as CPython only prints it).
    fn drop(&mut self) {
        if let Some(w) = self.writer.as_mut() {
            let _ = w.flush();
        }
    }
}
