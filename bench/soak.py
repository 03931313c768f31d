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
"""

from __future__ import annotations

import argparse
import json
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
    args = parser.parse_args()
    setup_django()
    master = int((ROOT / "var" / "stack" / "gunicorn.pid").read_text())
    paths = soak_paths(args.pages)
    seconds = int(args.minutes * 60)
    result = {
        "label": args.label,
        "machine": machine(),
        "minutes": args.minutes,
        "distinct_paths": len(paths),
        "connections": args.connections,
    }
    print(f"soak {args.minutes} min, {len(paths)} paths, master {master}", flush=True)
    holder: dict = {}

    def load():
        holder["wrk"] = wrk(
            APP,
            seconds,
            connections=args.connections,
            script=mixed_script(paths),
            timeout=30,
        )

    thread = threading.Thread(target=load, daemon=True)
    started = time.monotonic()
    thread.start()
    samples = []
    while thread.is_alive():
        elapsed = round(time.monotonic() - started)
        samples.append({"t": elapsed, "rss_kb": workers(master)})
        print(samples[-1], flush=True)
        thread.join(timeout=args.sample)
    samples.append({"t": round(time.monotonic() - started), "rss_kb": workers(master)})
    baseline = next(s for s in samples if s["t"] >= args.warmup)
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
