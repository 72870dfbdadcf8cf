import os
import subprocess
import sys

import pytest

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def run_module(tmp_path):
    """Run ``python -m <package>.train ...`` in a fresh process with cwd = tmp_path."""

    def _run(*args, env_extra=None, timeout=120):
        env = dict(os.environ)
        env["PYTHONPATH"] = PROJECT_ROOT + os.pathsep + env.get("PYTHONPATH", "")
        for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT",
                    "TORCHELASTIC_RUN_ID", "DDP_LAUNCHER"):
            env.pop(key, None)
        env.update(env_extra or {})
        return subprocess.run([sys.executable, "-m", "{{package}}.train", *args], cwd=str(tmp_path), env=env,
                              capture_output=True, text=True, timeout=timeout)

    return _run
