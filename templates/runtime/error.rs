//! Python exceptions as Rust values.

use std::fmt;

/// An exception class the compiled module defines (`class ValidationError(ValueError):
/// ...`): one `static` per class in the generated crate, so a kind is compared by
/// identity. Its `base` is a builtin class or another class of the module.
#[derive(Debug)]
pub struct UserExc {
    pub name: &'static str,
    pub base: ExcKind,
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
    /// `UnicodeError` (a `ValueError`) and its codec subclasses.
    UnicodeError,
    UnicodeDecodeError,
    UnicodeEncodeError,
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
            ExcKind::UnicodeError => "UnicodeError",
            ExcKind::UnicodeDecodeError => "UnicodeDecodeError",
            ExcKind::UnicodeEncodeError => "UnicodeEncodeError",
            ExcKind::User(u) => u.name,
        }
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
                    | UnicodeError
                    | UnicodeDecodeError
                    | UnicodeEncodeError
            ),
            UnicodeError => matches!(raised, UnicodeDecodeError | UnicodeEncodeError),
            _ => false,
        }
    }
}

/// A Python exception: its class and its message (`str(exc)`).
#[derive(Clone, Debug, PartialEq)]
pub struct PyErr {
    pub kind: ExcKind,
    pub message: String,
}

pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyErr {
        PyErr {
            kind,
            message: message.into(),
        }
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
