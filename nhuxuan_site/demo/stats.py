"""Demo statistics (issue 21): an access log in nginx's ``portal_stats`` format for the
previous calendar month and the current month so far, across the demo bodies' real page
URLs, ingested through the real reader (``stats.ingest``) from a temporary file deleted
afterwards.

A few thousand lines a day on the default portal (fewer on the others), on a working-day
curve (a morning peak, a smaller afternoon one, quiet nights; weekends at about half),
with robots and monitoring, page views answered from nginx's cache, form downloads and
click-throughs to the online services. Addresses are from the documentation ranges
(RFC 5737, RFC 3849). Seeded: the same figures on every machine. Idempotent: a body that
already has figures for the previous month is left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import tempfile

from django.utils import timezone
from wagtail.models import Page, Site

from congthongtin.consultation.models import ServiceRating
from congthongtin.consultation.ratings import record_satisfaction
from congthongtin.core.models import PortalSettings
from congthongtin.procedures.models import ProcedureForm, ProcedurePage
from congthongtin.stats import ingest
from congthongtin.stats.models import LogCursor, SiteDay, StatsSettings

SEED = 21
#: Page views of an average working day: the default portal, then every other body.
DAILY_VIEWS = {True: 2500, False: 400}
#: Share of the day's requests per hour (0–23), a government office's day.
HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 7, 9, 13, 14, 12, 8, 6, 6, 5, 4, 2, 1]
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
    "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.0.0 Mobile Safari/537.36 Zalo/24.06",
    "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
]


def report_settings(site: Site) -> None:
    """The report's place, recipients and signer for a demo body, where still empty."""
    found = re.match(r"(Xã|Phường|Huyện|Tỉnh)\s+(.+?)(\s*\(cũ\))?$", site.site_name or "")
    if not found or found.group(3):
        return  # an archive files no report
    kind, place = found.group(1).lower(), found.group(2)
    settings = StatsSettings.for_site(site)
    head = PortalSettings.for_site(site).responsible_person.partition(":")[2].strip()
    changed = False
    for field, value in (
        ("report_place", place),
        ("report_recipients", f"- UBND {kind} {place} (để báo cáo);\n- Thành viên Ban biên tập;"),
        ("report_signer_name", head),
    ):
        if value and not getattr(settings, field):
            setattr(settings, field, value)
            changed = True
    if changed:
        settings.save()


def load(sites=None, stdout=None) -> None:
    today = timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    sites = list(sites or Site.objects.select_related("root_page"))
    for site in sites:
        report_settings(site)
    todo = [
        site
        for site in sites
        if not SiteDay.objects.filter(
            site=site, date__gte=start, date__lt=today.replace(day=1)
        ).exists()
    ]
    if not todo:
        return
    rng = random.Random(SEED)
    handle, name = tempfile.mkstemp(prefix="demo-stats-", suffix=".log")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            lines = write_log(stream, todo, start, today, rng)
        summary = ingest.ingest([name])
        LogCursor.objects.filter(path=name).delete()  # the file is gone
    finally:
        os.unlink(name)
    rated = _ratings(todo, start, today.replace(day=1), rng)
    if stdout:
        stdout.write(
            f"  statistics: {lines} log lines from {start:%d/%m/%Y}, "
            f"{summary.counted} counted for {len(todo)} portals, {rated} satisfaction ratings"
        )


#: Satisfaction levels 1–5 as citizens give them (most satisfied, a few not).
LEVEL_WEIGHTS = [4, 8, 18, 42, 28]
COMMENTS = [
    "",
    "",
    "",
    "Hướng dẫn rõ ràng, tải được mẫu đơn ngay.",
    "Nộp trực tuyến nhanh, không phải đi lại.",
    "Cần ghi rõ hơn thời gian trả kết quả.",
    "Mẫu tờ khai khó mở trên điện thoại.",
]


