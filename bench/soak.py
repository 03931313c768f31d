"""Soak test of the loopback stack (issue 11): gunicorn workers under steady uncached load
for a long time, their memory sampled; target: resident memory growth ≤ 10%.

    deploy/stack.sh start
    .venv/bin/python bench/soak.py --minutes 30          # writes bench/results/soak.json

wrk sends requests straight to gunicorn (no page cache), round robin over a few hundred
distinct pages — documents, procedures, news, listing pages 1–5, searches — so that every
worker keeps rendering, querying and filling its in-process caches. The worker processes'
resident memory (VmRSS) is read every ``--sample`` seconds; the baseline is the first
sample after ``--warmup`` seconds (templates compiled, URL caches filled). A worker that
gunicorn replaced (``--max-requests``) is reported, since that would hide growth.

Many bodies (``--hosts``): the URLs are spread over every Site of the database — each
body's home, listings, search and a few of its pages — and sent with that Site's ``Host``
header, so the workers fill their per-site caches for every body. ``--mark N`` records the
workers' memory after the N-th request (e.g. 10,000). Without ``wrk`` on the machine (or
with ``--python-load``) the load comes from Python threads (keep-alive connections, one
per ``--connections``), which also count the requests exactly::

    STACK_ENV=var/province.env .venv/bin/python bench/soak.py --hosts --minutes 30 \
        --mark 10000 --pidfile var/province/gunicorn.pid --label province-soak
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import APP, LISTINGS, RESULTS, ROOT, machine, mixed_script, setup_django, wrk

SEARCHES = ("đất đai", "hộ tịch", "giấy phép xây dựng", "thuế", "lao động", "bảo hiểm")


def soak_paths(limit: int) -> list[str]:
    from congthongtin.legal.models import LegalDocumentPage
    from congthongtin.news.models import NewsPage
    from congthongtin.procedures.models import ProcedurePage

    paths = ["/"]
    for listing in LISTINGS:
        paths += [listing] + [f"{listing}?page={n}" for n in range(2, 6)]
    paths += ["/tim-kiem/?q=" + quote(q) for q in SEARCHES]
    share = limit // 3
    for model in (LegalDocumentPage, ProcedurePage, NewsPage):
        paths += [p.url for p in model.objects.live().order_by("?")[:share]]
    return paths


def host_paths(per_site: int, seed: int = 7) -> list[tuple[str, str]]:
    """(host, path) over every Site: home, listings, a search, ``per_site`` items each of
    legal documents, procedures, news and answered questions, the site's own Host header."""
    from wagtail.models import Site

    from congthongtin.consultation.models import Question
    from congthongtin.legal.models import LegalDocumentPage
    from congthongtin.news.models import NewsPage
    from congthongtin.procedures.models import ProcedurePage

    rng = random.Random(seed)
    pairs = []
    for site in Site.objects.select_related("root_page").order_by("pk"):
        home = site.root_page
        host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        pairs += [(host, "/")] + [(host, listing) for listing in LISTINGS]
        pairs.append((host, "/tim-kiem/?q=" + quote(rng.choice(SEARCHES))))
        for model in (LegalDocumentPage, ProcedurePage, NewsPage):
            urls = model.objects.filter(path__startswith=home.path, live=True).order_by("path")
            for url_path in urls.values_list("url_path", flat=True)[: per_site * 5 : 5]:
                pairs.append((host, url_path[len(home.url_path) - 1 :]))
        questions = Question.objects.published().filter(page__path__startswith=home.path)
        for pk, section in questions.values_list("pk", "page__url_path")[:per_site]:
            pairs.append((host, f"{section[len(home.url_path) - 1 :]}cau-hoi/{pk}/"))
    rng.shuffle(pairs)
    return pairs


