"""The native server: `pycomp build --server` and `pycomp serve --native`.

`build_server` writes a binary crate beside the bundle's generated library
crate, in the shared crates folder: a Cargo.toml depending on the library
crate by path (and on axum, tokio, serde_json, base64 from crates.io; the
versions of ndarray, indexmap, foldhash and tokenizers (where the library uses it) are the library's own, so the
shared target directory compiles them once), the fixed server
(templates/server/main.rs) and `models.rs`, written here from the bundle's
manifest: which functions are models (`pycomp.serve.kinds`) and how to call
each through the library's Rust API. cargo builds it; the executable is
copied into the bundle as ``pycomp-server``, where it finds the bundle's
assets and ONNX Runtime library at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import tomlkit

from pycomp.build import gpu_features, run_cargo, target_dir
from pycomp.diagnostics import InternalError
from pycomp.serve.kinds import ModelFunction, model_functions

SERVER_FILE = "pycomp-server"
"""The executable's name inside the bundle."""

# Crates the server needs beyond the library's own (whose versions it reuses).
SERVER_DEPS: dict[str, Any] = {
    "axum": {"version": "0.8", "default-features": False,
             "features": ["http1", "json", "tokio"]},
    "tokio": {"version": "1", "features": ["rt-multi-thread", "net", "signal", "time",
                                           "macros", "sync"]},
    # The connections: hyper's HTTP/1 with a header timeout, graceful shutdown.
    "hyper": {"version": "1", "features": ["http1", "server"]},
    "hyper-util": {"version": "0.1", "features": ["tokio", "server", "http1",
                                                  "server-graceful"]},
    "tower": {"version": "0.5", "default-features": False, "features": ["util"]},
    "serde_json": {"version": "1", "features": ["preserve_order"]},
    "base64": "0.22",
    "http-body-util": "0.1",
}
SHARED_DEPS = ("ndarray", "indexmap", "foldhash")


def _template() -> Path:
    from pycomp.resources import template

    return template("server", "main.rs")


def _shared_spec(lib_deps: Any, name: str) -> Any:
    """The library crate's requirement on `name`, or the one pycomp's runtime uses."""
    if name in lib_deps:
        return lib_deps[name]
    from pycomp.emit import OPTIONAL_RUNTIME

    for specs in OPTIONAL_RUNTIME.values():
        if name in specs:
            return specs[name]
    raise InternalError(f"no version of {name} known for the native server")


def _rust_literal(value: Any, t: dict[str, Any]) -> str | None:
    """A manifest default as a Rust argument of type `t`, or None if it has none."""
    kind = t.get("kind")
    if kind == "optional":
        if value is None:
            return "None"
        inner = _rust_literal(value, t.get("item", {}))
        return None if inner is None else f"Some({inner})"
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value}_i64"
    if kind == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
        text = repr(float(value))
        return None if text in ("inf", "-inf", "nan") else f"{text}_f64"
    if kind == "bool" and isinstance(value, bool):
        return "true" if value else "false"
    if kind == "str" and isinstance(value, str):
        return json.dumps(value)
    return None


def _call(lib: str, spec: dict[str, Any], f: ModelFunction) -> str | None:
    """The Rust call of `f` through the library's API, or None when a
    parameter's default cannot be written."""
    args = []
    for p in spec.get("params", []):
        if p["name"] == f.param:
            args.append("texts")
        elif p["name"] == f.query:
            args.append("query")
        elif f.dimensions and p["name"] == "dimensions":
            default = _rust_literal(p.get("default"), p["type"])
            if default is None:
                return None
            is_optional = p["type"].get("kind") == "optional"
            args.append(f"dimensions.or({default})" if is_optional
                        else f"dimensions.unwrap_or({default})")
        else:
            literal = _rust_literal(p.get("default"), p["type"])
            if literal is None:
                return None
            args.append(literal)
    convert = {"embedding": "into_rows", "rerank": "into_scores", "classify": "into_labels"}
    return f"{lib}::{spec['name']}({', '.join(args)}).map_err(py_error)?.{convert[f.kind]}()"


