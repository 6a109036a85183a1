//! `pathlib.Path` as CPython's `PosixPath` (3.11): a path is parsed into its root
//! (`""`, `"/"`, or `"//"`, which POSIX keeps apart) and its parts (`""` and `.`
//! dropped, `..` kept), so `Path("a//./b/")` is `a/b` and `Path("")` is `.`.
//! Paths compare and hash by those parts, as CPython's do. The file system
//! operations raise CPython's `OSError` subclasses with the path as the filename
//! (`FileNotFoundError: [Errno 2] No such file or directory: 'x'`).

use super::{ExcKind, PyErr, PyRepr, PyResult, TextFile, os_error};
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// A `PosixPath`: its text as `str(p)` gives it, and where its root ends.
#[derive(Clone, Debug)]
pub struct PyPath {
    text: String,
    root: usize,
}

/// `s` split as CPython's posix flavour splits it: the root and the parts.
fn split_root(s: &str) -> (&str, &str) {
    let rest = s.trim_start_matches('/');
    match s.len() - rest.len() {
        0 => ("", rest),
        2 => ("//", rest),
        _ => ("/", rest),
    }
}

impl PyPath {
    /// `Path(*segments)`: the segments joined, an absolute one starting over.
    pub fn new<S: AsRef<str>>(segments: &[S]) -> PyPath {
        let mut root = "";
        let mut parts: Vec<&str> = Vec::new();
        for seg in segments {
            let (r, rest) = split_root(seg.as_ref());
            if !r.is_empty() {
                root = r;
                parts.clear();
            }
            parts.extend(rest.split('/').filter(|p| !p.is_empty() && *p != "."));
        }
        PyPath::from_parts(root, &parts)
    }

