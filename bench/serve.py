"""Serving benchmark of the loopback stack (deploy/stack.sh), in one run (issue 11).

For home, the three listings, a legal document, a procedure and a search page it measures
with wrk, side by side: (a) Django uncached (gunicorn directly), (b) the nginx page cache,
(c) nginx serving a static copy of the same HTML bytes — and prints the ratios against (c),
the method of research perf_sec.md §0. It also checks: SQL queries per page (Django test
client + CaptureQueriesContext), publish → visible through the cache (poll nginx), 0 errors
at 64 concurrent uncached clients, and a bounded 200-client load on cached pages.

    deploy/stack.sh start
    .venv/bin/python bench/serve.py --label 10k            # writes bench/results/10k.json
    .venv/bin/python bench/serve.py --compare bench/results/1k.json bench/results/10k.json
    DATABASE_URL=postgres://…/other .venv/bin/python bench/serve.py --listings-only --label 1k

Environment: var/stack.env (written by deploy/stack.sh). Timings never go into tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# The ports of deploy/stack.sh, overridden the same way (a second stack next to another).
NGINX = f"http://127.0.0.1:{os.environ.get('NGINX_PORT', '8088')}"
APP = f"http://127.0.0.1:{os.environ.get('APP_PORT', '8001')}"
STATIC = f"http://127.0.0.1:{os.environ.get('STATIC_COPY_PORT', '8089')}"
LISTINGS = ("/van-ban/", "/thu-tuc-hanh-chinh/", "/tin-tuc/")
SEARCH = "/tim-kiem/?q=" + quote("hợp đồng lao động")


def load_env() -> None:
    """The stack's environment (``STACK_ENV``: another env file, e.g. var/province.env)."""
    path = Path(os.environ.get("STACK_ENV") or ROOT / "var" / "stack.env")
    if not path.exists():
        sys.exit(f"{path} is missing: run deploy/stack.sh start first.")
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key, value)


def setup_django() -> None:
    load_env()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# wrk ------------------------------------------------------------------------------------
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")


def wrk(
    url: str,
    seconds: int = 10,
    connections: int = 8,
    threads: int = 1,
    script=None,
    timeout: int = 10,
) -> dict:
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        f"{timeout}s",
    ]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(
        [*cmd, url], capture_output=True, text=True, timeout=seconds + 30, check=True
    ).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        result[f"p{pct}"] = _ms(match.group(1)) if match else float("nan")
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(g) for g in sock.groups()) if sock else 0
    )
    return result


