"""How the app ends: a signal becomes a clean exit (so the notes on screen are saved and the progress
file closed), and a crash becomes a log file, one line on the terminal and a non-zero exit status."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

# SIGTERM: `kill`, a shutdown, a service manager. SIGHUP: the terminal or the SSH connection went away.
# SIGINT: ctrl+c where the terminal sends it as a signal (in the app's raw mode it is a key instead).
QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))
# After a quit signal the process ends within this many seconds, even if the clean exit hangs.
GRACE_SECONDS = 5.0


class QuitOnSignals:
    """While installed, each quit signal asks the app to exit the ordinary way, as ctrl+q does: the
    screens unmount (the notes editor saves what it shows) and the app closes the progress store.

    Before asking, `save` writes what the screens hold (notes typed in the last 0.4 s), in case the
    exit never gets as far as unmounting them. After a hang-up the terminal is gone and every write to
    it fails (Textual's output thread dies of it and the exit then blocks on its full queue): the
    output goes to /dev/null instead. Whatever else happens, the process ends within GRACE_SECONDS.
    The exit status is 128 + the signal's number, as a shell reports a process its signal ended; a
    second signal of the same kind is not caught and acts at once.
    """

    def __init__(self, app: App[None], save: Callable[[], None]) -> None:
        self.app = app
        self.save = save
        self._loop: asyncio.AbstractEventLoop | None = None
        self._caught: list[int] = []

    def install(self) -> None:
        """Catch the quit signals in the app's event loop (the main thread's; elsewhere, nothing is caught)."""
        if threading.current_thread() is not threading.main_thread():
            return
        self._loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS:
            try:
                self._loop.add_signal_handler(number, self._quit, int(number))
            except (NotImplementedError, RuntimeError, ValueError):  # no signal handlers in this loop (Windows)
                continue
            self._caught.append(int(number))

    def _quit(self, number: int) -> None:
        self._release(number)
        if number == getattr(signal, "SIGHUP", None) and not _terminal_alive():
            _output_to_devnull()
        _exit_later(128 + number, GRACE_SECONDS)
        try:
            self.save()
        finally:
            self.app.exit(return_code=128 + number)

    def _release(self, number: int) -> None:
        if self._loop is not None and number in self._caught:
            self._caught.remove(number)
            self._loop.remove_signal_handler(number)  # back to the default action

    def remove(self) -> None:
        """Give the signals their default actions back (the app has quit)."""
        for number in list(self._caught):
            self._release(number)


def _terminal_alive() -> bool:
    """False once the terminal has hung up (its attributes can no longer be read)."""
    import termios

    try:
        termios.tcgetattr(sys.__stdout__.fileno() if sys.__stdout__ is not None else -1)
    except (termios.error, OSError, ValueError):
        return False
    return True


def _output_to_devnull() -> None:
    """Point stdout and stderr at /dev/null, so writing to a terminal that went away cannot fail."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.__stdout__, sys.__stderr__):
            if stream is not None:
                os.dup2(null, stream.fileno())
    finally:
        os.close(null)


def _exit_later(status: int, seconds: float) -> None:
    """End the process after `seconds` if it is still running (a daemon thread: a normal exit is not held up)."""

    def wait_then_exit() -> None:
        time.sleep(seconds)
        os._exit(status)

    threading.Thread(target=wait_then_exit, name="quit-deadline", daemon=True).start()


def exit_status(app: App[None]) -> int:
    """The process's exit status once `app.run()` has returned.

    An app that crashed (Textual kept the exception that ended it and printed its own traceback) has
    the traceback written to a private log in the data directory and one line printed after Textual's
    output, naming the log: the last thing on the terminal says what happened and where to look. Exit
    status 70 then; otherwise the app's own return code (0, or 128 + a quit signal's number).
    """
    error = app._exception  # Textual 8.2's record of the unhandled exception that ended the app
    if error is not None:
        from tutor.cli.crash import report_crash

        return report_crash(error)
    return app.return_code or 0
