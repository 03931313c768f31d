"""The board's back office (issue 20): what an editorial board does besides the three steps.

One module per part, each with its models in ``editorial/models/<part>.py``, its views in
``editorial/views/<part>.py`` and its admin registrations in
``editorial/backoffice/<part>_hooks.py`` (imported by ``editorial/backoffice/hooks.py``):

- ``timeliness``: each item's publication time limit (R-SLA-1), reminders, the report;
- ``reviews``: review intervals and "reviewed, still correct" marks (R-SLA-2);
- ``quotas``: the units' monthly supply against their quota (R-QUOTA-1);
- ``royalties``: coefficients, the monthly royalty sheet, its approval (R-ROY-1);
- ``inbox``: contributions sent to the standing office (S0 Đ5.4, S1 Đ14).

Two hooks join them: ``MENU_HOOK`` (menu items of the admin's "Back office" submenu) and
``REMINDERS_HOOK`` (functions ``(now, stdout) -> int`` that send what is due; the
``board_reminders`` command runs them all, every few minutes from the scheduler).
"""

MENU_HOOK = "congthongtin_backoffice_menu_item"
REMINDERS_HOOK = "congthongtin_board_reminders"
