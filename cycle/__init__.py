"""The service's weekly cycle — harvest → match → digests — in one home.

Every face calls these steps and nothing below them: the command line (``cli/``), the
scheduler (``scheduler/``), the web service (``web/``) and the demo. The steps call the parts
(``scrapers/``, ``matcher/``, ``digest/``, ``reports/``), which never import a face or this
package. See ``docs/architecture.md``.
"""

from cycle.steps import (
    broken_links,
    compose,
    database,
    harvest,
    harvest_and_match,
    match,
    profiles,
    send,
    weekly_digests,
)

__all__ = ["broken_links", "compose", "database", "harvest", "harvest_and_match", "match", "profiles", "send",
           "weekly_digests"]
