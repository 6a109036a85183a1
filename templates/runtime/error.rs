//! Python exceptions as Rust values.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// An exception class the compiled module defines (`class ValidationError(ValueError):
/// ...`): one `static` per class in the generated crate, so a kind is compared by
/// identity. Its `base` is a builtin class or another class of the module.
#[derive(Debug)]
pub struct UserExc {
    pub name: &'static str,
    pub base: ExcKind,
    /// For a class whose object carries fields: encodes them (given the object's
    /// fields, [`ExcState::fields`]) as the PCV record the manifest's `exceptions`
    /// entry describes; the host gets it in the error's third element (docs/abi.md).
    pub fields: Option<FieldsEncoder>,
}

/// Encodes an exception object's fields as a PCV record ([`UserExc::fields`]).
pub type FieldsEncoder = fn(&dyn Any, &mut super::abi::Writer);

/// The body of a generated [`FieldsEncoder`]: `write` encodes the fields of a `T`, the
/// struct the class's objects are; anything else (never passed) is an empty record.
pub fn encode_exc_fields<T: 'static>(
    fields: &dyn Any,
    out: &mut super::abi::Writer,
    write: impl FnOnce(&T, &mut super::abi::Writer),
) {
    match fields.downcast_ref::<T>() {
        Some(o) => write(o, out),
        None => super::encode_record_header(0, out),
    }
}

/// The exception classes compiled code can raise or catch.
#[derive(Clone, Copy, Debug)]
pub enum ExcKind {
    Exception,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    ZeroDivisionError,
    OverflowError,
    RuntimeError,
    AssertionError,
    NotImplementedError,
    StopIteration,
    ArithmeticError,
    LookupError,
    AttributeError,
    RecursionError,
    MemoryError,
    SystemError,
    /// `json.JSONDecodeError` (a `ValueError`).
    JSONDecodeError,
    /// `re.error` (an `Exception`).
    ReError,
    /// `statistics.StatisticsError` (a `ValueError`).
    StatisticsError,
    /// `binascii.Error` (a `ValueError`): base64 decoding.
    BinasciiError,
    /// `UnicodeError` (a `ValueError`) and its codec subclasses.
    UnicodeError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    /// `OSError` and the subclasses file operations raise.
    OSError,
    FileNotFoundError,
    FileExistsError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
    /// `ConnectionError` (an `OSError`) and its subclasses, `TimeoutError` (an `OSError`):
    /// raised and caught by compiled code (`raise TimeoutError("model server timed out")`).
    ConnectionError,
    BrokenPipeError,
    ConnectionAbortedError,
    ConnectionRefusedError,
    ConnectionResetError,
    TimeoutError,
    /// `io.UnsupportedOperation` (an `OSError` and a `ValueError`).
    UnsupportedOperation,
    /// A class of the compiled module.
    User(&'static UserExc),
}

impl PartialEq for ExcKind {
    fn eq(&self, other: &ExcKind) -> bool {
        match (self, other) {
            (ExcKind::User(a), ExcKind::User(b)) => std::ptr::eq(*a, *b),
            (ExcKind::User(_), _) | (_, ExcKind::User(_)) => false,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

impl Eq for ExcKind {}

impl ExcKind {
    /// The Python class name.
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::Exception => "Exception",
            ExcKind::ValueError => "ValueError",
            ExcKind::TypeError => "TypeError",
            ExcKind::IndexError => "IndexError",
            ExcKind::KeyError => "KeyError",
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::RuntimeError => "RuntimeError",
            ExcKind::AssertionError => "AssertionError",
            ExcKind::NotImplementedError => "NotImplementedError",
            ExcKind::StopIteration => "StopIteration",
            ExcKind::ArithmeticError => "ArithmeticError",
            ExcKind::LookupError => "LookupError",
            ExcKind::AttributeError => "AttributeError",
            ExcKind::RecursionError => "RecursionError",
            ExcKind::MemoryError => "MemoryError",
            ExcKind::SystemError => "SystemError",
            // A module's class: named with its module (the loaders look it up there).
            ExcKind::JSONDecodeError => "json.JSONDecodeError",
            ExcKind::ReError => "re.error",
            ExcKind::StatisticsError => "statistics.StatisticsError",
            ExcKind::BinasciiError => "binascii.Error",
            ExcKind::UnicodeError => "UnicodeError",
            ExcKind::UnicodeDecodeError => "UnicodeDecodeError",
            ExcKind::UnicodeEncodeError => "UnicodeEncodeError",
            ExcKind::OSError => "OSError",
            ExcKind::FileNotFoundError => "FileNotFoundError",
            ExcKind::FileExistsError => "FileExistsError",
            ExcKind::PermissionError => "PermissionError",
            ExcKind::IsADirectoryError => "IsADirectoryError",
            ExcKind::NotADirectoryError => "NotADirectoryError",
            ExcKind::ConnectionError => "ConnectionError",
            ExcKind::BrokenPipeError => "BrokenPipeError",
            ExcKind::ConnectionAbortedError => "ConnectionAbortedError",
            ExcKind::ConnectionRefusedError => "ConnectionRefusedError",
            ExcKind::ConnectionResetError => "ConnectionResetError",
            ExcKind::TimeoutError => "TimeoutError",
            ExcKind::UnsupportedOperation => "io.UnsupportedOperation",
            ExcKind::User(u) => u.name,
        }
    }

    /// The class's `__name__`: its name without the module (`JSONDecodeError`).
    pub fn short_name(self) -> &'static str {
        let name = self.name();
        name.rsplit('.').next().unwrap_or(name)
    }

