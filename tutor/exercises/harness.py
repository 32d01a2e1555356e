"""The child side of the sandbox: `python -I harness.py FD CODE [--preload-numpy]` in a fresh temp dir.

Stdlib only (NumPy when preloaded or asked for). It reads its plan as one JSON line on stdin,
turns the network off, refuses signals to other processes and forbidden imports, loads the
learner's file, calls each check's function and writes one JSON line per check to the pipe FD,
so the checks that finished survive a later crash. The parent only ever json.loads these lines.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType, TracebackType
from typing import Any, TextIO

OUTPUT_CAP = 2000  # characters of printed output kept per check
PRETTY = {"sklearn": "scikit-learn", "numpy": "NumPy", "scipy": "SciPy", "torch": "PyTorch"}
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


class _Stop(BaseException):
    """Raised by a capped writer when the learner's code prints far too much."""


class CappedWriter:
    """A stdout/stderr that keeps the first OUTPUT_CAP characters and stops the run past a hard limit."""

    def __init__(self, emit: Any, limit: int) -> None:
        self.emit, self.limit, self.total, self.parts = emit, limit, 0, [""]

    def write(self, text: str) -> int:
        """Keep up to the cap; past the limit, report and end the process."""
        self.total += len(text)
        if self.total > self.limit:
            self.emit({"event": "problem", "problem": "output"})
            os._exit(3)
        if len(self.parts[-1]) < OUTPUT_CAP:
            self.parts[-1] = (self.parts[-1] + text)[: OUTPUT_CAP + 1]
        return len(text)

    def flush(self) -> None:
        """Nothing to flush: the text is kept in memory."""

    def isatty(self) -> bool:
        """Not a terminal."""
        return False

    def take(self) -> str:
        """The text since the last take, marked when cut."""
        text = self.parts[-1]
        self.parts.append("")
        return text if len(text) <= OUTPUT_CAP else text[:OUTPUT_CAP] + "\n… (output cut)"


class ImportBlocker(MetaPathFinder):
    """Refuses the exercise's forbidden packages with a message that says what to do instead."""

    def __init__(self, forbidden: Sequence[str]) -> None:
        self.forbidden = set(forbidden)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """Raise for a forbidden top-level package; let everything else through."""
        top = fullname.partition(".")[0]
        if top in self.forbidden:
            name = PRETTY.get(top, top)
            instead = "plain Python" if top == "numpy" else "plain Python/NumPy"
            raise ImportError(f"{name} is not allowed in this exercise: write it with {instead}")
        return None


def _isolate_network() -> str:
    """No network: a new network namespace where the kernel allows it, and socket creation refused always."""
    how = "sockets refused"
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        for flags in (_CLONE_NEWUSER | _CLONE_NEWNET, _CLONE_NEWNET):
            if libc.unshare(flags) == 0:
                how = "own network namespace; sockets refused"
                break
    except (OSError, AttributeError):
        pass
    import _socket
    import socket

    def refuse(*args: object, **kwargs: object) -> Any:
        raise OSError("the exercise sandbox has no network")

    for module in (socket, _socket):
        for name in ("socket", "create_connection", "create_server", "socketpair", "fromfd"):
            if hasattr(module, name):
                setattr(module, name, refuse)
    return how


def _no_signals() -> None:
    """The learner's code may not signal other processes (the app that started it, for one)."""
    import signal

    def refuse(*args: object, **kwargs: object) -> Any:
        raise PermissionError("the exercise sandbox does not let your code send signals")

    for name in ("kill", "killpg"):
        setattr(os, name, refuse)
    signal.pthread_kill = refuse


def error_line(error: BaseException, code_path: str) -> str:
    """`line 3: ZeroDivisionError: division by zero`: the last line of the learner's code in the traceback."""
    if isinstance(error, SyntaxError) and error.filename == code_path:
        return f"SyntaxError on line {error.lineno}: {error.msg}"
    last = "".join(traceback.format_exception_only(type(error), error)).strip().splitlines()
    message = last[-1] if last else type(error).__name__
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == code_path]
    return f"line {lines[-1]}: {message}" if lines else message