    fn from_parts<S: AsRef<str>>(root: &str, parts: &[S]) -> PyPath {
        let mut text = root.to_string();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                text.push('/');
            }
            text.push_str(p.as_ref());
        }
        if text.is_empty() {
            text.push('.');
        }
        PyPath {
            text,
            root: root.len(),
        }
    }

    /// `Path(s)`.
    pub fn parse(s: &str) -> PyPath {
        PyPath::new(&[s])
    }

    /// `str(p)`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn root(&self) -> &str {
        &self.text[..self.root]
    }

    /// The parts after the root (none for `.` or `/`).
    fn rel_parts(&self) -> Vec<&str> {
        let rest = &self.text[self.root..];
        if rest.is_empty() || rest == "." {
            Vec::new()
        } else {
            rest.split('/').collect()
        }
    }

    /// CPython's `_cparts`: the root (when there is one), then the parts.
    fn cparts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if self.root > 0 {
            out.push(self.root());
        }
        out.extend(self.rel_parts());
        out
    }

    /// `p / other` and `p.joinpath(other)`.
    pub fn join(&self, other: &str) -> PyPath {
        PyPath::new(&[self.as_str(), other])
    }

    /// `other / p`.
    pub fn rjoin(other: &str, p: &PyPath) -> PyPath {
        PyPath::new(&[other, p.as_str()])
    }

    /// `p.parts`.
    pub fn parts(&self) -> super::Tuple<String> {
        self.cparts().into_iter().map(str::to_string).collect()
    }

    /// `p.name`: the last part, `''` for `.` and `/`.
    pub fn name(&self) -> String {
        self.rel_parts()
            .last()
            .map_or(String::new(), |s| s.to_string())
    }

    /// Where the suffix of `name` starts, as CPython finds it (not a leading dot,
    /// not a trailing one).
    fn suffix_at(name: &str) -> Option<usize> {
        name.rfind('.').filter(|&i| i > 0 && i + 1 < name.len())
    }

    /// `p.suffix`.
    pub fn suffix(&self) -> String {
        let name = self.name();
        PyPath::suffix_at(&name).map_or(String::new(), |i| name[i..].to_string())
    }

    /// `p.suffixes`.
    pub fn suffixes(&self) -> Vec<String> {
        let name = self.name();
        if name.ends_with('.') {
            return Vec::new();
        }
        let name = name.trim_start_matches('.');
        name.split('.').skip(1).map(|s| format!(".{s}")).collect()
    }

    /// `p.stem`.
    pub fn stem(&self) -> String {
        let name = self.name();
        PyPath::suffix_at(&name).map_or(name.clone(), |i| name[..i].to_string())
    }

    /// `p.parent`: the path without its last part (`.` and `/` are their own).
    pub fn parent(&self) -> PyPath {
        let parts = self.rel_parts();
        if parts.is_empty() {
            return self.clone();
        }
        PyPath::from_parts(self.root(), &parts[..parts.len() - 1])
    }

    /// `p.anchor` and `p.root` (a POSIX path has no drive).
    pub fn anchor(&self) -> String {
        self.root().to_string()
    }

    /// `p.is_absolute()`.
    pub fn is_absolute(&self) -> bool {
        self.root > 0
    }

    fn empty_name_error(&self) -> PyErr {
        PyErr::value_error(format!("{} has an empty name", self.py_repr()))
    }

    /// `p.with_suffix(suffix)`.
    pub fn with_suffix(&self, suffix: &str) -> PyResult<PyPath> {
        if suffix.contains('/') || (!suffix.is_empty() && !suffix.starts_with('.')) || suffix == "."
        {
            return Err(PyErr::value_error(format!(
                "Invalid suffix {}",
                suffix.py_repr()
            )));
        }
        let name = self.name();
        if name.is_empty() {
            return Err(self.empty_name_error());
        }
        let stem = PyPath::suffix_at(&name).map_or(name.as_str(), |i| &name[..i]);
        Ok(self.parent().join(&format!("{stem}{suffix}")))
    }

    /// `p.with_name(name)`.
    pub fn with_name(&self, name: &str) -> PyResult<PyPath> {
        if self.name().is_empty() {
            return Err(self.empty_name_error());
        }
        let (root, rest) = split_root(name);
        let n_parts = rest
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .count();
        if name.is_empty() || name.ends_with('/') || !root.is_empty() || n_parts != 1 {
            return Err(PyErr::value_error(format!(
                "Invalid name {}",
                name.py_repr()
            )));
        }
        Ok(self.parent().join(name))
    }

    /// `p.with_stem(stem)`.
    pub fn with_stem(&self, stem: &str) -> PyResult<PyPath> {
        self.with_name(&format!("{stem}{}", self.suffix()))
    }

    /// CPython's parts for `relative_to`: `['', root, parts...]` when rooted.
    fn abs_parts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if self.root > 0 {
            out.push("");
            out.push(self.root());
        }
        out.extend(self.rel_parts());
        out
    }

    /// `p.relative_to(other)`.
    pub fn relative_to(&self, other: &str) -> PyResult<PyPath> {
        let to = PyPath::parse(other);
        let mine = self.abs_parts();
        let theirs = to.abs_parts();
        let n = theirs.len();
        let fits = if n == 0 {
            self.root == 0
        } else {
            mine.len() >= n && mine[..n] == theirs[..]
        };
        if !fits {
            return Err(PyErr::value_error(format!(
                "{} is not in the subpath of {} OR one path is relative and the other is absolute.",
                self.as_str().py_repr(),
                // CPython formats the parsed parts: `''`, not `'.'`, for none
                (if to.cparts().is_empty() {
                    ""
                } else {
                    to.as_str()
                })
                .py_repr()
            )));
        }
        Ok(PyPath::from_parts("", &mine[n..]))
    }

    /// `p.is_relative_to(other)`.
    pub fn is_relative_to(&self, other: &str) -> bool {
        self.relative_to(other).is_ok()
    }

    /// `p.match(pattern)`: matched from the right (or whole, for an absolute pattern).
    pub fn matches(&self, pattern: &str) -> PyResult<bool> {
        if pattern.is_empty() {
            return Err(PyErr::value_error("empty pattern"));
        }
        let pat = PyPath::parse(pattern);
        let pat_parts = pat.cparts();
        let parts = self.cparts();
        if pat.root > 0 && pat_parts.len() != parts.len() {
            return Ok(false);
        }
        if pat_parts.len() > parts.len() {
            return Ok(false);
        }
        Ok(parts
            .iter()
            .rev()
            .zip(pat_parts.iter().rev())
            .all(|(p, m)| fnmatch(p, m)))
    }

    /// `Path.cwd()`.
    pub fn cwd() -> PyResult<PyPath> {
        let dir = std::env::current_dir().map_err(|e| os_error(&e, ""))?;
        Ok(PyPath::parse(&dir.to_string_lossy()))
    }

    /// `Path.home()`: `$HOME`, as `os.path.expanduser("~")` reads it.
    pub fn home() -> PyResult<PyPath> {
        match std::env::var("HOME") {
            Ok(h) => Ok(PyPath::parse(&h)),
            Err(_) => Err(PyErr::new(
                ExcKind::RuntimeError,
                "Could not determine home directory.",
            )),
        }
    }

    /// `p.absolute()`: joined to the working directory unless absolute.
    pub fn absolute(&self) -> PyResult<PyPath> {
        if self.is_absolute() {
            return Ok(self.clone());
        }
        Ok(PyPath::cwd()?.join(self.as_str()))
    }

    /// `p.resolve()`: absolute, symbolic links followed where they exist and `..`
    /// applied (`os.path.realpath`, not strict).
    pub fn resolve(&self) -> PyResult<PyPath> {
        let abs = self.absolute()?;
        let mut out = std::path::PathBuf::from("/");
        let mut hops = 0;
        let mut todo: Vec<String> = abs
            .rel_parts()
            .iter()
            .rev()
            .map(|s| s.to_string())
            .collect();
        while let Some(part) = todo.pop() {
            if part == ".." {
                out.pop();
                continue;
            }
            if part.is_empty() || part == "." {
                continue;
            }
            let next = out.join(&part);
            match std::fs::read_link(&next) {
                Ok(target) if hops < 40 => {
                    hops += 1;
                    let target = target.to_string_lossy().into_owned();
                    if target.starts_with('/') {
                        out = std::path::PathBuf::from("/");
                    }
                    todo.extend(target.split('/').rev().map(str::to_string));
                }
                _ => out = next,
            }
        }
        Ok(PyPath::parse(&out.to_string_lossy()))
    }

    fn stat(&self) -> PyResult<Option<std::fs::Metadata>> {
        if self.text.contains('\0') {
            return Ok(None);
        }
        match std::fs::metadata(&self.text) {
            Ok(m) => Ok(Some(m)),
            // CPython's `_ignore_error`: ENOENT, ENOTDIR, EBADF, ELOOP read as "no"
            Err(e) if matches!(e.raw_os_error(), Some(2 | 20 | 9 | 40)) => Ok(None),
            Err(e) => Err(os_error(&e, &self.text)),
        }
    }

    /// `p.exists()`.
    pub fn exists(&self) -> PyResult<bool> {
        Ok(self.stat()?.is_some())
    }

    /// `p.is_file()`.
    pub fn is_file(&self) -> PyResult<bool> {
        Ok(self.stat()?.is_some_and(|m| m.is_file()))
    }

    /// `p.is_dir()`.
    pub fn is_dir(&self) -> PyResult<bool> {
        Ok(self.stat()?.is_some_and(|m| m.is_dir()))
    }

    /// `p.is_symlink()`.
    pub fn is_symlink(&self) -> PyResult<bool> {
        if self.text.contains('\0') {
            return Ok(false);
        }
        match std::fs::symlink_metadata(&self.text) {
            Ok(m) => Ok(m.file_type().is_symlink()),
            Err(e) if matches!(e.raw_os_error(), Some(2 | 20 | 9 | 40)) => Ok(false),
            Err(e) => Err(os_error(&e, &self.text)),
        }
    }

    /// `p.read_bytes()`.
    pub fn read_bytes(&self) -> PyResult<super::Bytes> {
        self.check_nul()?;
        std::fs::read(&self.text)
            .map(super::Bytes::from)
            .map_err(|e| os_error(&e, &self.text))
    }

    /// `p.write_bytes(data)`: the number of bytes.
    pub fn write_bytes(&self, data: &[u8]) -> PyResult<i64> {
        self.check_nul()?;
        std::fs::write(&self.text, data).map_err(|e| os_error(&e, &self.text))?;
        Ok(data.len() as i64)
    }

    /// `p.touch(exist_ok=)`: an existing file's times set to now, or a new empty file.
    pub fn touch(&self, exist_ok: bool) -> PyResult<()> {
        self.check_nul()?;
        if exist_ok && let Ok(f) = std::fs::File::open(&self.text) {
            let now = std::time::SystemTime::now();
            let times = std::fs::FileTimes::new()
                .set_accessed(now)
                .set_modified(now);
            if f.set_times(times).is_ok() {
                return Ok(());
            }
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true);
        if exist_ok {
            options.create(true);
        } else {
            options.create_new(true);
        }
        options
            .open(&self.text)
            .map(drop)
            .map_err(|e| os_error(&e, &self.text))
    }

    fn check_nul(&self) -> PyResult<()> {
        if self.text.contains('\0') {
            return Err(PyErr::value_error("embedded null byte"));
        }
        Ok(())
    }

    /// `p.open(mode, encoding=, errors=, newline=)` of a text file.
    pub fn open(
        &self,
        mode: &str,
        encoding: Option<&str>,
        errors: Option<&str>,
        newline: Option<&str>,
    ) -> PyResult<TextFile> {
        super::open_text(&self.text, mode, encoding, errors, newline)
    }

    /// `p.read_text(encoding=, errors=)`.
    pub fn read_text(&self, encoding: Option<&str>, errors: Option<&str>) -> PyResult<String> {
        let f = self.open("r", encoding, errors, None)?;
        let text = f.read(-1)?;
        f.close()?;
        Ok(text)
    }

    /// `p.write_text(data, encoding=, errors=, newline=)`: the number of characters.
    pub fn write_text(
        &self,
        data: &str,
        encoding: Option<&str>,
        errors: Option<&str>,
        newline: Option<&str>,
    ) -> PyResult<i64> {
        let f = self.open("w", encoding, errors, newline)?;
        let n = f.write(data)?;
        f.close()?;
        Ok(n)
    }

    /// `p.mkdir(parents=, exist_ok=)`.
    pub fn mkdir(&self, parents: bool, exist_ok: bool) -> PyResult<()> {
        self.check_nul()?;
        match std::fs::create_dir(&self.text) {
            Ok(()) => Ok(()),
            Err(e) if e.raw_os_error() == Some(2) => {
                let parent = self.parent();
                if !parents || parent == *self {
                    return Err(os_error(&e, &self.text));
                }
                parent.mkdir(true, true)?;
                self.mkdir(false, exist_ok)
            }
            Err(e) => {
                if !exist_ok || !self.is_dir()? {
                    return Err(os_error(&e, &self.text));
                }
                Ok(())
            }
        }
    }

    /// `p.unlink(missing_ok=)`.
    pub fn unlink(&self, missing_ok: bool) -> PyResult<()> {
        self.check_nul()?;
        match std::fs::remove_file(&self.text) {
            Err(e) if !(missing_ok && e.raw_os_error() == Some(2)) => Err(os_error(&e, &self.text)),
            _ => Ok(()),
        }
    }

    /// `p.rmdir()`.
    pub fn rmdir(&self) -> PyResult<()> {
        self.check_nul()?;
        std::fs::remove_dir(&self.text).map_err(|e| os_error(&e, &self.text))
    }

    /// The child named `name` (`name` itself below `.`).
    fn child(&self, name: &str) -> PyPath {
        let mut parts = self.rel_parts();
        parts.push(name);
        PyPath::from_parts(self.root(), &parts)
    }

    /// The names in the directory, in the order the system lists them
    /// (`os.listdir`'s and `os.scandir`'s order).
    fn list(&self) -> PyResult<Vec<(String, bool)>> {
        self.check_nul()?;
        let dir = std::fs::read_dir(&self.text).map_err(|e| os_error(&e, &self.text))?;
        let mut out = Vec::new();
        for entry in dir {
            let entry = entry.map_err(|e| os_error(&e, &self.text))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // `entry.is_dir()`: symbolic links followed
            let is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            out.push((name, is_dir));
        }
        Ok(out)
    }

    /// `p.iterdir()`: the directory's entries, listed at the first `next`.
    pub fn iterdir(&self) -> super::Gen<PyPath> {
        let me = self.clone();
        lazily(move || Ok(me.list()?.iter().map(|(name, _)| me.child(name)).collect()))
    }

    /// `p.glob(pattern)`: matched when the generator is first advanced, in the order
    /// the system lists directories, as CPython's selectors walk them.
    pub fn glob(&self, pattern: &str) -> super::Gen<PyPath> {
        let (me, pattern) = (self.clone(), pattern.to_string());
        lazily(move || me.glob_all(&pattern, false))
    }

    /// `p.rglob(pattern)`: `glob("**/" + pattern)`.
    pub fn rglob(&self, pattern: &str) -> super::Gen<PyPath> {
        let (me, pattern) = (self.clone(), pattern.to_string());
        lazily(move || me.glob_all(&pattern, true))
    }

    fn glob_all(&self, pattern: &str, recursive: bool) -> PyResult<Vec<PyPath>> {
        if pattern.is_empty() {
            return Err(PyErr::value_error(format!(
                "Unacceptable pattern: {}",
                pattern.py_repr()
            )));
        }
        let (root, rest) = split_root(pattern);
        if !root.is_empty() {
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                "Non-relative patterns are unsupported",
            ));
        }
        let mut parts: Vec<&str> = Vec::new();
        if recursive {
            parts.push("**");
        }
        parts.extend(rest.split('/').filter(|p| !p.is_empty() && *p != "."));
        if pattern.ends_with('/') {
            parts.push("");
        }
        for p in &parts {
            if *p != "**" && p.contains("**") {
                return Err(PyErr::value_error(
                    "Invalid pattern: '**' can only be an entire path component",
                ));
            }
        }
        let mut out = Vec::new();
        if self.is_dir()? {
            self.select(&parts, &mut out)?;
        }
        Ok(out)
    }

    /// CPython's selectors: `parts` matched below the directory `self`.
    fn select(&self, parts: &[&str], out: &mut Vec<PyPath>) -> PyResult<()> {
        let Some((first, rest)) = parts.split_first() else {
            out.push(self.clone());
            return Ok(());
        };
        if *first == "**" {
            let mut dirs = vec![self.clone()];
            self.walk_dirs(&mut dirs)?;
            let mut seen = std::collections::HashSet::new();
            for d in dirs {
                let mut found = Vec::new();
                d.select(rest, &mut found)?;
                for p in found {
                    if seen.insert(p.text.clone()) {
                        out.push(p);
                    }
                }
            }
        } else if first.contains(['*', '?', '[']) {
            let entries = match self.list() {
                Ok(e) => e,
                Err(e) if e.kind == ExcKind::PermissionError => return Ok(()),
                Err(e) => return Err(e),
            };
            for (name, is_dir) in entries {
                if (rest.is_empty() || is_dir) && fnmatch(&name, first) {
                    self.child(&name).select(rest, out)?;
                }
            }
        } else if first.is_empty() {
            if self.is_dir()? {
                self.select(rest, out)?;
            }
        } else {
            let path = self.child(first);
            let ok = if rest.is_empty() {
                path.exists()?
            } else {
                path.is_dir()?
            };
            if ok {
                path.select(rest, out)?;
            }
        }
        Ok(())
    }

    /// The directories below `self`, depth first, symbolic links not followed.
    fn walk_dirs(&self, out: &mut Vec<PyPath>) -> PyResult<()> {
        let entries = match self.list() {
            Ok(e) => e,
            Err(e) if e.kind == ExcKind::PermissionError => return Ok(()),
            Err(e) => return Err(e),
        };
        for (name, _) in entries {
            let child = self.child(&name);
            let real_dir = std::fs::symlink_metadata(&child.text).is_ok_and(|m| m.is_dir());
            if real_dir {
                out.push(child.clone());
                child.walk_dirs(out)?;
            }
        }
        Ok(())
    }
}

