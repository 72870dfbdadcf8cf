import sys
from pathlib import Path

import pytest

from {{package}}.config import load_config

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONFIG_PATH = PROJECT_ROOT / "configs" / "pipeline.yaml"


def quiet(*args, **kwargs):
    pass


# In-process runs skip drawing PNGs (about a second each run); the command-line runs in
# test_pipeline_smoke.py and test_drift.py draw them and check them.
NO_PLOTS = {"report": {"plots": False}}


@pytest.fixture
def smoke_cfg():
    """A fresh smoke config (tests may change it)."""
    return load_config(CONFIG_PATH, smoke=True, extra=NO_PLOTS)


@pytest.fixture
def make_cfg():
    def make(*overrides, extra=None):
        return load_config(CONFIG_PATH, smoke=True, overrides=list(overrides), extra={**NO_PLOTS, **(extra or {})})
    return make


@pytest.fixture
def python():
    return sys.executable
