"""docs/ops.md from the op library (`pycomp ops doc`): how many ops, the coverage
of each module, and every op listed per module.

An op belongs to the module its name says (`str.split` to str, `math.sqrt` to
math, `ndarray.sum` and `numpy.sum` to numpy, `Tokenizer.encode` to
tokenizers); the other names are operators (`+`, `getitem`, `truth`) or
builtins (`len`, `sorted`), except in numpy.toml, tokenizers.toml and
onnxruntime.toml, where they count for that library (`len` of an Encoding).

Coverage counts the names a module has in CPython 3.11 (the lists below, fixed
so the page does not change with the Python that writes it) that have at least
one op. numpy, tokenizers and onnxruntime have no such list: their ops are
counted only.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pycomp.opslib import OpSpec, opslib_dir, read_op_file, repo_root

# CPython 3.11: `dir(builtins)` less exceptions, constants and the site helpers.
BUILTINS = [
    "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray",
    "bytes", "callable", "chr", "classmethod", "compile", "complex", "delattr", "dict", "dir",
    "divmod", "enumerate", "eval", "exec", "filter", "float", "format", "frozenset", "getattr",
    "globals", "hasattr", "hash", "hex", "id", "input", "int", "isinstance", "issubclass", "iter",
    "len", "list", "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open",
    "ord", "pow", "print", "property", "range", "repr", "reversed", "round", "set", "setattr",
    "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
]
# The operator names of docs/opslib.md.
OPERATORS = [
    "+", "-", "*", "/", "//", "%", "**", "@", "==", "!=", "<", "<=", ">", ">=", "in", "neg", "pos",
    "invert", "&", "|", "^", "<<", ">>", "getitem", "setitem", "delitem", "slice", "truth",
]
# Public attributes of the types and of math, CPython 3.11.
STR = [
    "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find",
    "format", "format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit",
    "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join",
    "ljust", "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace",
    "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines",
    "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill",
]
LIST = [
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
]
DICT = [
    "clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update",
    "values",
]
SET = [
    "add", "clear", "copy", "difference", "difference_update", "discard", "intersection",
    "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove",
    "symmetric_difference", "symmetric_difference_update", "union", "update",
]
INT_FLOAT = [
    "int.as_integer_ratio", "int.bit_count", "int.bit_length", "int.conjugate", "int.denominator",
    "int.from_bytes", "int.imag", "int.numerator", "int.real", "int.to_bytes",
    "float.as_integer_ratio", "float.conjugate", "float.fromhex", "float.hex", "float.imag",
    "float.is_integer", "float.real",
]
MATH = [
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "comb", "copysign",
    "cos", "cosh", "degrees", "dist", "e", "erf", "erfc", "exp", "exp2", "expm1", "fabs",
    "factorial", "floor", "fmod", "frexp", "fsum", "gamma", "gcd", "hypot", "inf", "isclose",
    "isfinite", "isinf", "isnan", "isqrt", "lcm", "ldexp", "lgamma", "log", "log10", "log1p",
    "log2", "modf", "nan", "nextafter", "perm", "pi", "pow", "prod", "radians", "remainder", "sin",
    "sinh", "sqrt", "tan", "tanh", "tau", "trunc", "ulp",
]
TUPLE = ["count", "index"]
STRING = [
    "ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits", "hexdigits",
    "octdigits", "printable", "punctuation", "whitespace", "Formatter", "Template",
]
BISECT = ["bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"]
HEAPQ = ["heapify", "heappop", "heappush", "heappushpop", "heapreplace", "merge", "nlargest",
         "nsmallest"]
RANDOM = [
    "betavariate", "choice", "choices", "expovariate", "gammavariate", "gauss", "getrandbits",
    "getstate", "lognormvariate", "normalvariate", "paretovariate", "randbytes", "randint",
    "random", "randrange", "sample", "seed", "setstate", "shuffle", "triangular", "uniform",
    "vonmisesvariate", "weibullvariate", "Random", "SystemRandom",
]
ITERTOOLS = [
    "accumulate", "chain", "combinations", "combinations_with_replacement", "compress", "count",
    "cycle", "dropwhile", "filterfalse", "groupby", "islice", "pairwise", "permutations",
    "product", "repeat", "starmap", "takewhile", "tee", "zip_longest",
]
FUNCTOOLS = [
    "cache", "cached_property", "cmp_to_key", "lru_cache", "partial", "partialmethod", "reduce",
    "singledispatch", "singledispatchmethod", "total_ordering", "update_wrapper", "wraps",
]
JSON = ["dump", "dumps", "load", "loads", "JSONDecodeError", "JSONDecoder", "JSONEncoder"]
RE = [
    *("re." + n for n in ("compile", "search", "match", "fullmatch", "split", "findall",
                          "finditer", "sub", "subn", "escape", "purge", "template", "error")),
    *("Pattern." + n for n in ("search", "match", "fullmatch", "split", "findall", "finditer",
                               "sub", "subn", "pattern", "groups", "flags", "groupindex")),
    *("Match." + n for n in ("group", "groups", "groupdict", "start", "end", "span", "expand",
                             "string", "re", "pos", "endpos", "lastindex", "lastgroup")),
]
STATISTICS = ["statistics." + n for n in (
    "mean", "fmean", "geometric_mean", "harmonic_mean", "median", "median_low", "median_high",
    "median_grouped", "mode", "multimode", "quantiles", "pstdev", "pvariance", "stdev",
    "variance", "covariance", "correlation", "linear_regression", "NormalDist",
    "StatisticsError")]
UNICODEDATA = ["unicodedata." + n for n in (
    "normalize", "is_normalized", "category", "combining", "east_asian_width", "bidirectional",
    "decomposition", "decimal", "digit", "numeric", "mirrored", "name", "lookup",
    "unidata_version", "ucd_3_2_0")]
TIME = ["time", "time_ns", "perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns",
        "process_time", "process_time_ns", "thread_time", "thread_time_ns", "sleep", "gmtime",
        "localtime", "mktime", "strftime", "strptime", "asctime", "ctime", "get_clock_info"]
BASE64 = ["base64." + n for n in (
    "b64encode", "b64decode", "standard_b64encode", "standard_b64decode", "urlsafe_b64encode",
    "urlsafe_b64decode", "b32encode", "b32decode", "b32hexencode", "b32hexdecode", "b16encode",
    "b16decode", "a85encode", "a85decode", "b85encode", "b85decode", "encode", "decode",
    "encodebytes", "decodebytes")]
HASHLIB = [
    *("hashlib." + n for n in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512",
                               "sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128",
                               "shake_256", "blake2b", "blake2s", "new", "pbkdf2_hmac",
                               "scrypt", "file_digest")),
    *("HASH." + n for n in ("update", "digest", "hexdigest", "copy", "name", "digest_size",
                            "block_size")),
]
COPY = ["copy.copy", "copy.deepcopy", "copy.Error"]
# pathlib.Path's public names (a PosixPath in compiled code)
PATHLIB = ["pathlib.Path", "pathlib.Path.cwd", "pathlib.Path.home", *("PosixPath." + n for n in (
    "absolute", "anchor", "as_posix", "as_uri", "chmod", "drive", "exists", "expanduser",
    "glob", "group", "hardlink_to", "is_absolute", "is_block_device", "is_char_device",
    "is_dir", "is_fifo", "is_file", "is_mount", "is_relative_to", "is_reserved", "is_socket",
    "is_symlink", "iterdir", "joinpath", "lchmod", "link_to", "lstat", "match", "mkdir",
    "name", "open", "owner", "parent", "parents", "parts", "read_bytes", "read_text",
    "readlink", "relative_to", "rename", "replace", "resolve", "rglob", "rmdir", "root",
    "samefile", "stat", "stem", "suffix", "suffixes", "symlink_to", "touch", "unlink",
    "with_name", "with_stem", "with_suffix", "write_bytes", "write_text"))]
LOGGING = [
    *("logging." + n for n in (
        "getLogger", "basicConfig", "getLevelName", "debug", "info", "warning", "error",
        "critical", "exception", "log", "disable", "shutdown", "captureWarnings",
        "StreamHandler", "FileHandler", "NullHandler", "Formatter", "Filter", "LoggerAdapter",
        "getLoggerClass", "setLoggerClass", "addLevelName", "getLevelNamesMapping")),
    *("Logger." + n for n in (
        "setLevel", "isEnabledFor", "getEffectiveLevel", "level", "name", "debug", "info",
        "warning", "error", "critical", "exception", "log", "addHandler", "removeHandler",
        "hasHandlers", "getChild", "propagate", "handlers", "disabled", "addFilter")),
]
TEXTWRAP = ["textwrap." + n for n in ("wrap", "fill", "shorten", "dedent", "indent",
                                      "TextWrapper")]
COLLECTIONS = [
    *("collections." + n for n in ("ChainMap", "Counter", "OrderedDict", "UserDict", "UserList",
                                   "UserString", "defaultdict", "deque", "namedtuple")),
    *("Counter." + n for n in ("elements", "most_common", "subtract", "total", "update")),
    *("OrderedDict." + n for n in ("move_to_end", "popitem")),
    *("deque." + n for n in ("append", "appendleft", "clear", "copy", "count", "extend",
                             "extendleft", "index", "insert", "maxlen", "pop", "popleft",
                             "remove", "reverse", "rotate")),
]
BYTES = [
    "capitalize", "center", "count", "decode", "endswith", "expandtabs", "find", "fromhex",
    "hex", "index", "isalnum", "isalpha", "isascii", "isdigit", "islower", "isspace",
    "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition",
    "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition",
    "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title",
    "translate", "upper", "zfill",
]
# Names the compiler itself writes out rather than an op (frontend/pycomp/functional.py,
# strformat.py, tuples.py, namedtuples.py, pylogging.py): covered, though no op carries them.
COMPILED_FORMS = ["map", "filter", "isinstance", "str.format", "tuple.count",
                  "collections.defaultdict", "collections.namedtuple",
                  "statistics.StatisticsError",
                  # pylogging.py: the level methods and the module's functions
                  "logging.basicConfig", "logging.debug", "logging.info", "logging.warning",
                  "logging.error", "logging.critical", "Logger.debug", "Logger.info",
                  "Logger.warning", "Logger.error", "Logger.critical", "Logger.log"]

# module -> the names it has in CPython (as the op library spells them), or None
REFERENCE: dict[str, list[str] | None] = {
    "builtins": BUILTINS,
    "operators": OPERATORS,
    "int/float": INT_FLOAT,
    "str": ["str." + n for n in STR],
    "bytes": ["bytes." + n for n in BYTES],
    "list": ["list." + n for n in LIST],
    "dict": ["dict." + n for n in DICT],
    "set": ["set." + n for n in SET],
    "math": ["math." + n for n in MATH],
    "tuple": ["tuple." + n for n in TUPLE],
    "string": ["string." + n for n in STRING],
    "bisect": ["bisect." + n for n in BISECT],
    "heapq": ["heapq." + n for n in HEAPQ],
    "random": ["random." + n for n in RANDOM],
    "itertools": ["itertools." + n for n in ITERTOOLS],
    "functools": ["functools." + n for n in FUNCTOOLS],
    "json": ["json." + n for n in JSON],
    "re": RE,
    "statistics": STATISTICS,
    "unicodedata": UNICODEDATA,
    "time": ["time." + n for n in TIME],
    "collections": COLLECTIONS,
    "base64": BASE64,
    "hashlib": HASHLIB,
    "copy": COPY,
    "textwrap": TEXTWRAP,
    "logging": LOGGING,
    "pathlib": PATHLIB,
    "numpy": None,
    "tokenizers": None,
    "onnxruntime": None,
    "llama_cpp": None,
}
PREFIX_MODULE = {"str": "str", "bytes": "bytes", "list": "list", "dict": "dict", "set": "set", "math": "math",
                 "tuple": "tuple", "string": "string", "bisect": "bisect", "heapq": "heapq",
                 "random": "random", "itertools": "itertools", "functools": "functools",
                 "json": "json", "re": "re", "statistics": "statistics", "Pattern": "re", "Template": "string",
                 "unicodedata": "unicodedata", "time": "time", "base64": "base64",
                 "hashlib": "hashlib", "HASH": "hashlib", "copy": "copy",
                 "textwrap": "textwrap", "logging": "logging", "Logger": "logging",
                 "pathlib": "pathlib", "PosixPath": "pathlib",
                 "Match": "re",
                 "collections": "collections", "Counter": "collections",
                 "defaultdict": "collections", "OrderedDict": "collections", "int": "int/float", "float": "int/float", "numpy": "numpy",
                 "ndarray": "numpy", "Generator": "numpy", "Random": "random",
                 "tokenizers": "tokenizers", "Tokenizer": "tokenizers", "Encoding": "tokenizers",
                 "onnxruntime": "onnxruntime", "InferenceSession": "onnxruntime",
                 "NodeArg": "onnxruntime", "llama_cpp": "llama_cpp", "Llama": "llama_cpp"}
LIBRARY_FILES = {"numpy.toml": "numpy", "tokenizers.toml": "tokenizers",
                 "onnxruntime.toml": "onnxruntime", "llama_cpp.toml": "llama_cpp"}


def module_of(op: OpSpec) -> str:
    if "." in op.name:
        head = op.name.split(".", 1)[0]
        return PREFIX_MODULE.get(head, head)
    if op.file in LIBRARY_FILES:
        return LIBRARY_FILES[op.file]
    if op.name in OPERATORS or not op.name.isidentifier() or op.name not in BUILTINS:
        return "operators"  # also the compiler's own: `is_none`
    return "builtins"


def default_path() -> Path:
    return repo_root() / "docs" / "ops.md"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(lib_dir: Path | None = None) -> str:
    """The text of docs/ops.md for the op library in `lib_dir` (default: opslib/)."""
    d = lib_dir or opslib_dir()
    all_ops = [op for path in sorted(d.glob("*.toml")) for op in read_op_file(path)]
    by_module: dict[str, list[OpSpec]] = defaultdict(list)
    for op in all_ops:
        by_module[module_of(op)].append(op)
    order = [m for m in REFERENCE if m in by_module] + sorted(
        m for m in by_module if m not in REFERENCE)
    names = {op.name for op in all_ops}
    known = names | set(COMPILED_FORMS)
    files = sorted({op.file for op in all_ops})
    out = [
        "# The ops pycomp compiles",
        "",
        "<!-- Generated from opslib/*.toml by `pycomp ops doc`; do not edit by hand. -->",
        "",
        (f"**{len(all_ops)} ops** ({len(names)} distinct names) in {len(files)} opslib files. "
         "The format of an entry is in [opslib.md](opslib.md); `pycomp ops missing FILE` lists "
         "the calls of a program that have no op, and `pycomp ops synth NAME` drafts one."),
        "",
        "## Coverage",
        "",
        ("A name is covered when at least one op has it, or the compiler writes it out "
         "itself (" + ", ".join(f"`{n}`" for n in COMPILED_FORMS) + "). Reference: CPython "
         "3.11's names (builtins without exceptions and constants; the public attributes of "
         "str, list, dict, set, tuple, int, float, math, string, bisect, heapq, random, "
         "itertools, functools, json and collections; the "
         "operator names of the op library). numpy, tokenizers and onnxruntime are counted, "
         "not measured."),
        "",
        "| Module | Ops | Names | Covered | Coverage |",
        "|---|---:|---:|---:|---:|",
    ]
    for m in order:
        ops = by_module[m]
        mnames = {op.name for op in ops}
        ref = REFERENCE.get(m)
        if ref is None:
            out.append(f"| {m} | {len(ops)} | {len(mnames)} | | |")
        else:
            covered = sum(1 for n in ref if n in known)
            out.append(f"| {m} | {len(ops)} | {len(mnames)} | {covered} of {len(ref)} | "
                       f"{100 * covered // len(ref)}% |")
    out.append(f"| **total** | **{len(all_ops)}** | **{len(names)}** | | |")
    for m in order:
        ops = by_module[m]
        ref = REFERENCE.get(m)
        out += ["", f"## {m}", ""]
        if ref is not None:
            missing = [n for n in ref if n not in known]
            covered = len(ref) - len(missing)
            out.append(f"{covered} of {len(ref)} names covered, {len(ops)} ops.")
            if missing:
                out += ["", "Not covered: " + ", ".join(f"`{n}`" for n in missing) + "."]
        else:
            out.append(f"{len({op.name for op in ops})} names, {len(ops)} ops.")
        out.append("")
        for op in ops:
            about = " ".join(x for x in (_one_line(op.doc), "Raises." if op.raises else "")
                             if x)
            out.append(f"- `{op.name}{op.sig}`" + (f": {about}" if about else "")
                       + f" ({op.file})")
    return "\n".join(out) + "\n"