/// A generator of the paths `find` gives, called at the first `next` (CPython's
/// `iterdir` and `glob` are generators: a missing directory raises there).
fn lazily(find: impl FnOnce() -> PyResult<Vec<PyPath>> + 'static) -> super::Gen<PyPath> {
    super::Gen::new(move |co| async move {
        for p in find()? {
            co.yield_(p).await;
        }
        Ok(())
    })
}

/// `fnmatch.fnmatchcase(name, pattern)`: `*`, `?`, `[seq]`, `[!seq]`.
pub fn fnmatch(name: &str, pattern: &str) -> bool {
    let n: Vec<char> = name.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    fn class(p: &[char], i: usize, c: char) -> Option<(bool, usize)> {
        // `p[i]` is '['; the set's result for `c` and the index after its `]`
        let mut j = i + 1;
        let negate = p.get(j) == Some(&'!');
        if negate {
            j += 1;
        }
        let start = j;
        let mut hit = false;
        while j < p.len() && (p[j] != ']' || j == start) {
            if j + 2 < p.len() && p[j + 1] == '-' && p[j + 2] != ']' {
                hit |= p[j] <= c && c <= p[j + 2];
                j += 3;
            } else {
                hit |= p[j] == c;
                j += 1;
            }
        }
        (j < p.len()).then_some((hit != negate, j + 1))
    }
    fn go(n: &[char], p: &[char]) -> bool {
        let Some((&first, rest)) = p.split_first() else {
            return n.is_empty();
        };
        match first {
            '*' => (0..=n.len()).any(|k| go(&n[k..], rest)),
            '?' => !n.is_empty() && go(&n[1..], rest),
            '[' => match (n.first(), class(p, 0, n.first().copied().unwrap_or('\0'))) {
                (Some(_), Some((hit, next))) => hit && go(&n[1..], &p[next..]),
                (_, None) => n.first() == Some(&'[') && go(&n[1..], rest),
                (None, Some(_)) => false,
            },
            c => n.first() == Some(&c) && go(&n[1..], rest),
        }
    }
    go(&n, &p)
}

impl PartialEq for PyPath {
    fn eq(&self, other: &PyPath) -> bool {
        self.text == other.text
    }
}

impl Eq for PyPath {}

impl Hash for PyPath {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialOrd for PyPath {
    fn partial_cmp(&self, other: &PyPath) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PyPath {
    /// By parts, as CPython compares `_cparts` (`a/b` < `a-c`).
    fn cmp(&self, other: &PyPath) -> Ordering {
        self.cparts().cmp(&other.cparts())
    }
}

impl Default for PyPath {
    fn default() -> PyPath {
        PyPath::parse("")
    }
}

impl std::fmt::Display for PyPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl PyRepr for PyPath {
    fn py_repr(&self) -> String {
        format!("PosixPath({})", self.text.py_repr())
    }
    fn py_str(&self) -> String {
        self.text.clone()
    }
}

/// `format(p, spec)` / `f"{p}"`: `str(p)`; any spec is CPython's TypeError.
pub fn path_format(p: &PyPath, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        Ok(p.text.clone())
    } else {
        Err(PyErr::type_error(
            "unsupported format string passed to PosixPath.__format__",
        ))
    }
}
