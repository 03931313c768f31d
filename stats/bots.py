"""Which requests come from robots: crawlers, monitoring agents, scripts (issue 21).

The list is the ``crawlerdetect`` package (a port of the maintained PHP CrawlerDetect list,
about 1,500 patterns, updated with each release), plus the monitoring agents it misses and
an empty user agent. Its one big regular expression costs ~0.1 ms to 15 ms a call, so the
answer is cached per distinct user agent: a day's log has a few thousand of them against a
million lines.

``crawlerdetect`` is in the ``stats`` extra of pyproject.toml and imported on first use:
without it, only :data:`EXTRA_PATTERNS`, :data:`FALLBACK_PATTERNS` and the empty user agent
are recognised (a warning says so once), and many robots are counted as readers.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from congthongtin.core.extras import install_hint

logger = logging.getLogger(__name__)

#: Monitoring agents and scripts that crawlerdetect 0.4 lets through (Prometheus'
#: blackbox exporter, some health checkers), checked first (case-insensitive).
EXTRA_PATTERNS = re.compile(
    r"prometheus|blackbox[-_ ]exporter|zabbix|nagios|check_http|icinga|uptimerobot|pingdom|"
    r"statuscake|site24x7|healthcheck|health-check|kube-probe|elb-healthchecker|"
    r"go-http-client|python-requests|python-urllib|aiohttp|curl/|wget/",
    re.IGNORECASE,
)
#: Only without crawlerdetect: the crudest words (they would also catch a "CUBOT" phone,
#: which the maintained list does not).
FALLBACK_PATTERNS = re.compile(r"bot\b|bot/|crawl|spider|slurp|headless", re.IGNORECASE)

#: Distinct user agents remembered (one day of a province's portal has fewer).
CACHE_SIZE = 100_000

_detector = None
_missing_warned = False


def _crawlerdetect():
    """The package's detector, made once (its constructor compiles the big expression)."""
    global _detector, _missing_warned
    if _detector is None:
        try:
            from crawlerdetect import CrawlerDetect
        except ImportError:
            if not _missing_warned:
                logger.warning(
                    f"crawlerdetect is not installed ({install_hint(['crawlerdetect'])}): "
                    "only well-known monitoring agents are recognised as robots."
                )
                _missing_warned = True
            return None
        _detector = CrawlerDetect()
    return _detector


@lru_cache(maxsize=CACHE_SIZE)
def is_robot(user_agent: str) -> bool:
    """True for a crawler, a monitoring agent, a script or no user agent at all."""
    user_agent = (user_agent or "").strip()
    if not user_agent or user_agent == "-":
        return True
    if EXTRA_PATTERNS.search(user_agent):
        return True
    detector = _crawlerdetect()
    if detector is None:
        return bool(FALLBACK_PATTERNS.search(user_agent))
    return bool(detector.isCrawler(user_agent))
