//! `pcrt::assets`: where a compiled library finds its files at run time.
//!
//! Copied into a generated crate as `src/pcrt/assets.rs` when the compiled
//! Python loads a file (`Tokenizer.from_file`, `ort.InferenceSession`). The
//! crate then depends on `libc = "0.2"` (for `dladdr`).
//!
//! A bundle is laid out as
//!
//! ```text
//! bundle/embed/
//!   libembed.so  manifest.json  assets/tokenizer.json  assets/model.onnx
//!   libonnxruntime.so.1.31.1
//! ```
//!
//! and may be moved anywhere: the library finds its own file with `dladdr`
//! and looks beside it. A Rust application that links the generated crate as
//! an rlib has no bundle beside it; it gets the absolute paths recorded when
//! the crate was compiled.

use std::path::{Path, PathBuf};

/// The file of the shared object holding this code: the generated cdylib
/// when loaded from a bundle; `None` when this code is linked into the main
/// executable (an rlib dependency) or `dladdr` cannot tell.
pub fn this_library_path() -> Option<PathBuf> {
    use std::sync::OnceLock;
    static PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
    PATH.get_or_init(find_this_library).clone()
}

#[cfg(unix)]
fn find_this_library() -> Option<PathBuf> {
    use std::ffi::CStr;
    use std::os::unix::ffi::OsStrExt;

    // Any function of this crate will do: its address lies in our mapping.
    let addr = this_library_path as fn() -> Option<PathBuf> as *const libc::c_void;
    let mut info = std::mem::MaybeUninit::<libc::Dl_info>::zeroed();
    // SAFETY: dladdr only reads the address and fills `info`; it returns 0
    // (leaving `info` unspecified) when the address is in no loaded object.
    let found = unsafe { libc::dladdr(addr, info.as_mut_ptr()) };
    if found == 0 {
        return None;
    }
    // SAFETY: dladdr returned non-zero, so `info` is filled.
    let info = unsafe { info.assume_init() };
    if info.dli_fname.is_null() {
        return None;
    }
    // SAFETY: dli_fname is a NUL-terminated path owned by the dynamic loader,
    // valid while the object stays loaded (we copy it at once).
    let name = unsafe { CStr::from_ptr(info.dli_fname) };
    let path = PathBuf::from(std::ffi::OsStr::from_bytes(name.to_bytes()));
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    // Linked into the executable: no bundle directory to look in.
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::canonicalize(p).ok());
    if exe.as_deref() == Some(path.as_path()) {
        return None;
    }
    Some(path)
}

#[cfg(not(unix))]
fn find_this_library() -> Option<PathBuf> {
    None
}

