"""The working calendar of a body: public holidays (``holidays``), the install's announced
swaps (``CONGTHONGTIN["WORK_CALENDAR_EXTRA_DAYS_OFF"/"…_WORKING_DAYS"]``) and the body's own
(``core.WorkCalendarSettings``). Read through ``congthongtin.core.bodies.work_calendar``."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from congthongtin.vietnam.workdays import WorkCalendar

from . import sitecache
from .conf import app_settings


@lru_cache(maxsize=32)
def _calendar(days_off: tuple, working_days: tuple) -> WorkCalendar:
    return WorkCalendar(extra_days_off=days_off, extra_working_days=working_days)


def _install_days(values) -> set[dt.date]:
    return {dt.date.fromisoformat(str(day)) for day in values}


def _site_days(site_id: int) -> tuple[tuple, tuple]:
    from .models import WorkCalendarSettings

    def build():
        found = WorkCalendarSettings.objects.filter(site_id=site_id).first()
        if found is None:
            return ((), ())
        return (tuple(found.days_off()), tuple(found.working_days()))

    return sitecache.cached(sitecache.make_key("work-calendar", site_id), build)


def calendar_for(site_id: int | None) -> WorkCalendar:
    days_off = _install_days(app_settings.WORK_CALENDAR_EXTRA_DAYS_OFF)
    working = _install_days(app_settings.WORK_CALENDAR_EXTRA_WORKING_DAYS)
    if site_id is not None:
        own_off, own_working = _site_days(site_id)
        days_off |= set(own_off)
        working |= set(own_working)
    return _calendar(tuple(sorted(days_off)), tuple(sorted(working)))
