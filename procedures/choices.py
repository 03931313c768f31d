"""Value lists of the national procedure database (CSDL quốc gia về TTHC).

The stored values are ASCII slugs so that they can be used as filter values in addresses
(``?cap=xa``, ``?truc_tuyen=toan-trinh``).
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The national code: ``1.001193``; a province's copy adds the agency suffix
#: ``1.001193.000.00.00.H56`` (the form dichvucong.gov.vn shows in local catalogues).
PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")


class ProcedureLevel(models.TextChoices):
    """Cấp thực hiện. Districts were abolished on 01/07/2025: their procedures are archived."""

    PROVINCE = "tinh", _("Provincial level")
    COMMUNE = "xa", _("Commune level")
    FORMER_DISTRICT = "huyen", _("District level (archived)")
    OTHER = "khac", _("Other")


class Audience(models.TextChoices):
    """Đối tượng thực hiện, as the national database names them."""

    CITIZEN = "cong-dan", _("Vietnamese citizens")
    OVERSEAS_VIETNAMESE = "viet-kieu", _("Vietnamese residing abroad")
    FOREIGNER = "nguoi-nuoc-ngoai", _("Foreigners")
    ENTERPRISE = "doanh-nghiep", _("Enterprises")
    COOPERATIVE = "hop-tac-xa", _("Cooperatives")
    ORGANISATION = "to-chuc", _("Other organisations")
    OFFICIAL = "can-bo", _("Public officials and employees")


class OnlineLevel(models.TextChoices):
    """Decree 224/2026/NĐ-CP Điều 14: fully online by default; partly online only with a
    published reason."""

    FULL = "toan-trinh", _("Fully online (toàn trình)")
    PARTIAL = "mot-phan", _("Partly online (một phần)")
    NONE = "khong", _("Not online")


class PartialReason(models.TextChoices):
    """The reasons Decree 224/2026 Điều 14 accepts for a partly online service."""

    PRESENCE = "co-mat", _("The person must be present in person")
    SITE_CHECK = "xac-minh", _("On-site verification is required")
    INCIDENT = "su-co", _("A technical incident")
    TECHNICAL = "ky-thuat", _("Other technical reasons")


class LegacyLevel(models.IntegerChoices):
    """Mức độ 1–4 of the repealed Decree 43/2011 (kept as data only; Decree 224/2026 Điều 16
    gives "mức độ 1–4" a new meaning for proactive services)."""

    LEVEL_1 = 1, _("Level 1 (Decree 43/2011)")
    LEVEL_2 = 2, _("Level 2 (Decree 43/2011)")
    LEVEL_3 = 3, _("Level 3 (Decree 43/2011)")
    LEVEL_4 = 4, _("Level 4 (Decree 43/2011)")


class SubmissionChannel(models.TextChoices):
    """Hình thức nộp (cách thức thực hiện)."""

    IN_PERSON = "truc-tiep", _("In person")
    POST = "buu-chinh", _("By post")
    ONLINE = "truc-tuyen", _("Online")


class DossierCategory(models.TextChoices):
    """Where a dossier stands, whatever words the one-stop system used for its status
    (``procedures.dossiers.categories`` maps them)."""

    RECEIVED = "tiep-nhan", _("Received")
    IN_PROGRESS = "dang-xu-ly", pgettext_lazy("dossier", "Being handled")
    ADDITIONAL = "bo-sung", _("Additional documents requested")
    DONE = "co-ket-qua", _("Result ready")
    RETURNED = "da-tra", _("Result returned")
    REFUSED = "tu-choi", pgettext_lazy("dossier", "Refused")
    UNKNOWN = "khac", _("Other")
