"""App benchmark: start-to-first-paint vs a bare Textual app (as launched, in a pseudo-terminal, and
the app class alone), Enter-to-plot per topic, event-loop stalls.

Prints tables; asserts nothing (the machines are shared and noisy: targets are read, not tested).
Targets: first paint <= 1.3x the bare app; Enter-to-plot <= 100 ms for every topic but validation;
no event-loop stall over 50 ms during a validation run.
"""

from __future__ import annotations

import asyncio
import compileall
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STARTS = 15  # starts per app; the machines are noisy, so more than the 5 asked for

# First paint = the first frame composed for the terminal: Textual's App._display is handed its
# first screen update (headless, that is where the bytes would be written).
FIRST_FRAME_HOOK = """
import sys, time
import importlib.abc, importlib.util
_first_frame = []
def _patch(app_class):
    display = app_class._display
    def _timed_display(self, screen, renderable):
        if renderable is not None and not _first_frame:
            _first_frame.append(time.time())
            _first_frame.append(time.process_time())  # CPU time: steadier than wall time on a shared machine
            if EXIT_AT_FIRST_FRAME:
                print(_first_frame[0], _first_frame[1], _first_frame[0], flush=True)
                if EXIT_AT_FIRST_FRAME == "now":  # count nothing after the frame (instruction counts)
                    import os
                    os._exit(0)
                self.exit()
        return display(self, screen, renderable)
    app_class._display = _timed_display
class _WhenTextualAppLoads(importlib.abc.MetaPathFinder):
    # Patch textual.app when the program imports it, not before: importing it here would load
    # Textual ahead of the CLI's own start-up steps (it pauses garbage collection first).
    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            _patch(module.App)
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, _WhenTextualAppLoads())
"""

# 1. As launched: `mlprep-tui` is tutor.cli.entry.main([]); Textual's headless driver is chosen by
#    TEXTUAL_DRIVER and sized by COLUMNS/LINES, so nothing in the launch path is bypassed.
LAUNCH_BARE = (
    "EXIT_AT_FIRST_FRAME = True"
    + FIRST_FRAME_HOOK
    + """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()
Bare().run()
"""
)
LAUNCH_TUTOR = (
    "EXIT_AT_FIRST_FRAME = True"
    + FIRST_FRAME_HOOK
    + """
from tutor.cli.entry import main
main([])
"""
)
LAUNCH_ENV = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "COLUMNS": "120",
    "LINES": "40",
}

# 3. The app classes alone (no CLI), headless at 120x40, printing first paint and "settled":
#    the first idle moment after mounting (call_after_refresh from on_mount), which also waits
#    for what the first frames set off.
BARE_APP = (
    "EXIT_AT_FIRST_FRAME = False"
    + FIRST_FRAME_HOOK
    + """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.painted)
    def painted(self):
        print(_first_frame[0], _first_frame[1], time.time()); self.exit()
Bare().run(headless=True, size=(120, 40))
"""
)

TUTOR_APP = (
    "EXIT_AT_FIRST_FRAME = False"
    + FIRST_FRAME_HOOK
    + """
from screens.app import MLPrepApp, make_app
class Timed(MLPrepApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.painted)
    def painted(self):
        print(_first_frame[0], _first_frame[1], time.time()); self.exit()
make_app(app_class=Timed).run(headless=True, size=(120, 40))
"""
)


_HOME: list[str] = []


def learner_home() -> str:
    """A progress directory made for this run: the store exists, the welcome has been seen, no topic
    visited yet, so every start opens at topic 1 as a returning learner's does (a first-ever launch
    also creates the store, ~6 ms more, and shows the welcome over the topic screen)."""
    if not _HOME:
        from tutor.learning.store.flags import WELCOME, mark_seen
        from tutor.learning.store.progress import open_store

        _HOME.append(tempfile.mkdtemp(prefix="mlprep-bench-"))
        with open_store(Path(_HOME[0])) as store:
            mark_seen(store, WELCOME)
    return _HOME[0]


