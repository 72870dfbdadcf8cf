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
