"""The lines of nginx's statistics log (``log_format portal_stats``, docker/nginx.conf) and
what each one counts for (issue 21).

One JSON object a line (``escape=json``)::

    {"time":"2026-07-01T08:00:01+07:00","host":"nhuxuan.thanhhoa.gov.vn","method":"GET",
     "uri":"/tin-tuc/?page=2","status":200,"bytes":18234,"request_time":0.012,
     "cache":"HIT","addr":"203.0.113.7","ua":"Mozilla/5.0 …","editor":"0"}

:func:`parse` turns a line into a :class:`Hit` or None (malformed: not JSON, a field
missing or of the wrong type); :class:`Classifier` says what a hit counts for, or why it
does not. The same classifier serves the middleware (``stats.middleware``), which builds
its hits from Django's request and response.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from . import bots, targets

#: Why a hit is not counted (the keys of the command's summary).
MALFORMED = "malformed"
ROBOT = "robots"
EDITOR = "editors"
UNKNOWN_SITE = "unknown host"
NOT_COUNTED = "not counted"  # other methods, statuses, URLs (static files, the admin, 404…)


@dataclass(slots=True)
class Hit:
    time: dt.datetime  # aware
    host: str
    method: str
    uri: str
    status: int
    addr: str
    ua: str
    editor: bool = False
    cache: str = ""


def parse(line: bytes | str) -> Hit | None:
    """The hit of one log line, or None when the line is not one of ours."""
    try:
        data = json.loads(line)
        moment = dt.datetime.fromisoformat(data["time"])
        if moment.tzinfo is None:
            return None
        status = data["status"]
        status = int(status) if isinstance(status, str) else status
        if not isinstance(status, int) or isinstance(status, bool):
            return None
        hit = Hit(
            time=moment,
            host=str(data["host"]),
            method=str(data["method"]),
            uri=str(data["uri"]),
            status=status,
            addr=str(data["addr"]),
            ua=str(data.get("ua") or ""),
            editor=str(data.get("editor") or "0") not in ("0", "", "-"),
            cache=str(data.get("cache") or ""),
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return hit


class Classifier:
    """hit → (SiteRoot, Target) or the reason it is not counted.

    The order is the cheapest first: method, status, editor, then the per-UA robot answer
    and the per-path route (both cached), the site, and last the page (a query per distinct
    site and path, memoised)."""

    def __init__(self, site_map: targets.SiteMap | None = None, memo=None):
        self.site_map = site_map
        self.targets = targets.Targets(memo)
        self.routes: dict[str, tuple | None] = {}  # path → route, for this classifier's life

    def classify(self, hit: Hit, site_root: targets.SiteRoot | None = None):
        if hit.method not in targets.METHODS or hit.status not in targets.COUNTED_STATUSES:
            return NOT_COUNTED
        if hit.editor:
            return EDITOR
        path = targets.path_of(hit.uri)
        try:
            routed = self.routes[path]
        except KeyError:
            routed = self.routes[path] = targets.route(path)
            if len(self.routes) > 100_000:  # a scan of random URLs: start again
                self.routes.clear()
        if routed is None or hit.status not in targets.STATUSES[routed[0]]:
            return NOT_COUNTED
        if bots.is_robot(hit.ua):
            return ROBOT
        root = site_root or (self.site_map.find(hit.host) if self.site_map else None)
        if root is None:
            return UNKNOWN_SITE
        found = self.targets.find(root, *routed)
        return (root, found) if found else NOT_COUNTED
