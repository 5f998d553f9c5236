"""The command line: parse options, call one library function, render, write, pick the exit code.

Heavy libraries (pandas, openpyxl) are imported inside the commands so `jingpin --help` stays quick."""

from __future__ import annotations

import gc
import os
import signal
import sys

import typer

from jingpin_cli import __version__
from jingpin_cli.commands import audit, standards
from jingpin_cli.commands import check as check_command
from jingpin_cli.commands import diff as diff_command
from jingpin_cli.commands import screen as screen_command
from jingpin_cli.commands import serve as serve_command
from jingpin_cli.commands import survey as survey_command
from jingpin_cli.commands import template as template_command
from jingpin_cli.commands.language import LocalGroup

app = typer.Typer(
    name="jingpin",
    cls=LocalGroup,  # help and usage errors in the user's language (commands/language.py)
    help="app",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("audit", help="cmd.audit")(audit.audit)
app.command("survey", help="cmd.survey")(survey_command.survey)
app.command("check", help="cmd.check")(check_command.check)
app.command("screen", help="cmd.screen")(screen_command.screen)
app.command("diff", help="cmd.diff")(diff_command.diff)
app.command("template", help="cmd.template")(template_command.template)
app.command("serve", help="cmd.serve")(serve_command.serve)
app.add_typer(standards.app, name="standards", help="cmd.standards")


def _version(value: bool):
    if value:
        print(f"jingpin {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(ctx: typer.Context,
          version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="version")):
    """党建精品社区创建标准评估工具 (jingpin)."""
    if ctx.invoked_subcommand is None:  # `jingpin` alone, as a double-click runs it: where to go next
        from jingpin_cli.text.help import guide

        print(guide(ctx.find_root().command.lang, __version__), end="")
        raise typer.Exit(0)


def main() -> None:
    """The console entry point. Leaves by `_exit_now`, not by the interpreter's teardown."""
    # Cyclic garbage collection a few hundred times less often: a run allocates in bursts (imports,
    # reading) that the default thresholds answer with hundreds of collections, 0.08 s of the
    # 75-community audit and 0.5 s of a folder of 10 000 YAML records, for almost nothing to free
    # (reference counting frees the rest; peak memory measured the same with it off altogether).
    gc.set_threshold(200_000, 30, 30)
    for name in ("SIGTERM", "SIGHUP"):  # stopped like Ctrl-C: temp files are removed (no SIGHUP on Windows)
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stopped)
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        code = 130
    except Stopped as exc:
        code = 128 + exc.signum
    except Exception as exc:  # a bug of ours: say so briefly; JINGPIN_DEBUG=1 shows the traceback
        if os.environ.get("JINGPIN_DEBUG"):
            raise
        print(f"jingpin: internal error: {type(exc).__name__}: {exc} (set JINGPIN_DEBUG=1 for details)",
              file=sys.stderr)
        code = 2
    _exit_now(code)


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds like KeyboardInterrupt (not caught as an error), so a report being
    written is removed, not left as a temp file."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stopped(signum, frame) -> None:
    raise Stopped(signum)


def _exit_now(code) -> None:
    """Flush and leave without the interpreter's teardown, as mypy does: every result is written by
    now (files atomically, in full), and freeing every cell and value one object at a time took a
    tenth of a second of the 75-community audit, more at 100 000. No atexit work of ours is
    skipped: the reading pool is closed where it is used."""
    if code is not None and not isinstance(code, int):  # sys.exit("message")
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # `jingpin … | head` closed the pipe: not an error of ours
            pass
    os._exit(code or 0)
