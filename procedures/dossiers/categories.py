"""The status words of one-stop systems → :class:`~congthongtin.procedures.choices.DossierCategory`.

Each province's system words its statuses its own way ("Đang xử lý", "Đang giải quyết",
"Chờ bổ sung", "Đã trả kết quả", "Trả lại hồ sơ"…). The page shows the words as exported
and uses the category only to style and explain them, so a status nobody foresaw is still
shown, as "Other". Rules are tried in order: "yêu cầu bổ sung" must win over "xử lý",
"trả lại hồ sơ" (sent back unhandled) over "trả kết quả".
"""

from __future__ import annotations

import re

from congthongtin.vietnam.fold import fold

from ..choices import DossierCategory as C

#: (category, folded words any of which marks it), first match wins.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (C.ADDITIONAL, ("bo sung", "additional", "supplement")),
    (
        C.REFUSED,
        ("tu choi", "khong giai quyet", "khong du dieu kien", "tra lai ho so", "huy", "refused"),
    ),
    (C.RETURNED, ("da tra ket qua", "da tra", "da nhan ket qua", "returned", "delivered")),
    (
        C.DONE,
        ("co ket qua", "hoan thanh", "da giai quyet", "da xu ly", "cho tra", "done", "completed"),
    ),
    (
        C.IN_PROGRESS,
        (
            "dang",
            "xu ly",
            "giai quyet",
            "tham dinh",
            "phe duyet",
            "chuyen",
            "qua han",
            "in progress",
            "processing",
        ),
    ),
    (C.RECEIVED, ("tiep nhan", "moi nhan", "cho tiep nhan", "received", "new")),
)


def category_of(status: str) -> str:
    """Whole words only: "huỷ" (cancelled) must not match "huyện"."""
    words = " " + " ".join(re.findall(r"[a-z0-9]+", fold(status or ""))) + " "
    for category, markers in RULES:
        if any(f" {marker} " in words for marker in markers):
            return category
    return C.UNKNOWN
