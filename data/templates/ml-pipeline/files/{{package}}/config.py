"""Load the pipeline configuration: YAML file → smoke overlay → --set overrides."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Iterable, Optional

import yaml

DEFAULT_CONFIG_PATH = Path("configs") / "pipeline.yaml"


def deep_merge(base: dict, overlay: dict) -> dict:
    """A copy of `base` with `overlay` merged in (nested dicts merge, everything else replaces)."""
    out = copy.deepcopy(base)
    for key, value in (overlay or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def parse_override(text: str) -> dict:
    """'model.params.C=0.5' → {'model': {'params': {'C': 0.5}}}; the value is parsed as YAML."""
    if "=" not in text:
        raise ValueError(f"override must look like key.path=value, got {text!r}")
    dotted, raw = text.split("=", 1)
    value = yaml.safe_load(raw)
    for part in reversed(dotted.strip().split(".")):
        value = {part: value}
    return value


def load_config(path=None, smoke: bool = False, overrides: Optional[Iterable[str]] = None,
                extra: Optional[dict] = None) -> dict:
    path = Path(path) if path else DEFAULT_CONFIG_PATH
    if not path.exists():
        raise FileNotFoundError(f"config not found: {path} (run from the project root or pass --config)")
    cfg = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    smoke_overlay = cfg.pop("smoke", {}) or {}
    if smoke:
        cfg = deep_merge(cfg, smoke_overlay)
    cfg["mode"] = "smoke" if smoke else "full"
    for text in overrides or []:
        cfg = deep_merge(cfg, parse_override(text))
    if extra:
        cfg = deep_merge(cfg, extra)
    return cfg


def get(cfg: dict, dotted: str, default=None):
    node = cfg
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node
