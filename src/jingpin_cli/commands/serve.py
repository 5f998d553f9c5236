"""`jingpin serve [DIR]`: the same jobs as a local web page (jingpin_cli.serve), for people who
never open a terminal. Binds 127.0.0.1 on a free port unless told otherwise; any other address
needs a password. Needs the `serve` extra; without it, says how to install it (exit 2)."""

from __future__ import annotations

from pathlib import Path

import typer

from jingpin_cli.commands.common import LangOpt, StandardOpt, guarded

# import names of the `serve` extra (python-multipart is `python_multipart` since 0.0.13, `multipart` before)
EXTRA = (("starlette",), ("uvicorn",), ("jinja2",), ("python_multipart", "multipart"))


def serve(
    folder: Path = typer.Argument(None, help="serve.folder"),
    host: str = typer.Option("127.0.0.1", "--host", help="serve.host"),
    port: int = typer.Option(0, "--port", min=0, max=65535, help="serve.port"),
    password: str = typer.Option(None, "--password", envvar="JINGPIN_PASSWORD", show_envvar=False,
                                 help="serve.password"),
    no_browser: bool = typer.Option(False, "--no-browser", help="serve.no_browser"),
    root: Path = typer.Option(None, "--root", help="serve.root"),
    standard: Path = StandardOpt,
    lang=LangOpt,
):
    """Start the local web page and open the browser on it."""
    lang = lang.value

    def work() -> int:
        import socket
        import webbrowser

        from jingpin_cli.errors import InputError, Location, Problem
        from jingpin_cli.text.messages import t

        for names in EXTRA:
            if not any(importable(name) for name in names):
                raise InputError([Problem("serve_needs_extra", Location("jingpin serve"), {"missing": names[0]})])
        from jingpin_cli.serve.security import folders_root, password_needed

        if password_needed(host, password):
            raise InputError([Problem("serve_needs_password", Location("--host"), {"host": host})])
        for given in (folder, root):
            if given is not None and not given.is_dir():
                from jingpin_cli.files import refuse_special

                refuse_special(given)
                raise InputError([Problem("not_found", Location(str(given)))])
        named_root = folders_root(host, root, folder)
        if folder is not None and named_root is not None and not folder.resolve().is_relative_to(named_root):
            raise InputError([Problem("serve_folder_outside_root", Location(str(folder)), {"root": str(named_root)})])
        if standard is not None:
            from jingpin_cli.standard import load_standard

            load_standard(standard)  # a bad pack is said now, on the terminal, not on every page

        import uvicorn

        from jingpin_cli.serve.app import create_app

        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))  # port 0: the system picks a free one
        sock.listen(128)  # a browser opened now waits in the queue until the server accepts
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        url = f"http://{shown}:{sock.getsockname()[1]}/"
        print(t("serve.listening", lang, url=url), flush=True)
        app = create_app(folder, password, lang, standard, named_root)
        if not no_browser:
            webbrowser.open(url)
        uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on")).run(sockets=[sock])
        return 0

    guarded(lang, work)


def importable(name: str) -> bool:
    import importlib

    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True