def first_paint_ms(code: str, extra_env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """For one fresh interpreter: process start to first paint (wall ms), the CPU ms it had used by
    then, and process start to settled (wall ms)."""
    env = dict(os.environ, MLPREP_HOME=learner_home(), **(extra_env or {}))
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    first, cpu, settled = (float(x) for x in done.stdout.split()[-3:])
    return (first - start) * 1000, cpu * 1000, (settled - start) * 1000


def compile_bytecode() -> None:
    """Compile the package as pip does when it installs the wheel.

    Textual in site-packages was compiled at install; our sources in a checkout are not, and
    where PYTHONDONTWRITEBYTECODE is set (as on the CI machines) every start would compile
    them again, a cost no installed copy pays.
    """
    for package in ("screens", "tutor", "content"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


# The same two apps in a pseudo-terminal, as a learner's terminal sees them: the time until a
# text of the first frame arrives ("hello" in the bare app, the "Topics" pane title in ours).
PTY_BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()
Bare().run()
"""
PTY_TUTOR = """
from tutor.cli.entry import main
main([])
"""  # exactly what the `mlprep-tui` command runs


def pty_first_paint_ms(code: str, marker: bytes, timeout: float = 15.0) -> float:
    """Process start to `marker` appearing on a 120x40 pseudo-terminal, in ms; then Ctrl+Q quits it."""
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios

    home = learner_home()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.chdir(ROOT)
        os.environ.update(MLPREP_HOME=home, TERM="xterm-256color")
        os.execv(sys.executable, [sys.executable, "-c", code])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start, seen, arrived = time.time(), b"", float("nan")
    try:
        while time.time() - start < timeout:
            if select.select([fd], [], [], 0.05)[0]:
                seen += os.read(fd, 65536)
                if marker in seen:
                    arrived = (time.time() - start) * 1000
                    break
        os.write(fd, b"\x11")  # Ctrl+Q, as a learner quits (so the app stops its run process too)
        deadline = time.time() + 10
        while time.time() < deadline and os.waitpid(pid, os.WNOHANG) == (0, 0):
            if select.select([fd], [], [], 0.05)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)  # keep draining, or the app blocks writing its last frame
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass  # it quit
        os.close(fd)
    return arrived


def bench_first_paint() -> None:
    """First paint of the bare app and of mlprep-tui, three ways, every round running all six
    starts back to back so the machine's drifts hit every measure alike."""
    compile_bytecode()
    rounds: dict[str, list[tuple[float, float]]] = {}

    def add(name: str, bare: float, tutor: float) -> None:
        rounds.setdefault(name, []).append((bare, tutor))

    for round_number in range(STARTS + 1):  # round 0 warms the disk cache and is dropped
        launch = first_paint_ms(LAUNCH_BARE, LAUNCH_ENV), first_paint_ms(LAUNCH_TUTOR, LAUNCH_ENV)
        pty = pty_first_paint_ms(PTY_BARE, b"hello"), pty_first_paint_ms(PTY_TUTOR, b"Topics")
        alone = first_paint_ms(BARE_APP), first_paint_ms(TUTOR_APP)
        if round_number:
            add("first paint, as launched (headless driver): **the target's measure**", launch[0][0], launch[1][0])
            add("  CPU time used by then", launch[0][1], launch[1][1])
            add("first paint in a pseudo-terminal (first frame's text arrives)", *pty)
            add("first paint, app class alone (no CLI)", alone[0][0], alone[1][0])
            add("settled, app class alone (first idle moment after mount)", alone[0][2], alone[1][2])

    print(f"Process start to first paint, 120x40 (medians of {STARTS} rounds; ratio = mlprep-tui / bare)\n")
    print("| measure | bare ms | mlprep-tui ms | ratio of medians | median of round ratios |")
    print("|---|---|---|---|---|")
    for name, pairs in rounds.items():
        bare, tutor = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
        paired = statistics.median(p[1] / p[0] for p in pairs)
        print(f"| {name} | {bare:.0f} | {tutor:.0f} | {tutor / bare:.2f} | {paired:.2f} |")
    print("\nTarget: first paint <= 1.3x the bare app. Bare app: Header, Static, Footer. mlprep-tui as")
    print("launched is tutor.cli.entry.main([]), which pauses garbage collection from before its imports;")
    print("the app class alone pauses it only once running. The pseudo-terminal adds the terminal")
    print("set-up both apps pay.")


def instructions_to_first_paint(code: str) -> int | None:
    """Machine instructions from process start to the first frame, counted by valgrind's
    cachegrind (deterministic, unlike wall time here); None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    code = code.replace("EXIT_AT_FIRST_FRAME = True", 'EXIT_AT_FIRST_FRAME = "now"', 1)
    env = dict(os.environ, MLPREP_HOME=learner_home(), **LAUNCH_ENV)
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            code,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def bench_instructions() -> None:
    """The as-launched first paint counted in instructions: the same on every run."""
    bare, tutor = instructions_to_first_paint(LAUNCH_BARE), instructions_to_first_paint(LAUNCH_TUTOR)
    if bare is None or tutor is None:
        print("\n(valgrind not found: no instruction counts)")
        return
    print("\nInstructions from process start to first paint, as launched (valgrind cachegrind; deterministic)\n")
    print("| app | instructions | ratio |\n|---|---|---|")
    print(f"| bare Textual app | {bare / 1e6:.0f} M | 1.00 |")
    print(f"| `mlprep-tui` | {tutor / 1e6:.0f} M | {tutor / bare:.2f} |")


# A changed value per topic, so every Enter really re-runs.
EDITS = {
    "sigmoid": ("threshold", "0.7"),
    "cross-entropy": ("lam", "0.3"),
    "decision-tree": ("max_depth", "1"),
    "metrics": ("y_pred", "1 1 0 1 0 1"),
    "parametric": ("n_neighbors", "7"),
    "feature-engineering": ("degree", "3"),
    "validation": ("cv", "4"),
    "gradient-descent": ("lr", "0.3"),
}


async def bench_enter_to_plot() -> None:
    """Enter in a field to the new plot drawn, per topic (median of 5), plus the longest loop stall."""
    from screens.app import make_app
    from screens.widgets.param_panel import field_id
    from screens.widgets.plot_view import PlotView
    from tutor.engine.experiments import all_experiments

    os.environ["MLPREP_HOME"] = learner_home()  # never the real progress; the welcome already seen
    app = make_app(cursor_blink=False)  # as shipped: sklearn topics run in the warm child process
    rows = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.sklearn_ready)
        screen = app.screen
        for experiment in all_experiments():
            screen.query_one("#sidebar").focus()  # digits jump topics when no text field has focus
            await pilot.press(str(experiment.number))
            await _until(pilot, lambda slug=experiment.slug: screen.states[slug].result is not None)
            name, new_text = EDITS[experiment.slug]
            field = screen.query_one(f"#{field_id(experiment.slug, name)}")
            default_text = experiment.params[name].default_text
            times = []
            for repeat in range(5):
                field.focus()
                field.value = new_text if repeat % 2 == 0 else default_text
                before = screen.states[experiment.slug].result
                start = time.perf_counter()
                # What Enter does in a field (Input.Submitted -> the panel's request), without
                # the Pilot's own settling pauses, which would dwarf what is being measured.
                screen.panel().force_request()
                while screen.states[experiment.slug].result is before:
                    await asyncio.sleep(0.001)
                screen.query_one(PlotView).render()  # the redraw the next frame does
                times.append((time.perf_counter() - start) * 1000)
                await pilot.pause()
            rows.append((experiment, statistics.median(times)))

        stall = await _longest_stall_during_validation(pilot, screen)
    if app.runner is not None:
        app.runner.stop()
    print("\nEnter to plot updated (median of 5, Pilot at 120x40, run process warm)\n")
    print("| # | topic | median ms | target ms |\n|---|---|---|---|")
    for experiment, ms in rows:
        target = "(none)" if experiment.slug == "validation" else "100"
        print(f"| {experiment.number} | {experiment.slug} | {ms:.0f} | {target} |")
    computing, drawing = stall
    print("\nLongest event-loop stall around a validation run (5 ms ticker; lateness beyond 5 ms)\n")
    print("| measure | ms | target |\n|---|---|---|")
    print(f"| while the run computes | {computing:.1f} | <= 50 |")
    print(f"| the tick that draws the finished result (plot + tables) | {drawing:.1f} | |")


async def _until(pilot, condition, timeout: float = 30.0) -> None:
    """Pause the pilot in small steps until condition() holds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await asyncio.sleep(0.001)
    await pilot.pause()


async def _longest_stall_during_validation(pilot, screen) -> tuple[float, float]:
    """Run validation three times with a 5 ms ticker on the event loop.

    Returns the worst lateness while the run computes, and the worst for the tick in which the
    finished result is drawn (that frame repaints the plot and the tables, so it is reported apart).
    """
    from screens.widgets.param_panel import field_id

    screen.query_one("#sidebar").focus()
    await pilot.press("7")
    await _until(pilot, lambda: screen.states["validation"].result is not None)
    computing = drawing = 0.0
    for cv in ("3", "5", "6"):
        field = screen.query_one(f"#{field_id('validation', 'cv')}")
        field.focus()
        field.value = cv
        await pilot.pause()  # let the focus change (and the footer it redraws) settle first
        before = screen.states["validation"].result
        screen.panel().force_request()
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            late = (now - last) * 1000 - 5
            last = now
            if screen.states["validation"].result is not before:
                drawing = max(drawing, late)  # this tick saw the result arrive and be drawn
                break
            computing = max(computing, late)
        await pilot.pause()
    return computing, drawing


def main() -> None:
    """All three measurements."""
    from tutor.support.threads import limit_threads

    limit_threads()  # as the CLI does before the app starts
    try:
        bench_first_paint()
        bench_instructions()
        asyncio.run(bench_enter_to_plot())
    finally:
        if _HOME:
            shutil.rmtree(_HOME[0], ignore_errors=True)


if __name__ == "__main__":
    main()