# The Rust type of each chat option's request value (`ChatOptions` in the server).
_OPTION_TYPES = {"max_tokens": {"kind": "int"}, "seed": {"kind": "int"},
                 "temperature": {"kind": "float"}, "top_p": {"kind": "float"},
                 "stop": {"kind": "list", "item": {"kind": "str"}}}


def _option_arg(p: dict[str, Any]) -> str | None:
    """A chat option's argument: the request's value, else the parameter's
    default (as `ChatRequest.kwargs` passes it); None when the parameter's
    type is not the option's (or an optional of it) or its default cannot be
    written."""
    name, t = p["name"], p["type"]
    want = _OPTION_TYPES[name]
    field = f"o.{name}.clone()" if name == "stop" else f"o.{name}"
    if t == {"kind": "optional", "item": want}:
        default = _rust_literal(p.get("default"), t) if p.get("default") is not None \
            else "None"
        return None if default is None else f"{field}.or({default})"
    if t == want and name != "stop":
        default = _rust_literal(p.get("default"), t)
        return None if default is None else f"{field}.unwrap_or({default})"
    return None


def _chat_call(lib: str, spec: dict[str, Any], f: ModelFunction) -> str | None:
    """The Rust code running chat function `f`, each piece handed to `emit`;
    None when a parameter cannot be passed from Rust."""
    args = []
    for p in spec.get("params", []):
        if p["name"] == f.param:
            args.append("FromMessages::from_messages(messages)")
        elif p["name"] in f.options:
            arg = _option_arg(p)
            if arg is None:
                return None
            args.append(arg)
        else:
            literal = _rust_literal(p.get("default"), p["type"])
            if literal is None:
                return None
            args.append(literal)
    call = f"{lib}::{spec['name']}({', '.join(args)}).map_err(py_error)?"
    if not f.stream:
        return f"{{\n            emit({call});\n            Ok(())\n        }}"
    return (f"{{\n            for piece in {call} {{\n"
            "                if !emit(piece.map_err(py_error)?) {\n"
            "                    break; // the client went away: the generator is dropped\n"
            "                }\n            }\n            Ok(())\n        }")


def _max_tokens_default(spec: dict[str, Any]) -> str:
    """`Some(default)` of the function's int `max_tokens` parameter, else `None`
    (what `LocalAnswer.finish_reason` compares the answer's length with)."""
    for p in spec.get("params", []):
        d = p.get("default")
        if p["name"] == "max_tokens" and isinstance(d, int) and not isinstance(d, bool):
            return f"Some({d}_i64)"
    return "None"