def _ratings(sites, start: dt.date, end: dt.date, rng: random.Random) -> int:
    """Satisfaction ratings of the previous month on every procedure of ``sites``, through
    the one function that records them, then dated inside that month."""
    created = 0
    days = (end - start).days
    for site in sites:
        procedures = ProcedurePage.objects.live().descendant_of(site.root_page)
        for page in procedures:
            for _n in range(rng.randint(0, 6)):
                level = rng.choices(range(1, 6), weights=LEVEL_WEIGHTS)[0]
                rating = record_satisfaction(page, level, rng.choice(COMMENTS))
                moment = dt.datetime.combine(
                    start + dt.timedelta(days=rng.randrange(days)),
                    dt.time(rng.randint(7, 21), rng.randint(0, 59)),
                )
                ServiceRating.objects.filter(pk=rating.pk).update(
                    created_at=timezone.make_aware(moment)
                )
                created += 1
    return created


def _urls(site: Site) -> dict:
    root = site.root_page
    pages = Page.objects.live().public().descendant_of(root, inclusive=True)
    prefix = len(root.url_path) - 1
    urls = [url_path[prefix:] for url_path in pages.values_list("url_path", flat=True)]
    procedures = ProcedurePage.objects.live().descendant_of(root)
    forms = ProcedureForm.objects.filter(page__in=procedures, document__isnull=False)
    return {
        "pages": urls,
        "home": "/",
        "forms": [
            f"/documents/{form.document_id}/{os.path.basename(form.document.file.name)}"
            for form in forms.select_related("document")
        ],
        "services": [
            f"/thong-ke/chuyen-tiep/{page.pk}/" for page in procedures if page.online_service_url()
        ],
    }


def write_log(stream, sites, start: dt.date, end: dt.date, rng: random.Random) -> int:
    """Lines from ``start`` to ``end`` (today: up to now), in time order per day."""
    now = timezone.localtime()
    written = 0
    plans = [(site, _urls(site), DAILY_VIEWS[site.is_default_site]) for site in sites]
    day = start
    while day <= end:
        lines = []
        for site, urls, views in plans:
            if not urls["pages"]:
                continue
            weekend = day.weekday() >= 5
            target = int(views * (0.5 if weekend else 1.0) * rng.uniform(0.8, 1.2))
            lines += _day_lines(site.hostname, urls, day, target, rng)
        lines.sort()
        for moment, text in lines:
            if day == end and moment > now:
                continue
            stream.write(text)
            written += 1
        day += dt.timedelta(days=1)
    return written


def _day_lines(host: str, urls: dict, day: dt.date, views: int, rng: random.Random) -> list:
    tz = timezone.get_current_timezone()
    lines = []
    made = 0
    while made < views:
        hour = rng.choices(range(24), weights=HOURS)[0]
        moment = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tz)
        address = (
            f"2001:db8:{rng.randrange(1, 4000):x}::{rng.randrange(1, 200):x}"
            if rng.random() < 0.5
            else f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randrange(1, 255)}"
        )
        agent = rng.choice(BROWSERS)
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 6])):
            uri = urls["home"] if rng.random() < 0.25 else rng.choice(urls["pages"])
            lines.append(_line(moment, host, uri, 200, address, agent, rng))
            made += 1
            if urls["forms"] and rng.random() < 0.04:
                lines.append(
                    _line(moment, host, rng.choice(urls["forms"]), 200, address, agent, rng)
                )
            if urls["services"] and rng.random() < 0.03:
                uri = rng.choice(urls["services"])
                lines.append(_line(moment, host, uri, 302, address, agent, rng))
            moment += dt.timedelta(seconds=rng.randrange(15, 400))
        lines.append(_line(moment, host, "/static/css/portal.css", 200, address, agent, rng))
        if rng.random() < 0.12:
            robot = rng.choice(ROBOTS)
            lines.append(
                _line(moment, host, rng.choice(urls["pages"]), 200, "192.0.2.250", robot, rng)
            )
    return lines


def _line(moment, host, uri, status, address, agent, rng) -> tuple:
    data = {
        "time": moment.isoformat(),
        "host": host,
        "method": "GET",
        "uri": uri,
        "status": status,
        "bytes": rng.randrange(2_000, 60_000),
        "request_time": round(rng.uniform(0.001, 0.2), 3),
        "cache": "HIT" if rng.random() < 0.7 else "MISS",
        "addr": address,
        "ua": agent,
        "editor": "0",
    }
    return moment, json.dumps(data, ensure_ascii=False) + "\n"