/// The bundle directory set by the program linking this crate (see
/// [`set_bundle_dir`]).
static BUNDLE_DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Makes a program that links this crate (an rlib dependency, such as the
/// native server of `pycomp build --server`, which lives in its bundle's
/// folder) use the bundle at `dir`: its `assets/` and its ONNX Runtime
/// library, exactly as the bundle's shared library would. Call it before the
/// first compiled call; only the first call has an effect (returns false after).
pub fn set_bundle_dir(dir: PathBuf) -> bool {
    BUNDLE_DIR.set(dir).is_ok()
}

/// The bundle directory: the one set by [`set_bundle_dir`], else the
/// directory of the loaded shared library.
pub fn bundle_dir() -> Option<PathBuf> {
    if let Some(dir) = BUNDLE_DIR.get() {
        return Some(dir.clone());
    }
    this_library_path().and_then(|p| p.parent().map(Path::to_path_buf))
}

/// Where the asset `name` is. A library inside a bundle (a `manifest.json`
/// beside it) uses only the bundle's `assets/<name>`, so that a bundle never
/// silently depends on the machine it was built on; a missing asset is then
/// reported with that path. Anywhere else (the crate linked into a Rust
/// program) it is `compiled_path`, the absolute path the compiler recorded.
pub fn asset_path(name: &str, compiled_path: &str) -> PathBuf {
    if let Some(dir) = bundle_dir()
        && dir.join("manifest.json").is_file()
    {
        return dir.join("assets").join(name);
    }
    PathBuf::from(compiled_path)
}

/// An asset's contents: embedded in the library (`include_bytes!`) or a file.
#[derive(Clone, Debug)]
pub enum Asset {
    Bytes {
        name: &'static str,
        bytes: &'static [u8],
    },
    Path(PathBuf),
}

/// The embedded bytes when the compiler embedded the asset, else the file
/// [`asset_path`] finds. Load the result with `pcrt::tok::tok_from_asset` or
/// `pcrt::onnx::session_from_asset`.
pub fn embedded_or_path(
    name: &'static str,
    embedded: Option<&'static [u8]>,
    compiled_path: &str,
) -> Asset {
    match embedded {
        Some(bytes) => Asset::Bytes { name, bytes },
        None => Asset::Path(asset_path(name, compiled_path)),
    }
}

/// Writes embedded bytes to a file in a per-process temporary directory
/// (for consumers that need a path) and returns its path. Written once per
/// process and name; removed by nobody (the OS cleans the temp dir).
pub fn materialize(name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("pycomp-assets-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    let same = std::fs::metadata(&path)
        .map(|m| m.len() == bytes.len() as u64)
        .unwrap_or(false);
    if !same {
        // Write beside and rename, so a concurrent reader never sees half a file.
        let tmp = dir.join(format!(".{name}.{:?}.tmp", std::thread::current().id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(path)
}

/// The ONNX Runtime library to load:
/// 1. `PYCOMP_ORT_LIBRARY` when set and non-empty (to run a bundle on
///    another build of ONNX Runtime, e.g. one with a GPU provider);
/// 2. a `libonnxruntime.so*` (`libonnxruntime*.dylib`, `onnxruntime.dll`)
///    beside the loaded shared library: the one the bundle carries;
///    A library inside a bundle (a `manifest.json` beside it) stops here:
///    it uses only its own files, so a bundle whose copy was deleted fails
///    with that path instead of silently loading the build machine's copy;
/// 3. `ORT_DYLIB_PATH` when set and non-empty (ort's own variable; it comes
///    after the bundle's copy, so that a variable set for another program
///    cannot swap the library a bundle was tested with);
/// 4. `compiled_path`: the library of the onnxruntime Python wheel found at
///    compile time (what a Rust program linking the crate gets).
pub fn ort_library_path(compiled_path: &str) -> PathBuf {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = var("PYCOMP_ORT_LIBRARY") {
        return p;
    }
    if let Some(dir) = bundle_dir() {
        if let Some(found) = find_ort_in(&dir) {
            return found;
        }
        if dir.join("manifest.json").is_file() {
            let name = Path::new(compiled_path)
                .file_name()
                .unwrap_or(std::ffi::OsStr::new("libonnxruntime.so"));
            return dir.join(name);
        }
    }
    var("ORT_DYLIB_PATH").unwrap_or_else(|| PathBuf::from(compiled_path))
}

/// The ONNX Runtime library in `dir`, if any: the exact versioned file
/// (`libonnxruntime.so.1.31.1`) is preferred to the unversioned link.
fn find_ort_in(dir: &Path) -> Option<PathBuf> {
    let mut best: Option<(usize, PathBuf)> = None;
    for entry in std::fs::read_dir(dir).ok()? {
        let Ok(entry) = entry else { continue };
        let file = entry.file_name();
        let Some(name) = file.to_str() else { continue };
        let rank = if name.starts_with("libonnxruntime.so.") {
            3
        } else if name == "libonnxruntime.so"
            || (name.starts_with("libonnxruntime") && name.ends_with(".dylib"))
        {
            2
        } else if name.eq_ignore_ascii_case("onnxruntime.dll") {
            1
        } else {
            continue;
        };
        // Longest versioned name first (`.so.1.31.1` over `.so.1`).
        let rank = rank * 1000 + name.len();
        if best.as_ref().is_none_or(|(r, _)| rank > *r) {
            best = Some((rank, entry.path()));
        }
    }
    best.map(|(_, p)| p)
}
