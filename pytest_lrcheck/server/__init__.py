"""``lrcheck server``: a language server that shows lrcheck's findings in an editor as you type.

It speaks LSP over stdin and stdout, with pygls (the ``lsp`` extra); setting it up in VS Code,
Neovim and other editors is described in ``docs/editors.md``.  Like the command, it never
imports TensorFlow or Keras and never runs the code it checks.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

INSTALL_HINT = "pip install 'pytest-lrcheck[lsp]'"
EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lrcheck server",
        description="Run lrcheck as a language server (LSP over stdin/stdout) for an editor.",
        epilog="Editor setup: docs/editors.md.  To check a directory named 'server', "
        "run: lrcheck ./server",
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk LSP over stdin/stdout (the only transport; accepted for editors that pass it)",
    )
    parser.add_argument(
        "--log-level",
        choices=("error", "warning", "info", "debug"),
        default="warning",
        help="what the server logs to stderr, which editors show in their log; default warning",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until the editor says exit; 0 after a shutdown request, 1 without, 2 if unable."""
    args = build_parser().parse_args(argv)
    try:
        import pygls  # noqa: F401, I001  (pygls first: it is the one to name)
        import lsprotocol  # noqa: F401
    except ImportError as error:
        print(
            f"lrcheck server: error: {error.name or 'pygls'} is not installed; "
            f"install the language server with: {INSTALL_HINT}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    logging.basicConfig(
        stream=sys.stderr,
        level=getattr(logging, args.log_level.upper()),
        format="lrcheck server %(levelname)s %(name)s: %(message)s",
    )
    from pytest_lrcheck.server.app import create_server

    server, session = create_server()
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    # stdout carries the protocol: anything else printed there would corrupt it.
    sys.stdout = sys.stderr
    try:
        server.start_io(requests, replies)
    finally:
        session.close()
    return 0 if session.shut_down else 1