    /// The nearest builtin class this class is or derives from.
    pub fn builtin(self) -> ExcKind {
        let mut k = self;
        while let ExcKind::User(u) = k {
            k = u.base;
        }
        k
    }

    /// Whether an `except self:` clause catches an exception of class `raised`,
    /// following CPython's class hierarchy.
    pub fn catches(self, raised: ExcKind) -> bool {
        use ExcKind::*;
        if self == raised || self == Exception {
            return true;
        }
        if let User(u) = raised {
            // a class of the module: caught by its own class and by its bases'
            return self.catches(u.base);
        }
        match self {
            ArithmeticError => matches!(raised, ZeroDivisionError | OverflowError),
            LookupError => matches!(raised, IndexError | KeyError),
            RuntimeError => matches!(raised, NotImplementedError | RecursionError),
            ValueError => matches!(
                raised,
                JSONDecodeError
                    | StatisticsError
                    | BinasciiError
                    | UnicodeError
                    | UnicodeDecodeError
                    | UnicodeEncodeError
                    | UnsupportedOperation
            ),
            OSError => matches!(
                raised,
                FileNotFoundError
                    | FileExistsError
                    | PermissionError
                    | IsADirectoryError
                    | NotADirectoryError
                    | ConnectionError
                    | BrokenPipeError
                    | ConnectionAbortedError
                    | ConnectionRefusedError
                    | ConnectionResetError
                    | TimeoutError
                    | UnsupportedOperation
            ),
            ConnectionError => matches!(
                raised,
                BrokenPipeError
                    | ConnectionAbortedError
                    | ConnectionRefusedError
                    | ConnectionResetError
            ),
            UnicodeError => matches!(raised, UnicodeDecodeError | UnicodeEncodeError),
            _ => false,
        }
    }
}

/// A Python exception: its class and its message (`str(exc)`); for an exception class
/// of the module whose `__init__` stores fields, a copy of its object's fields.
#[derive(Clone)]
pub struct PyErr {
    pub kind: ExcKind,
    pub message: String,
    /// The exception object of a module's class with an `__init__`, `__str__` or
    /// `__repr__` (`e.field` in a handler, `repr(e)`).
    pub state: Option<Arc<ExcState>>,
}

/// What an exception object of a module's class carries besides its message.
pub struct ExcState {
    /// `repr(e)`: `Name(args)` from what `super().__init__` (or the constructor call)
    /// was given, or what the class's `__repr__` returned when it was raised.
    pub repr: String,
    /// `e.args`: a tuple.
    pub args: super::Obj,
    /// The object's fields: the class's struct, plain values only (checked by the
    /// compiler), so a `PyErr` stays `Send + Sync`.
    pub fields: Box<dyn Any + Send + Sync>,
}

impl fmt::Debug for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PyErr")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("state", &self.state.is_some())
            .finish()
    }
}

