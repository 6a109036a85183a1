//! `print`: text written through the process's stdout or stderr, formatted as
//! CPython formats it (the compiler joins the `str()` of the arguments with `sep`).

use std::io::Write;

/// `print(..., end=end, file=sys.stderr if to_stderr, flush=flush)`, where `text`
/// is the arguments' `str()` joined by `sep`.
///
/// Each call writes its text and `end` at once, under the stream's lock (lines
/// printed by several threads never interleave), and flushes the stream: a host
/// process that exits without running Rust's cleanup (a Python or Node process)
/// loses no output, so `flush=` changes nothing. A failed write (a closed pipe)
/// is ignored, as compiled code has no `OSError`.
pub fn py_print(text: &str, end: &str, to_stderr: bool, flush: bool) {
    let _ = flush;
    if to_stderr {
        let mut err = std::io::stderr().lock();
        let _ = err
            .write_all(text.as_bytes())
            .and_then(|()| err.write_all(end.as_bytes()))
            .and_then(|()| err.flush());
    } else {
        let mut out = std::io::stdout().lock();
        let _ = out
            .write_all(text.as_bytes())
            .and_then(|()| out.write_all(end.as_bytes()))
            .and_then(|()| out.flush());
    }
}
