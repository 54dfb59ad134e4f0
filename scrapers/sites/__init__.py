"""Local copies of the four funders' sites: a renderer per source
(``scrapers/sites/<source>.py``: ``render(records) -> {URL or path: body}``), the servers
that serve them on 127.0.0.1 (:mod:`scrapers.sites.server`), and record generation for
the benchmark and the demo (:mod:`scrapers.sites.generate`). See docs/harvest.md."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from hubb.record import CallRecord

Renderer = Callable[[list[CallRecord]], dict[str, bytes]]

#: modules of this package that are not renderers
_NOT_RENDERERS = {"server", "generate"}


def renderers() -> dict[str, Renderer]:
    """source name → render function, for every renderer module present."""
    found: dict[str, Renderer] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name in _NOT_RENDERERS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        render = getattr(module, "render", None)
        if callable(render):
            found[info.name] = render
    return dict(sorted(found.items()))