def models_rs(manifest: dict[str, Any], has_assets: bool) -> str:
    """The generated part of the server: the bundle's models and their calls."""
    lib = manifest["name"]
    specs = {s["name"]: s for s in manifest.get("functions", [])}
    served: list[tuple[ModelFunction, str]] = []
    for f in model_functions(manifest):
        call = (_chat_call if f.kind == "chat" else _call)(lib, specs[f.name], f)
        if call is None:
            print(f"warning: the native server leaves out {f.name}: a parameter's default "
                  "cannot be passed from Rust", file=sys.stderr)
        else:
            served.append((f, call))
    kinds = {"embedding": "Embedding", "rerank": "Rerank", "classify": "Classify",
             "chat": "Chat"}
    table = "".join(
        f"    ModelFn {{ kind: Kind::{kinds[f.kind]}, name: {json.dumps(f.name)}, "
        f"dimensions: {'true' if f.dimensions else 'false'}, "
        f"stream: {'true' if f.stream else 'false'}, "
        f"max_tokens: {_max_tokens_default(specs[f.name]) if f.kind == 'chat' else 'None'} }},\n"
        for f, _ in served)
    names = ", ".join(json.dumps(n) for n in specs)

    def dispatch(kind: str, signature: str, result: str, unused: str) -> str:
        arms = "".join(f"        {json.dumps(f.name)} => {call},\n"
                       for f, call in served if f.kind == kind)
        missing = f'Err(CallError::Shape(format!("no {kind} function {{function}}")))'
        body = f"    match function {{\n{arms}        _ => {missing},\n    }}\n" if arms \
            else f"    {missing}\n"
        return (f"pub fn {signature} -> Result<{result}, CallError> {{\n"
                f"    let _ = {unused if ',' not in unused else f'({unused})'};\n"
                f"{body}}}\n")

    traits = {"embedding": "IntoRows", "rerank": "IntoScores", "classify": "IntoLabels",
              "chat": "FromMessages"}
    imports = ", ".join(sorted({"CallError", "ChatOptions", "Kind", "Message", "ModelFn"}
                               | {traits[f.kind] for f, _ in served}))
    chat_arms = "".join(f"        {json.dumps(f.name)} => {call}\n"
                        for f, call in served if f.kind == "chat")
    missing_chat = 'Err(CallError::Shape(format!("no chat function {function}")))'
    chat_body = (f"    match function {{\n{chat_arms}        _ => {missing_chat},\n    }}\n"
                 if chat_arms else f"    let _ = (messages, o, emit);\n    {missing_chat}\n")
    use_bundle = (f"    {lib}::pcrt::set_bundle_dir(dir);\n" if has_assets
                  else "    let _ = dir; // the bundle has no assets\n")
    return f'''//! Generated by pycomp from the manifest of `{lib}`: the functions the native
//! server offers and how to call them. Do not edit.

use crate::{{{imports}}};

/// Every function of the bundle.
pub const FUNCTIONS: &[&str] = &[{names}];

/// The functions that are models, in manifest order.
pub const MODELS: &[ModelFn] = &[
{table}];

/// Makes the library use the bundle at `dir` (its assets, its ONNX Runtime).
pub fn use_bundle(dir: std::path::PathBuf) {{
{use_bundle}}}

fn py_error(e: {lib}::Error) -> CallError {{
    use {lib}::pcrt::ExcKind;
    let bad_request = [ExcKind::ValueError, ExcKind::TypeError, ExcKind::LookupError]
        .iter()
        .any(|k| k.catches(e.kind));
    CallError::Py {{ bad_request, text: e.to_string() }}
}}

{dispatch("embedding", "embed(function: &str, texts: &[String], dimensions: Option<i64>)",
          "Vec<Vec<f32>>", "texts, dimensions")}
{dispatch("rerank", "rerank(function: &str, query: &str, texts: &[String])", "Vec<f64>",
          "query, texts")}
{dispatch("classify", "classify(function: &str, texts: &[String])",
          "Vec<Vec<(String, f64)>>", "texts")}
/// Runs chat function `function`, handing each piece of its answer to `emit`
/// until the answer ends or `emit` returns false (the generator is then
/// dropped: it stops generating).
pub fn chat(
    function: &str,
    messages: &[Message],
    o: &ChatOptions,
    emit: &mut dyn FnMut(String) -> bool,
) -> Result<(), CallError> {{
{chat_body}}}
'''


def server_crate_dir(lib_crate: Path) -> Path:
    return lib_crate.parent / f"{lib_crate.name}-server"


def write_server_crate(lib_crate: Path, manifest: dict[str, Any]) -> Path:
    lib = manifest["name"]
    lib_toml = tomlkit.parse((lib_crate / "Cargo.toml").read_text())
    lib_deps = lib_toml.get("dependencies", {})
    out = server_crate_dir(lib_crate)
    (out / "src").mkdir(parents=True, exist_ok=True)
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Generated by pycomp: the native server of bundle `{lib}`."))
    pkg = tomlkit.table()
    pkg.update({"name": f"{lib}-server", "version": "0.1.0", "edition": "2024",
                "publish": False})
    doc["package"] = pkg
    deps = tomlkit.table()
    path_dep = tomlkit.inline_table()
    path_dep["path"] = str(lib_crate)
    deps[lib] = path_dep
    shared = {n: _shared_spec(lib_deps, n) for n in SHARED_DEPS}
    # the tokenizer that counts usage only where the bundle's code loads one: another
    # crate in the graph would change how a llama.cpp bundle's build dependencies
    # are built and so build llama.cpp a second time (templates/server/main.rs)
    features = tomlkit.table()
    features["tokenizer"] = []
    if "tokenizers" in lib_deps:
        shared["tokenizers"] = lib_deps["tokenizers"]
        features["default"] = ["tokenizer"]
    for name, spec in {**SERVER_DEPS, **shared}.items():
        if isinstance(spec, dict):
            t = tomlkit.inline_table()
            t.update(spec)
            deps[name] = t
        else:
            deps[name] = spec
    doc["dependencies"] = deps
    doc["features"] = features
    if "profile" in lib_toml:
        doc["profile"] = lib_toml["profile"]
    doc["workspace"] = tomlkit.table()
    (out / "Cargo.toml").write_text(tomlkit.dumps(doc))
    shutil.copy2(_template(), out / "src" / "main.rs")
    has_assets = (lib_crate / "src" / "pcrt" / "assets.rs").exists()
    (out / "src" / "models.rs").write_text(models_rs(manifest, has_assets))
    format_crate_files(out)
    return out