class PythonLoad:
    """Keep-alive HTTP/1.1 clients in threads, round robin over (host, path) pairs."""

    def __init__(self, base: str, pairs, connections: int, rate: float = 0):
        address = base.split("//", 1)[1]
        self.host, _, port = address.partition(":")
        self.port = int(port or 80)
        self.pairs, self.connections = pairs, connections
        #: Seconds between two requests of one thread (``rate`` requests/s over all; 0: none).
        self.interval = connections / rate if rate else 0.0
        self.count = self.errors = 0
        self.latencies: list[float] = []
        self.lock = threading.Lock()
        self.stop_at = 0.0
        self.next = 0

    def worker(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        next_at = time.monotonic()
        while time.monotonic() < self.stop_at:
            if self.interval:  # paced; no burst to catch up after a slow answer
                time.sleep(max(0.0, next_at - time.monotonic()))
                next_at = max(next_at, time.monotonic()) + self.interval
            with self.lock:
                host, path = self.pairs[self.next % len(self.pairs)]
                self.next += 1
            began = time.monotonic()
            try:
                conn.request("GET", path, headers={"Host": host})
                response = conn.getresponse()
                response.read()
                failed = response.status >= 400
            except (OSError, http.client.HTTPException):
                failed = True
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            with self.lock:
                self.count += 1
                self.errors += failed
                self.latencies.append((time.monotonic() - began) * 1000)

    def run(self, seconds: int) -> dict:
        self.stop_at = time.monotonic() + seconds
        started = time.monotonic()
        threads = [threading.Thread(target=self.worker) for _ in range(self.connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        ordered = sorted(self.latencies) or [float("nan")]
        return {
            "rps": self.count / (time.monotonic() - started),
            "p50": ordered[len(ordered) // 2],
            "p99": ordered[int(len(ordered) * 0.99)],
            "requests": self.count,
            "errors": self.errors,
        }


def workers(master: int) -> dict[int, int]:
    """Resident memory (kB) of each worker process of the gunicorn master."""
    out = subprocess.run(
        ["ps", "--ppid", str(master), "-o", "pid=,rss="], capture_output=True, text=True
    ).stdout
    return {int(pid): int(rss) for pid, rss in (line.split() for line in out.splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--warmup", type=int, default=120, help="seconds before the baseline")
    parser.add_argument("--sample", type=int, default=30, help="seconds between samples")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--label", default="soak")
    parser.add_argument("--hosts", action="store_true", help="every Site, its Host header")
    parser.add_argument("--per-site", type=int, default=3, help="items per kind per site")
    parser.add_argument("--mark", type=int, default=0, help="memory after this many requests")
    parser.add_argument("--python-load", action="store_true", help="threads, not wrk")
    parser.add_argument(
        "--rate",
        type=float,
        default=0,
        help="requests per second over all threads (Python load; 0: as fast as served), so a "
        "long soak can share the machine: memory depends on the URLs and hosts served, not on "
        "the pace",
    )
    parser.add_argument("--pidfile", default=str(ROOT / "var" / "stack" / "gunicorn.pid"))
    parser.add_argument("--app", default=APP)
    args = parser.parse_args()
    setup_django()
    master = int(Path(args.pidfile).read_text())
    pairs = host_paths(args.per_site) if args.hosts else [("", p) for p in soak_paths(args.pages)]
    python_load = args.python_load or args.hosts or not shutil.which("wrk")
    seconds = int(args.minutes * 60)
    result = {
        "label": args.label,
        "machine": machine(),
        "minutes": args.minutes,
        "distinct_paths": len(pairs),
        "hosts": len({host for host, _path in pairs}),
        "connections": args.connections,
        "load": "python threads" if python_load else "wrk",
        "rate": args.rate or None,
    }
    print(f"soak {args.minutes} min, {len(pairs)} URLs, {result['hosts']} hosts, master {master}")
    holder: dict = {}
    loader = PythonLoad(args.app, pairs, args.connections, args.rate) if python_load else None

    def load():
        if loader is not None:
            holder["wrk"] = loader.run(seconds)
            return
        holder["wrk"] = wrk(
            args.app,
            seconds,
            connections=args.connections,
            script=mixed_script([path for _host, path in pairs]),
            timeout=30,
        )

    thread = threading.Thread(target=load, daemon=True)
    started = time.monotonic()
    thread.start()
    samples = []
    next_sample = 0.0
    while thread.is_alive():
        now = time.monotonic() - started
        marking = loader is not None and args.mark and "mark" not in result
        if marking and loader.count >= args.mark:
            result["mark"] = {
                "requests": loader.count,
                "t": round(now),
                "rss_kb": workers(master),
                "errors": loader.errors,
            }
            print("mark", result["mark"], flush=True)
        if now >= next_sample:
            sample = {"t": round(now), "rss_kb": workers(master)}
            if loader is not None:
                sample.update(requests=loader.count, errors=loader.errors)
            samples.append(sample)
            print(samples[-1], flush=True)
            next_sample += args.sample
        thread.join(timeout=1 if loader is not None and args.mark else args.sample)
    samples.append({"t": round(time.monotonic() - started), "rss_kb": workers(master)})
    baseline = next((s for s in samples if s["t"] >= args.warmup), samples[0])
    last = samples[-1]
    growth = {}
    for pid, rss in last["rss_kb"].items():
        if pid in baseline["rss_kb"]:
            growth[pid] = (rss - baseline["rss_kb"][pid]) / baseline["rss_kb"][pid]
    replaced = sorted(set(baseline["rss_kb"]) ^ set(last["rss_kb"]))
    total_base, total_last = sum(baseline["rss_kb"].values()), sum(last["rss_kb"].values())
    result.update(
        wrk=holder.get("wrk"),
        samples=samples,
        baseline_t=baseline["t"],
        growth_per_worker=growth,
        growth_max=max(growth.values()) if growth else None,
        growth_total=(total_last - total_base) / total_base if total_base else None,
        workers_replaced=replaced,
        loadavg_end=Path("/proc/loadavg").read_text().split()[:3],
    )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.label}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    print(
        json.dumps(
            {k: result[k] for k in ("wrk", "growth_per_worker", "growth_max", "workers_replaced")},
            default=str,
        )
    )
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