impl PartialEq for PyErr {
    fn eq(&self, other: &PyErr) -> bool {
        self.kind == other.kind
            && self.message == other.message
            && match (&self.state, &other.state) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// `raise err` of a variable that may hold None: CPython's TypeError for None.
    pub fn raised_value(err: Option<PyErr>) -> PyErr {
        err.unwrap_or_else(|| {
            PyErr::new(
                ExcKind::TypeError,
                "exceptions must derive from BaseException",
            )
        })
    }

    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyErr {
        PyErr {
            kind,
            message: message.into(),
            state: None,
        }
    }
    /// `raise E(...)` of an exception class with an object: its message (`str(e)`,
    /// from its args or its `__str__`), its `repr(e)`, and a copy of the object's
    /// fields, which nothing changes after `__init__`.
    pub fn with_state<T: Clone + Send + Sync + 'static>(
        kind: ExcKind,
        obj: &super::Instance<T>,
        message: String,
        repr: String,
        args: super::Obj,
    ) -> PyErr {
        let fields = obj.get(|o| o.clone());
        PyErr {
            kind,
            message,
            state: Some(Arc::new(ExcState {
                repr,
                args,
                fields: Box::new(fields),
            })),
        }
    }
    /// `raise E(x)` of an exception class without an object (the module's, or a builtin
    /// one given a value other than a string): its message and its args (`e.args`, the
    /// tuple `(x,)`); `repr(e)` shows them.
    pub fn with_args(kind: ExcKind, message: String, args: super::Obj) -> PyErr {
        PyErr::carrying(kind, message, args, Box::new(()))
    }
    /// An exception with its args and what else it carries (`fields`), `repr(e)` made of
    /// its args as CPython makes it: `Name(a)` for one, `Name(a, b)`, `Name()`.
    fn carrying(
        kind: ExcKind,
        message: String,
        args: super::Obj,
        fields: Box<dyn Any + Send + Sync>,
    ) -> PyErr {
        let shown = match &args {
            super::Obj::Tuple(items) if items.len() == 1 => super::PyRepr::py_repr(&items[0]),
            super::Obj::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(super::PyRepr::py_repr).collect();
                parts.join(", ")
            }
            other => super::PyRepr::py_repr(other),
        };
        let repr = format!("{}({shown})", kind.short_name());
        PyErr {
            kind,
            message,
            state: Some(Arc::new(ExcState { repr, args, fields })),
        }
    }
    /// The `KeyError` of a missing key (or of an empty container, given its message
    /// as a `str`): `str(e)` is the repr of the key, `e.args` is `(key,)`. A key no
    /// `Obj` can hold (an object of a class, an enum member, bytes) leaves the args to
    /// [`exc_args`]'s `(str(e),)`.
    pub fn key_error_of<Q: super::PyRepr + ?Sized>(key: &Q) -> PyErr {
        let message = key.py_repr();
        match key.py_arg() {
            Some(k) => PyErr::with_args(ExcKind::KeyError, message, super::Obj::Tuple(vec![k])),
            None => PyErr::key_error(message),
        }
    }
    /// An `OSError` (or the subclass `kind`) the system reported for `filename`:
    /// `str(e)` is `[Errno 2] No such file or directory: 'x'`, `e.args` is
    /// `(errno, strerror)`, and `e.filename` is kept ([`os_error_field`]).
    pub fn os_error(kind: ExcKind, errno: i64, strerror: &str, filename: &str) -> PyErr {
        let message = format!(
            "[Errno {errno}] {strerror}: {}",
            super::PyRepr::py_repr(filename)
        );
        let args = super::Obj::Tuple(vec![
            super::Obj::Int(errno),
            super::Obj::Str(strerror.to_string()),
        ]);
        PyErr::carrying(
            kind,
            message,
            args,
            Box::new(OsErrorFilename(filename.to_string())),
        )
    }
    pub fn value_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, message)
    }
    pub fn type_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, message)
    }
    pub fn index_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::IndexError, message)
    }
    /// `KeyError(key)`: Python's message is the repr of the key.
    pub fn key_error(key_repr: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::KeyError, key_repr)
    }
    pub fn zero_division(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ZeroDivisionError, message)
    }
    pub fn overflow(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::OverflowError, message)
    }
    /// The class name, as Python spells it.
    pub fn class_name(&self) -> &'static str {
        self.kind.name()
    }
    /// `e.args` of an exception of one of the module's classes (a tuple); None for
    /// an exception the runtime raised, which carries its message only.
    pub fn args(&self) -> Option<&super::Obj> {
        self.state.as_ref().map(|s| &s.args)
    }
    /// The fields of an exception of one of the module's classes whose `__init__`
    /// stores some: `e.fields::<mylib::TooLong>()` is a copy of the class's struct
    /// (the struct of the class whose `__init__` stores them, a base's for a subclass
    /// without one); None for another exception or another struct.
    pub fn fields<T: Clone + 'static>(&self) -> Option<T> {
        self.state.as_ref()?.fields.downcast_ref::<T>().cloned()
    }
    /// The error as a host receives it (docs/abi.md): a PCV `(class, message)`, or
    /// `(class, message, (args, fields))` for an exception that carries its args (one of
    /// the module's classes raised with args or fields, a `KeyError`'s key, an
    /// `OSError`'s `(errno, strerror)`, a builtin class raised with a value that is not
    /// a string); `fields` is an empty record but for the module's classes.
    pub fn encode_error(&self, out: &mut super::abi::Writer) {
        use super::abi::{Encode, tag};
        out.header(tag::TUPLE, if self.state.is_some() { 3 } else { 2 });
        self.kind.name().encode(out);
        self.message.encode(out);
        if let Some(state) = &self.state {
            out.header(tag::TUPLE, 2);
            state.args.encode(out);
            match self.kind {
                ExcKind::User(UserExc {
                    fields: Some(write),
                    ..
                }) => write(&*state.fields, out),
                _ => super::encode_record_header(0, out),
            }
        }
    }
}

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for PyErr {}

