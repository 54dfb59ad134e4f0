"""Logging for every command, set up once by ``cli.main``: one handler on stderr with a
timestamp per line, as text or as JSON (one object per line, for journald, Loki and the
like). The project's own loggers may be raised to INFO by the long-running commands
(harvest, digest send, schedule) so their summary lines show without -v, while Scrapy
and the other libraries stay at the root's level."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime

#: top-level packages whose loggers are the project's own
PROJECT_LOGGERS = ("hubb", "cli", "cycle", "db", "digest", "matcher", "reports", "scheduler", "scrapers", "web")
FORMATS = ("text", "json")


def _timestamp(record: logging.LogRecord) -> str:
    # local time with its offset: what the operator's clock says, and still unambiguous
    return datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="seconds")


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = f"{_timestamp(record)} {record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"time": _timestamp(record), "level": record.levelname, "logger": record.name,
               "message": record.getMessage()}
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (click's test runner swaps it)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def setup(verbose: int = 0, fmt: str = "text") -> None:
    """WARNING by default, INFO with -v, DEBUG with -vv; text or JSON lines on stderr."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _StderrHandler):
            root.removeHandler(handler)
    handler = _StderrHandler()
    # an explicit level: the harvest keeps a handler's own level (scrapers.run), and the
    # loggers' levels decide what passes
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel({0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG))
    for name in PROJECT_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)


def info_by_default() -> None:
    """The project's loggers at INFO at least (the command's summary lines show)."""
    for name in PROJECT_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() > logging.INFO:
            logger.setLevel(logging.INFO)


def json_mode() -> bool:
    return any(isinstance(h, _StderrHandler) and isinstance(h.formatter, JsonFormatter)
               for h in logging.getLogger().handlers)
