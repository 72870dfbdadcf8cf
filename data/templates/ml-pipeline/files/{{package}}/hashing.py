"""Content hashes: the same content gives the same hash, in any process, on any day.

Caching and reproducibility both rest on these. A DataFrame is hashed by its values, column
names and dtypes (not by the object's identity); a dict by its canonical JSON; a fitted model
by its pickle bytes without back-references (deterministic for a given library version, which is
why the run manifest records library versions).
"""
from __future__ import annotations

import hashlib
import inspect
import io
import json
import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(obj) -> str:
    """JSON with sorted keys and no whitespace variation, for hashing parameters."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), default=_json_default)


def _json_default(obj):
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return float(obj)
    if isinstance(obj, (np.ndarray,)):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def stable_pickle(obj) -> bytes:
    """Pickle bytes that depend on content only.

    A normal pickle writes an object once and then back-references it, so two equal models can
    pickle differently when one shares a string with, say, its config and the other holds a
    copy. The "fast" pickler mode turns that memo off, so equal content gives equal bytes.
    """
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=4)
    pickler.fast = True
    pickler.dump(obj)
    return buf.getvalue()


def content_hash(obj) -> str:
    h = hashlib.sha256()
    if isinstance(obj, pd.DataFrame):
        h.update(b"dataframe")
        h.update(canonical_json([list(map(str, obj.columns)), [str(t) for t in obj.dtypes]]).encode())
        h.update(pd.util.hash_pandas_object(obj, index=True).values.tobytes())
    elif isinstance(obj, pd.Series):
        h.update(b"series" + str(obj.name).encode() + str(obj.dtype).encode())
        h.update(pd.util.hash_pandas_object(obj, index=True).values.tobytes())
    elif isinstance(obj, np.ndarray):
        h.update(b"ndarray" + str(obj.dtype).encode() + str(obj.shape).encode())
        h.update(np.ascontiguousarray(obj).tobytes())
    elif isinstance(obj, (dict, list, tuple, str, int, float, bool)) or obj is None:
        try:
            h.update(b"json" + canonical_json(obj).encode())
        except TypeError:
            h.update(b"pickle" + stable_pickle(obj))
    else:
        h.update(b"pickle" + stable_pickle(obj))
    return h.hexdigest()


def file_hash(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def source_hash(fn) -> str:
    """Hash of a function's source code: editing a step invalidates its cache automatically."""
    try:
        src = inspect.getsource(fn)
    except (OSError, TypeError):  # e.g. defined in an interactive session
        src = getattr(fn, "__qualname__", repr(fn))
    return sha256_bytes(src.encode())[:12]


def _in_package(obj, package: str) -> bool:
    module = getattr(obj, "__module__", None) or getattr(obj, "__name__", "")
    return isinstance(module, str) and (module == package or module.startswith(package + "."))


def _code_names(code) -> set:
    """Global and attribute names a code object uses, nested functions and lambdas included."""
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _code_names(const)
    return names


def _referenced(obj, package: str, out: dict) -> None:
    """Collect, by qualified name, the source of `obj` and of every package function, class or
    constant it refers to, transitively."""
    if inspect.ismodule(obj):
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            _referenced(item, package, out)
        return
    if isinstance(obj, dict):
        for item in obj.values():
            _referenced(item, package, out)
        return
    obj = inspect.unwrap(obj) if callable(obj) else obj
    if not (inspect.isfunction(obj) or inspect.isclass(obj)) or not _in_package(obj, package):
        return
    key = f"{obj.__module__}.{obj.__qualname__}"
    if key in out:
        return
    try:
        out[key] = inspect.getsource(obj)
    except (OSError, TypeError):
        out[key] = repr(obj)
    if inspect.isclass(obj):
        members = [m for m in vars(obj).values() if inspect.isfunction(m)]
        for member in members:
            _follow_names(member, package, out)
        return
    _follow_names(obj, package, out)


def _plain_data(value) -> bool:
    if isinstance(value, (str, int, float, bool, bytes)) or value is None:
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_plain_data(v) for v in value)
    if isinstance(value, dict):
        return all(_plain_data(k) and _plain_data(v) for k, v in value.items())
    return False


def _follow_names(fn, package: str, out: dict) -> None:
    """Everything `fn` names: in its module's globals, or as an attribute of a package module it imported."""
    scopes = [(fn.__module__, fn.__globals__)]
    scopes += [(m.__name__, vars(m)) for m in _package_modules_in(fn.__globals__, package)]
    for name in sorted(_code_names(fn.__code__)):
        for module_name, scope in scopes:
            if name not in scope:
                continue
            value = scope[name]
            if _plain_data(value):  # a module-level constant such as CONTRACTS = [...]
                out.setdefault(f"{module_name}.{name}", repr(value))
            else:
                _referenced(value, package, out)


def _package_modules_in(namespace: dict, package: str) -> list:
    """Modules of the package imported into a namespace (`from . import steps` → steps.x lookups)."""
    return [v for v in namespace.values() if inspect.ismodule(v) and _in_package(v, package)]


def package_code_hash(fn) -> str:
    """Hash of the code a step calls inside its own package.

    Hashing only the step function misses everything it calls: a check added to
    `validation_checks`, a change to `build_pipeline`, `score` or `add_derived_features`. So the
    hash covers the source of the step function and, transitively, of every function, class and
    constant of the same package that it refers to (validate → validation_checks → _check ...).
    Code outside the package (sklearn, pandas) is covered by the library versions in the manifest;
    data files a step reads are covered by their content hash in its parameters.
    """
    fn = inspect.unwrap(fn)
    module_name = getattr(fn, "__module__", None) or ""
    package = module_name.split(".")[0]
    if not package or module_name == "__main__" or not inspect.isfunction(fn):
        return source_hash(fn)
    sources: dict = {}
    _referenced(fn, package, sources)
    return sha256_bytes(canonical_json(sources).encode())[:12]
