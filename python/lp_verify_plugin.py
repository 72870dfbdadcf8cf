"""Learning Paths' pytest plugin: where each test failed and, for comparisons, the two values.

Loaded by the extension's Verify with ``-p lp_verify_plugin --lp-json=<file>`` (the folder of this
file on PYTHONPATH). It changes nothing in how pytest runs or reports; at the end of the session it
writes one JSON file (atomically: a temporary file, then a rename) next to the JUnit report:

  {"version": 1, "tests": [{"nodeid", "outcome", "when", "duration", "message",
                            "compare": {"op", "actual", "expected"} | null,
                            "chain": [{"type", "message", "frames": [{"path", "line"}]}]}]}

``chain`` runs from the first cause to the exception that ended the test; frames run from the
outermost call to the deepest. Every string and list is capped, so the file stays small.
Standard library and pytest only.
"""
import json
import os

MAX_TEXT = 4000
MAX_REPR = 2000
MAX_FRAMES = 40
MAX_CHAIN = 5
MAX_TESTS = 2000

# numpy.testing and torch.testing helpers whose frames hold the two values compared.
_CLOSE_FUNCS = {
    "assert_allclose": ("actual", "desired"),
    "assert_array_almost_equal": ("x", "y"),
    "assert_almost_equal": ("actual", "desired"),
    "assert_array_equal": ("x", "y"),
    "assert_equal": ("actual", "desired"),
    "assert_close": ("actual", "expected"),
}


def _cap(text, limit):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _repr(value):
    try:
        return _cap(repr(value), MAX_REPR)
    except Exception as err:  # a broken __repr__ must not break the run
        return "<repr failed: %s>" % type(err).__name__


def pytest_addoption(parser):
    parser.addoption("--lp-json", action="store", default=None, help="Learning Paths: write failure locations here (JSON)")


class _Recorder:
    def __init__(self, path, rootdir):
        self.path = path
        self.rootdir = rootdir
        self.current = None
        self.compare = {}
        self.tests = {}
        self.order = []

    def entry(self, nodeid):
        test = self.tests.get(nodeid)
        if test is None:
            if len(self.order) >= MAX_TESTS:
                return None
            test = {"nodeid": nodeid, "outcome": "passed", "when": "call", "duration": 0.0, "message": "", "compare": None, "chain": []}
            self.tests[nodeid] = test
            self.order.append(nodeid)
        return test

    def frames(self, tb):
        """The frames in the project folder (pytest's own and installed packages' left out)."""
        out = []
        while tb is not None:
            path = tb.tb_frame.f_code.co_filename
            if _inside(path, self.rootdir):
                out.append({"path": _cap(path, 1000), "line": tb.tb_lineno})
            tb = tb.tb_next
        return out[-MAX_FRAMES:]

    def chain(self, exc):
        chain = []
        seen = set()
        while exc is not None and id(exc) not in seen and len(chain) < MAX_CHAIN:
            seen.add(id(exc))
            chain.append({"type": type(exc).__name__, "message": _cap(_message(exc), MAX_TEXT), "frames": self.frames(exc.__traceback__)})
            exc = exc.__cause__ if exc.__cause__ is not None else (None if exc.__suppress_context__ else exc.__context__)
        chain.reverse()
        return chain

    @staticmethod
    def close_values(exc):
        tb = exc.__traceback__
        found = None
        while tb is not None:
            frame = tb.tb_frame
            names = _CLOSE_FUNCS.get(frame.f_code.co_name)
            module = frame.f_globals.get("__name__", "")
            if names and (module.startswith("numpy") or module.startswith("torch")):
                local = frame.f_locals
                if names[0] in local and names[1] in local:
                    found = {"op": frame.f_code.co_name, "actual": _repr(local[names[0]]), "expected": _repr(local[names[1]])}
                    break
            tb = tb.tb_next
        return found


def _inside(path, folder):
    if not os.path.isabs(path):
        return False
    rel = os.path.relpath(path, folder)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return False
    parts = rel.split(os.sep)
    return not any(p in ("site-packages", "dist-packages", ".venv", "venv", "node_modules") for p in parts)


def _message(exc):
    try:
        text = str(exc)
    except Exception:
        text = ""
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__


_recorder = None


def pytest_configure(config):
    global _recorder
    path = config.getoption("--lp-json")
    if path:
        _recorder = _Recorder(os.path.abspath(path), str(config.invocation_params.dir))


def pytest_runtest_setup(item):
    if _recorder is not None:
        _recorder.current = item.nodeid


def pytest_runtest_teardown(item):
    if _recorder is not None:
        _recorder.current = item.nodeid


def pytest_assertrepr_compare(config, op, left, right):
    if _recorder is None or _recorder.current is None:
        return None
    expected = right
    try:
        from _pytest.python_api import ApproxBase

        if isinstance(left, ApproxBase) and not isinstance(right, ApproxBase):
            left, right = right, left
        if isinstance(right, ApproxBase):
            expected = right.expected
    except Exception:
        pass
    _recorder.compare.setdefault(_recorder.current, {"op": op, "actual": _repr(left), "expected": _repr(expected)})
    return None  # pytest's own explanation stays


def pytest_exception_interact(node, call, report):
    if _recorder is None or call.excinfo is None:
        return
    test = _recorder.entry(node.nodeid)
    if test is None:
        return
    exc = call.excinfo.value
    test["chain"] = _recorder.chain(exc)
    test["message"] = _cap(_message(exc), MAX_TEXT)
    compare = _recorder.compare.get(node.nodeid) if call.when == "call" else None
    test["compare"] = compare or _recorder.close_values(exc)


def pytest_runtest_logreport(report):
    if _recorder is None:
        return
    test = _recorder.entry(report.nodeid)
    if test is None:
        return
    test["duration"] += report.duration or 0.0
    if report.skipped and test["outcome"] == "passed":
        test["outcome"] = "skipped"
        test["when"] = report.when
        longrepr = report.longrepr
        if isinstance(longrepr, tuple) and len(longrepr) == 3:
            test["message"] = _cap(longrepr[2], MAX_TEXT)
    elif report.failed:
        outcome = "failed" if report.when == "call" else "errored"
        if test["outcome"] != "failed":
            test["outcome"] = outcome
            test["when"] = report.when


def pytest_collectreport(report):
    if _recorder is None or not report.failed:
        return
    test = _recorder.entry(report.nodeid)
    if test is None:
        return
    test["outcome"] = "errored"
    test["when"] = "collect"
    if not test["message"]:
        test["message"] = _cap(str(report.longrepr), MAX_TEXT)


def pytest_sessionfinish(session):
    if _recorder is None:
        return
    data = {"version": 1, "rootdir": _recorder.rootdir, "tests": [_recorder.tests[n] for n in _recorder.order]}
    tmp = "%s.%d.tmp" % (_recorder.path, os.getpid())
    try:
        os.makedirs(os.path.dirname(_recorder.path), exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, _recorder.path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
