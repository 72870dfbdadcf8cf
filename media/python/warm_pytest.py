"""Learning Paths: a warm pytest process for one project (issue 20, warm runs).

Started by the extension (src/core/verify/warmRunner.ts) with the project folder as its working
directory. It imports the heavy modules once (pytest, numpy, torch and the few named on the command
line: whatever is importable), then forks a fresh child for every run. The child puts the project
folder first on sys.path (as `python -m pytest` does), runs `pytest.main(args)` and exits; so the
learner's own modules are imported in the child, fresh, and never in this process.

Protocol (stdlib only, no network): one JSON object per line.
  stdin  <- {"type": "run", "id": N, "args": [...], "env": {...}}    one run at a time
  stdout -> {"type": "ready", "pid": P, "preloaded": [...], "pytest": bool}
            {"type": "started", "id": N, "pid": C}                 C leads its own process group
            {"type": "output", "id": N, "data": "..."}             the child's stdout and stderr
            {"type": "exit", "id": N, "code": X, "signal": S, "rssKb": K}
            {"type": "error", "message": "..."}
The extension ends a run (cancel, timeout) by signalling the child's process group. This process
exits when its stdin closes (the window ended) and when a child cannot be forked.
"""

import json
import os
import select
import signal
import sys

PROTO = os.dup(1)
# Anything printed by an import (a warning) goes to stderr, never into the protocol.
os.dup2(2, 1)

CHUNK = 65536
MAX_LINE = 1 << 20


def send(obj):
    data = (json.dumps(obj, ensure_ascii=True) + "\n").encode("ascii")
    view = memoryview(data)
    while view:
        n = os.write(PROTO, view)
        view = view[n:]


def rss_kb():
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak
    except Exception:  # noqa: BLE001 - best effort
        return 0


def preload(names):
    done = []
    for name in names:
        try:
            __import__(name)
            done.append(name)
        except BaseException:  # noqa: BLE001 - import what is importable
            pass
    return done


def child(args, env, w):
    """In the forked child: never returns."""
    code = 3
    try:
        os.setpgid(0, 0)
        os.close(PROTO)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(w, 1)
        os.dup2(w, 2)
        os.close(w)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.environ.update(env)
        # As `python -m pytest`: the project folder first on sys.path, never this script's folder.
        sys.path[0] = os.getcwd()
        # The fork copied the parent's random state: every run draws fresh, as a cold run does.
        import random

        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        if "torch" in sys.modules:
            torch = sys.modules["torch"]
            torch.set_num_threads(1)
            torch.seed()
        import pytest

        sys.argv = [os.path.join(os.path.dirname(pytest.__file__), "__main__.py")] + list(args)
        code = int(pytest.main(list(args)))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except BaseException:  # noqa: BLE001 - report, then exit like a crashed pytest
        import traceback

        traceback.print_exc()
        code = 3
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(code)


def run(req, stdin_fd):
    """Forks one child for the request and relays its output until it ends. False: stdin closed."""
    rid = req.get("id")
    args = req.get("args")
    env = req.get("env") or {}
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args) or not isinstance(env, dict):
        send({"type": "error", "message": "bad run request"})
        return True
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        child(args, {str(k): str(v) for k, v in env.items()}, w)
    os.close(w)
    try:
        os.setpgid(pid, pid)  # also in the child: whichever runs first, the group exists before "started"
    except OSError:
        pass
    send({"type": "started", "id": rid, "pid": pid})
    status = None
    alive = True
    fds = [r, stdin_fd]
    while True:
        ready, _, _ = select.select(fds, [], [], 0.05)
        if r in ready:
            data = os.read(r, CHUNK)
            if data:
                send({"type": "output", "id": rid, "data": data.decode("utf-8", "replace")})
            else:
                fds.remove(r)
        if stdin_fd in ready:
            # Nothing may arrive during a run but the end of stdin: the window ended.
            if not os.read(stdin_fd, CHUNK):
                alive = False
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
                fds.remove(stdin_fd)
        if status is None:
            # At the end of the output the child is ending: wait for it; else just look.
            done, st = os.waitpid(pid, 0 if r not in fds else os.WNOHANG)
            if done:
                status = st
        if status is not None and r not in fds:
            break
        if status is not None and not ready:
            # The child ended, but a grandchild still holds the pipe: stop relaying.
            break
    os.close(r)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    send({"type": "exit", "id": rid, "code": code, "signal": sig, "rssKb": rss_kb()})
    return alive


def main():
    preloaded = preload(["pytest"] + [n for n in sys.argv[1:] if n.replace("_", "").replace(".", "").isalnum()])
    try:
        # inspect maps every loaded module to its file once per process (pytest does it to show a
        # failure's source): done here, a child pays only for the modules it imports itself.
        import inspect

        inspect.getmodule(compile("", __file__, "exec"), __file__)
    except Exception:  # noqa: BLE001 - only a speed-up
        pass
    send({"type": "ready", "pid": os.getpid(), "preloaded": preloaded, "pytest": "pytest" in preloaded})
    stdin_fd = sys.stdin.fileno()
    buf = b""
    while True:
        data = os.read(stdin_fd, CHUNK)
        if not data:
            return
        buf += data
        if len(buf) > MAX_LINE and b"\n" not in buf:
            send({"type": "error", "message": "request line too long"})
            return
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            if not line.strip():
                continue
            try:
                req = json.loads(line.decode("utf-8"))
            except ValueError:
                send({"type": "error", "message": "bad request line"})
                continue
            if isinstance(req, dict) and req.get("type") == "run":
                if not run(req, stdin_fd):
                    return
            else:
                send({"type": "error", "message": "unknown request"})


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