def format_crate_files(crate: Path) -> None:
    subprocess.run(["rustfmt", "--edition", "2024", str(crate / "src" / "models.rs")],
                   capture_output=True, text=True, check=False)


def build_server(source: str | os.PathLike[str], bundle: str | os.PathLike[str],
                 release: bool | None = None, gpu: str | None = None) -> Path:
    """Build the native server of the bundle just built from `source` into
    the bundle as ``pycomp-server``; returns its path. `gpu`: the library's
    llama.cpp GPU backend, as the bundle was built (`pycomp.build.gpu_features`)."""
    from pycomp.driver import crate_dir_for

    if release is None:
        release = os.environ.get("PYCOMP_PROFILE", "release") != "debug"
    bundle_dir = Path(bundle)
    manifest = json.loads((bundle_dir / "manifest.json").read_text())
    lib_crate = crate_dir_for(Path(source))
    crate = write_server_crate(lib_crate, manifest)
    name = f"{manifest['name']}-server"
    gpu_args = gpu_features(lib_crate, gpu)
    if gpu_args:  # the library crate's feature, seen from the server crate
        gpu_args = ["--features", f"{manifest['name']}/{gpu}"]
    run_cargo(crate, ["build", "--bin", name, *gpu_args] + (["--release"] if release else []),
              "build (native server)")
    built = target_dir() / ("release" if release else "debug") / name
    if not built.exists():
        raise InternalError(f"cargo reported success but {built} is missing")
    dest = bundle_dir / SERVER_FILE
    shutil.copy2(built, dest)
    return dest


def run_native(args: argparse.Namespace) -> int:
    """`pycomp serve --native BUNDLE`: exec the bundle's server with the options
    it shares with `pycomp serve`."""
    if len(args.bundles) != 1:
        print("error: pycomp serve --native serves one bundle: give its folder",
              file=sys.stderr)
        return 1
    bundle = Path(args.bundles[0])
    exe = bundle / SERVER_FILE
    if not exe.is_file():
        print(f"error: {bundle} has no native server ({SERVER_FILE}); build it with "
              f"pycomp build SOURCE -o {bundle} --server", file=sys.stderr)
        return 1
    argv = [str(exe), "--bundle", str(bundle.resolve()), "--host", args.host,
            "--port", str(args.port), "--max-body-bytes", str(args.max_body_bytes),
            "--max-inputs", str(args.max_inputs), "--max-input-chars",
            str(args.max_input_chars), "--max-concurrency", str(args.max_concurrency),
            "--timeout", str(args.timeout), "--header-timeout", str(args.header_timeout),
            "--body-timeout", str(args.body_timeout),
            "--batch-window-ms", str(args.batch_window_ms),
            "--batch-max-items", str(args.batch_max_items),
            "--batch-max-tokens", str(args.batch_max_tokens),
            "--batch-workers", str(args.batch_workers),
            "--graceful-timeout", str(args.graceful_timeout)]
    if args.api_key:
        argv += ["--api-key", args.api_key]
    if args.no_access_log:
        argv.append("--no-access-log")
    os.execv(str(exe), argv)
    return 0  # not reached