/// `e.args` of a caught exception: what `super().__init__` (or the constructor call, or
/// `raise E(x)`) was given, a `KeyError`'s key, an `OSError`'s `(errno, strerror)`;
/// for the other exceptions the runtime raises, CPython's `(message,)` (`()` when it
/// has none: `raise E`, `assert x`).
pub fn exc_args(e: &PyErr) -> super::Obj {
    match &e.state {
        Some(state) => state.args.clone(),
        None if e.message.is_empty() => super::Obj::Tuple(Vec::new()),
        None => super::Obj::Tuple(vec![super::Obj::Str(e.message.clone())]),
    }
}

/// The file name an `OSError` the runtime raised carries ([`PyErr::os_error`]).
struct OsErrorFilename(String);

/// What an `OSError` the runtime raised carries: its args and file name, or None for
/// one raised without them (`raise OSError("x")`, `io.UnsupportedOperation`).
fn os_error_parts(e: &PyErr) -> Option<(&[super::Obj], &str)> {
    let state = e.state.as_ref()?;
    let name = state.fields.downcast_ref::<OsErrorFilename>()?;
    match &state.args {
        super::Obj::Tuple(items) => Some((items, &name.0)),
        _ => None,
    }
}

/// `e.errno` of a caught `OSError`.
pub fn os_errno(e: &PyErr) -> Option<i64> {
    match os_error_parts(e)?.0.first()? {
        super::Obj::Int(n) => Some(*n),
        _ => None,
    }
}

/// `e.strerror` of a caught `OSError`.
pub fn os_strerror(e: &PyErr) -> Option<String> {
    match os_error_parts(e)?.0.get(1)? {
        super::Obj::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// `e.filename` of a caught `OSError`.
pub fn os_filename(e: &PyErr) -> Option<String> {
    os_error_parts(e).map(|(_, name)| name.to_string())
}

/// The object of a caught exception whose class stores fields (`e.field`): a new
/// object holding a copy of them (the exception's own stay as `__init__` left them).
pub fn exc_state<T: Clone + 'static>(e: &PyErr) -> PyResult<super::Instance<T>> {
    e.state
        .as_ref()
        .and_then(|s| s.fields.downcast_ref::<T>())
        .map(|fields| super::Instance::new(fields.clone()))
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::SystemError,
                format!(
                    "internal error: the {} exception has no fields",
                    e.kind.name()
                ),
            )
        })
}
