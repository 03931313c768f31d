"""Working time left of a busy board's open items (issue 24), new arithmetic vs the day walk.

    .venv/bin/python bench/workdays.py [--deadlines 390] [--repeat 7] [--seed 24]

The workflow dashboard (``editorial.timeliness.by_urgency``) asks the body's calendar for
the working time from now to each open item's due time
(``WorkCalendar.elapsed_working_time`` inside the board's working periods). Here
``--deadlines`` due times lie 1 to 12 weeks in the past (the bench's items are weeks
overdue), at any time of day; "now" is Monday 7/12/2026 10:00 (+07:00). Both sides use one
long-lived calendar, as ``core.calendar`` keeps them; its year tables are built once before
timing. "old" is the day-by-day walk kept as ``reference_elapsed_working_time`` in
tests/vietnam/test_workdays_reference.py. The same is timed for ``working_days_between``
and ``add_working_days`` (consultation deadlines). Printed: the best of ``--repeat`` runs of
each side and the ratio new/old; the results are checked equal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from congthongtin.vietnam.workdays import DEFAULT_PERIODS, VN_TZ, WorkCalendar  # noqa: E402
from tests.vietnam.test_workdays_reference import (  # noqa: E402
    reference_add_working_days,
    reference_elapsed_working_time,
    reference_working_days_between,
)


def best(repeat: int, run) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadlines", type=int, default=390)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    now = dt.datetime(2026, 12, 7, 10, 0, tzinfo=VN_TZ)
    due = [
        now - dt.timedelta(weeks=rng.uniform(1, 12), minutes=rng.randrange(24 * 60))
        for _ in range(args.deadlines)
    ]
    calendar = WorkCalendar()
    calendar.elapsed_working_time(due[0], now)  # the year tables, once per process
    periods = DEFAULT_PERIODS

    cases = [
        (
            "elapsed_working_time (dashboard: working time left)",
            lambda: [calendar.elapsed_working_time(now, d, periods) for d in due],
            lambda: [reference_elapsed_working_time(calendar, now, d, periods) for d in due],
        ),
        (
            "working_days_between (days overdue)",
            lambda: [calendar.working_days_between(d, now) for d in due],
            lambda: [reference_working_days_between(calendar, d, now) for d in due],
        ),
        (
            "add_working_days (15-working-day deadlines)",
            lambda: [calendar.add_working_days(d, 15) for d in due],
            lambda: [reference_add_working_days(calendar, d, 15) for d in due],
        ),
    ]
    print(
        f"{args.deadlines} deadlines 1–12 weeks overdue, best of {args.repeat}; Python "
        f"{sys.version.split()[0]}"
    )
    for label, new, old in cases:
        new_time, new_result = best(args.repeat, new)
        old_time, old_result = best(args.repeat, old)
        assert new_result == old_result, label
        print(
            f"{label}: new {new_time * 1000:.2f} ms, old {old_time * 1000:.2f} ms, "
            f"new/old {new_time / old_time:.3f} (×{old_time / new_time:.0f} faster)"
        )


if __name__ == "__main__":
    main()
