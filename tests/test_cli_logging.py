"""One logging set-up for every command: a timestamp per line on stderr, text or JSON
(``--log-format json``), WARNING by default and INFO for the project's loggers in the
long-running commands."""

from __future__ import annotations

import json
import logging
import re

import pytest
from click.testing import CliRunner

from cli.main import main
from hubb import logs

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"


@pytest.fixture(autouse=True)
def _restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
    root.setLevel(level)
    for name in logs.PROJECT_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_text_lines_carry_a_timestamp_level_and_logger(capsys):
    logs.setup(0, "text")
    logging.getLogger("scheduler.service").warning("composed %d, sent %d", 3, 2)
    logging.getLogger("scheduler.service").info("not shown at the default level")
    err = capsys.readouterr().err
    assert re.fullmatch(STAMP + r" WARNING scheduler.service: composed 3, sent 2\n", err)


def test_json_lines_are_one_object_each(capsys):
    logs.setup(0, "json")
    logging.getLogger("scrapers.run").error("vinnova: %s", "unhealthy: ålder")
    record = json.loads(capsys.readouterr().err)
    assert re.fullmatch(STAMP, record.pop("time"))
    assert record == {"level": "ERROR", "logger": "scrapers.run", "message": "vinnova: unhealthy: ålder"}


def test_info_by_default_raises_the_project_loggers_only(capsys):
    logs.setup(0, "text")
    logs.info_by_default()
    logging.getLogger("scheduler.service").info("digests: composed 2, sent 2")
    logging.getLogger("scrapy.core.engine").info("Spider opened")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].endswith(" INFO scheduler.service: digests: composed 2, sent 2")


def test_verbosity_sets_the_root_level():
    for verbose, level in ((0, logging.WARNING), (1, logging.INFO), (2, logging.DEBUG)):
        logs.setup(verbose, "text")
        assert logging.getLogger().level == level
    assert sum(isinstance(h, logs._StderrHandler) for h in logging.getLogger().handlers) == 1


def test_the_global_option_reaches_every_command(db_url):
    result = CliRunner().invoke(main, ["--log-format", "json", "-v", "calls"])
    assert result.exit_code == 0, result.output
    assert logs.json_mode()
    bad = CliRunner().invoke(main, ["--log-format", "xml", "calls"])
    assert bad.exit_code == 2 and "'xml' is not one of 'text', 'json'" in bad.stderr