def fetch(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read(), dict(response.headers)


# Pages -----------------------------------------------------------------------------------
def pick_pages() -> dict[str, str]:
    from wagtail.models import Site

    from congthongtin.legal.models import LegalDocumentPage
    from congthongtin.procedures.models import ProcedurePage

    # Pages of the site served at 127.0.0.1 (the default), by their path on it: with more
    # than one Site, ``page.url`` is an absolute address on the page's own host.
    site = Site.objects.get(is_default_site=True)
    legal = LegalDocumentPage.objects.live().in_site(site).order_by("-issue_date", "-pk").first()
    procedure = ProcedurePage.objects.live().in_site(site).order_by("-pk").first()
    pages = {"home": "/"}
    pages.update({f"listing {u}": u for u in LISTINGS})
    pages["legal document"] = legal.get_url_parts()[2]
    pages["procedure"] = procedure.get_url_parts()[2]
    pages["search"] = SEARCH
    return pages


def query_counts(pages: dict[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    counts = {}
    for name, url in pages.items():
        client.get(url)  # warm caches (site root paths, menus) as a running worker has them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        # The code in the working tree may differ from what gunicorn loaded at its start.
        counts[name] = len(queries) if response.status_code == 200 else None
        if response.status_code != 200:
            print(f"queries: {url} answered {response.status_code} in process", flush=True)
    return counts


def in_process_ms(url: str, repeat: int = 15) -> float:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def in_process_sql_ms(url: str, repeat: int = 15) -> float:
    """Median time the page's SQL queries take (what grows with the corpus)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(url)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        times.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    return statistics.median(times)


def static_copies(pages: dict[str, str]) -> dict[str, str]:
    """The HTML Django serves, written where nginx's static server reads it."""
    folder = ROOT / "var" / "stack" / "static-copy"
    folder.mkdir(parents=True, exist_ok=True)
    urls = {}
    for n, (name, url) in enumerate(pages.items()):
        body, _headers = fetch(APP + url)
        (folder / f"page{n}.html").write_bytes(body)
        urls[name] = f"{STATIC}/page{n}.html"
    return urls


def warm(url: str) -> str:
    for _ in range(3):
        _body, headers = fetch(url)
        if headers.get("X-Cache-Status") == "HIT":
            return "HIT"
    return headers.get("X-Cache-Status", "?")


# Checks ------------------------------------------------------------------------------------
def newest_listed_news() -> tuple:
    """The news page shown first on /tin-tuc/ (and so on the home page, if it lists news)."""
    from congthongtin.news.models import NewsPage

    body, _headers = fetch(APP + "/tin-tuc/")
    for slug in re.findall(r'href="/tin-tuc/([^/"?#]+)/"', body.decode()):
        page = NewsPage.objects.live().filter(slug=slug).first()
        if page is not None:
            return page
    return NewsPage.objects.live().order_by("-pk").first()


def publish_visibility(count: int, limit: float = 5.0, readers: int = 8) -> dict:
    """Publish a title change ``count`` times through Wagtail (``save_revision().publish()``
    inside a transaction, as the editorial workflow does) while ``readers`` wrk clients keep
    reading the page, its listing and the home page through nginx; after each publish poll
    nginx until the new title shows on each of them (Wagtail purges the page, core's
    ``purge_listings`` the page and its listings after commit). A page still showing the
    old title ``limit`` seconds after the publish returned counts as stale."""
    from django.db import transaction

    from congthongtin.news.models import NewsPage

    page = newest_listed_news()
    original = page.title
    urls = {"page": NGINX + page.url, "listing": NGINX + "/tin-tuc/"}
    home_body, _h = fetch(NGINX + "/")
    if original.encode() in home_body or page.url.encode() in home_body:
        urls["home"] = NGINX + "/"
    listed = {"page": True, "listing": True, "home": "home" in urls}
    script = mixed_script([u.removeprefix(NGINX) for u in urls.values()])
    background = subprocess.Popen(
        ["wrk", "-t1", f"-c{readers}", f"-d{int(count * 8 + 60)}s", "-s", script, NGINX],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    delays = {name: [] for name in urls}
    stale = dict.fromkeys(urls, 0)
    publish_s = []
    try:
        for n in range(count):
            for url in urls.values():
                warm(url)
            marker = f"BENCH-{os.getpid()}-{n}"
            revision_page = NewsPage.objects.get(pk=page.pk)
            revision_page.title = f"{original} {marker}"
            started = time.monotonic()
            with transaction.atomic():
                revision_page.save_revision().publish()
            published = time.monotonic()
            publish_s.append(published - started)
            for name, url in urls.items():
                while True:
                    body, _h = fetch(url)
                    if marker.encode() in body:
                        delays[name].append(time.monotonic() - published)
                        break
                    if time.monotonic() - published > limit:
                        stale[name] += 1
                        break
                    time.sleep(0.05)
    finally:
        background.terminate()
        background.wait(timeout=30)
        restored = NewsPage.objects.get(pk=page.pk)
        restored.title = original
        restored.save_revision().publish()
    every = [d for values in delays.values() for d in values]
    return {
        "publishes": count,
        "page": page.url,
        "checked": listed,
        "background_readers": readers,
        "stale_after_5s": stale,
        "max_s": max(every) if every else None,
        "median_s": statistics.median(every) if every else None,
        "per_url_max_s": {k: (max(v) if v else None) for k, v in delays.items()},
        "publish_call_median_s": statistics.median(publish_s) if publish_s else None,
    }


def page_weight(url: str) -> dict:
    """Bytes the home page makes a browser load: HTML, stylesheets (and what they import),
    scripts, images and icons, as sent by nginx with gzip (transfer) and uncompressed."""
    from html.parser import HTMLParser
    from urllib.parse import urljoin

    class Assets(HTMLParser):
        def __init__(self):
            super().__init__()
            self.urls = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "link" and {"stylesheet", "icon", "preload", "manifest"} & set(
                (a.get("rel") or "").split()
            ):
                self.urls.append(a.get("href"))
            elif tag in ("script", "img", "source", "video", "audio") and a.get("src"):
                self.urls.append(a["src"])
            if tag in ("img", "source") and a.get("srcset"):
                # a browser loads one candidate: count the first (the smallest we send)
                self.urls.append(a["srcset"].split(",")[0].split()[0])

    def get(target: str, gzip: bool) -> tuple[bytes, int]:
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        request = urllib.request.Request(target, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(), response.status

    html, _status = get(url, False)
    parser = Assets()
    parser.feed(html.decode())
    assets = [urljoin(url, u) for u in parser.urls if u and not u.startswith("data:")]
    seen, rows = set(), []
    queue = [url, *assets]
    while queue:
        target = queue.pop(0)
        if target in seen:
            continue
        seen.add(target)
        raw, status = get(target, False)
        wire, _ = get(target, True)
        rows.append({"url": target, "status": status, "bytes": len(raw), "transfer": len(wire)})
        if target.split("?")[0].endswith(".css"):
            for ref in re.findall(rb"url\(\s*['\"]?([^'\")]+)", raw):
                ref = ref.decode()
                if not ref.startswith("data:") and not ref.startswith("#"):
                    queue.append(urljoin(target, ref))
            for ref in re.findall(rb"@import\s+['\"]([^'\"]+)", raw):
                queue.append(urljoin(target, ref.decode()))
    return {
        "url": url,
        "files": rows,
        "total_bytes": sum(r["bytes"] for r in rows),
        "total_transfer": sum(r["transfer"] for r in rows),
    }


def mixed_script(paths: list[str]) -> str:
    lua = "paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n"
    lua += "i = 0\nrequest = function()\n  i = i % #paths + 1\n"
    lua += "  return wrk.format('GET', paths[i])\nend\n"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(lua)
    return handle.name


def machine() -> dict:
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"

    import django
    import wagtail
    from django.db import connection

    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": run(["nproc"]),
        "memory": run(["free", "-h"]).splitlines()[1] if run(["free", "-h"]) else "?",
        "os": run(["sh", "-c", ". /etc/os-release; echo $PRETTY_NAME"]),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": " ".join(
            [
                connection.vendor,
                connection.Database.__name__,
                str(getattr(connection, "pg_version", "")),
            ]
        ),
        "nginx": run(["sh", "-c", "nginx -v 2>&1"]),
        "wrk": run(["sh", "-c", "wrk --version 2>&1 | head -1"]),
        "gunicorn": run([str(ROOT / ".venv/bin/gunicorn"), "--version"]),
        "commit": run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "loadavg_start": Path("/proc/loadavg").read_text().split()[:3],
    }


def corpus_size() -> dict:
    from wagtail.models import Page

    from congthongtin.legal.models import LegalDocumentPage
    from congthongtin.news.models import NewsPage
    from congthongtin.procedures.models import ProcedurePage

    return {
        "pages": Page.objects.count(),
        "legal": LegalDocumentPage.objects.live().count(),
        "procedures": ProcedurePage.objects.live().count(),
        "news": NewsPage.objects.live().count(),
    }


# Main --------------------------------------------------------------------------------------
def _median_run(runs: list[dict]) -> dict:
    """The run with the median requests/s (its latencies go with it), errors summed."""
    ordered = sorted(runs, key=lambda r: r["rps"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["errors"] = sum(r["errors"] for r in runs)
    chosen["rounds_rps"] = [r["rps"] for r in runs]
    return chosen


def ladder(pages: dict[str, str], seconds: int, rounds: int, queries: dict) -> dict:
    """Static copy and nginx cache measured alternately ``rounds`` times (the machine is
    shared: alternating spreads other jobs' load over both), then Django uncached."""
    statics = static_copies(pages)
    rows = {}
    for name, url in pages.items():
        status = warm(NGINX + url)
        static_runs, cached_runs = [], []
        for _ in range(rounds):
            static_runs.append(wrk(statics[name], seconds))
            cached_runs.append(wrk(NGINX + url, seconds))
        static, cached = _median_run(static_runs), _median_run(cached_runs)
        uncached = wrk(APP + url, seconds * 2, timeout=30)
        ratios = [c["rps"] / s["rps"] for s, c in zip(static_runs, cached_runs, strict=True)]
        rows[name] = {
            "static": static,
            "cached": cached,
            "uncached": uncached,
            "warm": status,
            "cached_over_static_rounds": ratios,
        }
        print(
            f"{name:28} static {static['rps']:9.0f}/s  cached {cached['rps']:9.0f}/s "
            f"({cached['rps'] / static['rps']:.3f}; rounds "
            + " ".join(f"{r:.2f}" for r in ratios)
            + f")  uncached {uncached['rps']:7.1f}/s "
            f"({uncached['rps'] / static['rps']:.4f})  queries {queries[name]}",
            flush=True,
        )
    return rows


def run(args) -> dict:
    setup_django()
    result = {"label": args.label, "machine": machine(), "corpus": corpus_size()}
    pages = pick_pages()
    result["pages"] = pages
    print(f"# {args.label}: {result['corpus']}", flush=True)
    if args.listings_only:
        # In this process only (DATABASE_URL may name a database the stack does not serve):
        # SQL queries and median render time of each listing, for --compare.
        result["queries"] = query_counts({f"listing {u}": u for u in LISTINGS})
        result["in_process_ms"] = {u: in_process_ms(u, repeat=25) for u in LISTINGS}
        result["in_process_sql_ms"] = {u: in_process_sql_ms(u) for u in LISTINGS}
        print(result["queries"], result["in_process_ms"], result["in_process_sql_ms"], flush=True)
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{args.label}.json"
        path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
        print(f"written {path.relative_to(ROOT)}")
        return result
    if not args.checks:
        result["queries"] = query_counts(pages)
        result["in_process_ms"] = {u: in_process_ms(u) for u in LISTINGS}
        result["ladder"] = ladder(pages, args.seconds, args.rounds, result["queries"])
    result["loadavg_after_ladder"] = Path("/proc/loadavg").read_text().split()[:3]
    if not args.quick:
        result["page_weight_home"] = page_weight(NGINX + "/")
        print(
            "home weight: {total_bytes} B ({total_transfer} B with gzip)".format(
                **result["page_weight_home"]
            ),
            flush=True,
        )
        # Every page type but search, round robin, straight to gunicorn (no cache); wrk's
        # timeout is gunicorn's worker timeout: a request queued longer than that is an error.
        script = mixed_script([u for n, u in pages.items() if n != "search"])
        result["c64_uncached"] = wrk(
            APP, args.c64_seconds, connections=64, script=script, timeout=30
        )
        print("c64 uncached:", result["c64_uncached"], flush=True)
        result["publish"] = publish_visibility(args.publishes)
        print("publish:", result["publish"], flush=True)
        script = mixed_script(list(pages.values()))
        for url in pages.values():
            warm(NGINX + url)
        result["c200_cached"] = wrk(
            NGINX, args.load_seconds, connections=200, threads=2, script=script
        )
        print(f"c200 cached {args.load_seconds}s:", result["c200_cached"], flush=True)
    result["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.label}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    print(f"written {path.relative_to(ROOT)}")
    if "ladder" in result:
        print(markdown(result))
    return result


def markdown(result: dict) -> str:
    lines = [
        "| Page | queries | static req/s (p50/p99 ms) | cached req/s (p50/p99) "
        "| uncached req/s (p50/p99) | cached/static | uncached/static |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in result["ladder"].items():
        s, c, u = row["static"], row["cached"], row["uncached"]
        lines.append(
            f"| {name} | {result['queries'][name]} "
            f"| {s['rps']:.0f} ({s['p50']:.2f}/{s['p99']:.2f}) "
            f"| {c['rps']:.0f} ({c['p50']:.2f}/{c['p99']:.2f}) "
            f"| {u['rps']:.1f} ({u['p50']:.1f}/{u['p99']:.1f}) "
            f"| **{c['rps'] / s['rps']:.3f}** | {u['rps'] / s['rps']:.4f} |"
        )
    return "\n".join(lines)


def compare(small_path: str, large_path: str) -> None:
    small = json.loads(Path(small_path).read_text())
    large = json.loads(Path(large_path).read_text())
    docs = f"{small['corpus']['legal']:,} → {large['corpus']['legal']:,} legal documents"
    print(f"{small['label']} → {large['label']}: {docs}")
    print("| Listing | queries | in-process ms (median) | time ratio | SQL ms | SQL ratio |")
    print("|---|---|---|---|---|---|")
    for url in LISTINGS:
        x, y = small["in_process_ms"][url], large["in_process_ms"][url]
        qa, qb = small["queries"][f"listing {url}"], large["queries"][f"listing {url}"]
        sa = small.get("in_process_sql_ms", {}).get(url, float("nan"))
        sb = large.get("in_process_sql_ms", {}).get(url, float("nan"))
        print(
            f"| {url} | {qa} → {qb} | {x:.1f} → {y:.1f} | **{y / x:.2f}×** "
            f"| {sa:.1f} → {sb:.1f} | {sb / sa:.2f}× |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="run")
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="static/cached alternations")
    parser.add_argument("--load-seconds", type=int, default=60, help="the 200-client run")
    parser.add_argument("--c64-seconds", type=int, default=60, help="the 64-client uncached run")
    parser.add_argument("--publishes", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="ladder only, no checks")
    parser.add_argument("--checks", action="store_true", help="the checks only, no ladder")
    parser.add_argument(
        "--listings-only",
        action="store_true",
        help="listings' queries and in-process time only (any DATABASE_URL)",
    )
    parser.add_argument("--compare", nargs=2, metavar=("SMALL.json", "LARGE.json"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
    else:
        run(args)


if __name__ == "__main__":
    main()