def _learner_line(tb: TracebackType | None, code_path: str) -> int | None:
    """The last line of the learner's file in a traceback, walked without allocating much."""
    lineno = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == code_path:
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def plain(value: Any, depth: int = 0) -> Any:
    """A returned value as plain JSON data (NumPy values included); TypeError for anything else."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if depth > 20:
        raise TypeError("a value nested too deeply")
    if isinstance(value, list | tuple):
        return [plain(item, depth + 1) for item in value]
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray):
        return plain(value.tolist(), depth + 1)
    if numpy is not None and isinstance(value, numpy.generic):
        return plain(value.item(), depth + 1)
    raise TypeError(f"a {type(value).__name__}, not a number, string or list")


def _arguments(call: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """The call's arguments; lists become NumPy arrays in NumPy checks."""
    args, kwargs = list(call["args"]), dict(call["kwargs"])
    if call.get("as_numpy"):
        import numpy

        args = [numpy.asarray(a) if isinstance(a, list) else a for a in args]
        kwargs = {k: numpy.asarray(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    return args, kwargs


def _run_check(index: int, call: dict[str, Any], namespace: dict[str, Any], code_path: str) -> dict[str, Any]:
    """Call one function and describe the outcome as a JSON-ready dict."""
    line: dict[str, Any] = {"event": "check", "index": index, "ok": False, "value": None, "type": "", "error": None}
    function = namespace.get(call["call"])
    if not callable(function):
        line["error"] = f"{call['call']} is not defined in your code"
        return line
    try:
        args, kwargs = _arguments(call)
        value = function(*args, **kwargs)
    except SystemExit:
        line["error"] = "your code called sys.exit"
        return line
    except MemoryError as error:
        # Memory is full until the learner's frames go: take the line number, then let go of them.
        lineno = _learner_line(error.__traceback__, code_path)
        error.__traceback__ = None
        line["error"] = "MemoryError" if lineno is None else f"line {lineno}: MemoryError"
        return line
    except BaseException as error:  # the learner's exception is the result, whatever it is
        line["error"] = error_line(error, code_path)
        return line
    line["type"] = type(value).__name__
    try:
        line["value"], line["ok"] = plain(value), True
    except TypeError as error:
        line["error"] = f"returned {error}: {repr(value)[:80]}"
    return line


def main(argv: Sequence[str]) -> int:
    """Run the plan against the learner's file; one JSON line per event on the results pipe."""
    results: TextIO = os.fdopen(int(argv[0]), "w", encoding="utf-8")

    harness_pid = os.getpid()

    def emit(event: dict[str, Any]) -> None:
        if os.getpid() != harness_pid:
            os._exit(0)  # a child the learner's code forked must not answer checks in the harness's name
        # NaN and infinity are written as JSON's NaN/Infinity tokens, which json.loads reads back.
        results.write(json.dumps(event, allow_nan=True) + "\n")
        results.flush()

    code_path = argv[1]
    if "--preload-numpy" in argv[2:]:
        import numpy  # noqa: F401  # started ahead of time: the import is paid while nobody waits
    line = sys.stdin.readline()  # the parent writes the code file before the plan
    if not line:
        return 0  # a spare whose parent went away: nothing to run
    plan = json.loads(line)
    network = _isolate_network()
    _no_signals()
    for name in [m for m in sys.modules if m.partition(".")[0] in plan["forbidden"]]:
        del sys.modules[name]  # preloaded but forbidden: the next import goes through the blocker
    sys.meta_path.insert(0, ImportBlocker(plan["forbidden"]))
    reserve = bytearray(1 << 20)  # freed on MemoryError so reporting it needs no new memory
    writer = CappedWriter(emit, int(plan["output_limit"]))
    sys.stdout = sys.stderr = writer
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": code_path, "__builtins__": __builtins__}
    loaded: dict[str, Any] = {"event": "loaded", "error": None, "network": network}
    try:
        with open(code_path, encoding="utf-8") as handle:
            source = handle.read()
        exec(compile(source, code_path, "exec"), namespace)
    except SystemExit:
        loaded["error"] = "your code called sys.exit"
    except BaseException as error:  # any failure while loading is reported, never raised
        del reserve
        reserve = bytearray(0)
        loaded["error"] = error_line(error, code_path)
    loaded["output"] = writer.take()
    emit(loaded)
    if loaded["error"] is None:
        for index, call in enumerate(plan["calls"]):
            try:
                line = _run_check(index, call, namespace, code_path)
            except MemoryError:
                del reserve
                reserve = bytearray(0)
                line = {"event": "check", "index": index, "ok": False, "error": "MemoryError", "value": None}
            line["output"] = writer.take()
            emit(line)
    emit({"event": "done"})
    return 0


if __name__ == "__main__":
    status = main(sys.argv[1:])
    # Straight out: threads and atexit handlers the learner's code left behind must not hold the run open.
    os._exit(status)
