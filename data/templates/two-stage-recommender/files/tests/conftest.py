"""Shared fixtures: one smoke run of the whole pipeline, reused by the end-to-end tests."""
import json

import pytest

from {{package}} import run
from {{package}}.config import Config
from {{package}}.data import generate


@pytest.fixture(scope="session")
def smoke_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("smoke") / "outputs"
    run.main(["--smoke", "--quiet", "--output-dir", str(out)])
    return json.loads((out / "metrics.json").read_text()), out


@pytest.fixture(scope="session")
def smoke_cfg():
    return Config.smoke()


@pytest.fixture(scope="session")
def dataset(smoke_cfg):
    return generate(smoke_cfg)
