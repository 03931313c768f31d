"""The publishing gate (R-SITE-2, R-SECRET-1, R-SUB-1), run on submit and on final approval.

It reads every text of an item — plain, rich text, StreamField and inline children — and
reports, with where it is:
- text that is not Unicode TCVN 6909 (legacy TCVN3/VNI/VIQR runs, not NFC, control
  characters), via ``congthongtin.vietnam.text.check``; R-SITE-2 says such content goes back to its
  sender for correction;
- a classification other than ``Thường`` (R-SECRET-1);
- a collected or translated item without its source, an item without author (R-SUB-1);
- attachments that are not Word/ODT/PDF documents or jpg/gif/bmp/png images (R-SUB-1).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from congthongtin.core.text import SKIPPED_FIELDS, iter_texts
from congthongtin.vietnam import text as vntext

ALLOWED_DOCUMENT_EXTENSIONS = {"doc", "docx", "odt", "pdf"}
ALLOWED_IMAGE_EXTENSIONS = {"jpg", "jpeg", "gif", "bmp", "png"}


@dataclass
class Problem:
    field: str  # model field name, or "<relation>.<index>.<field>"
    label: str  # what the editor sees as the field's name
    code: str
    message: str
    suggestion: str = ""  # converted text, for legacy runs
    details: dict = field(default_factory=dict)

    def __str__(self):
        return f"{self.label}: {self.message}"


class GateRefused(Exception):
    """Raised when a workflow step is refused by the gate; carries the problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def text_problems(obj) -> list[Problem]:
    problems = []
    for path, label, text in iter_texts(obj):
        for problem in vntext.check(text):
            if problem.severity != "error":
                continue  # warnings (NFC, look-alikes) are fixed by the convert action
            problems.append(
                Problem(
                    field=path,
                    label=str(label),
                    code=problem.code,
                    message=problem.message,
                    suggestion=getattr(problem, "suggestion", "") or "",
                    details={"start": problem.start, "end": problem.end},
                )
            )
    return problems


def attachment_problems(obj) -> list[Problem]:
    Document, Image = get_document_model(), get_image_model()
    document_ct = ContentType.objects.get_for_model(Document)
    image_ct = ContentType.objects.get_for_model(Image)
    wanted: dict[int, set[str]] = {document_ct.id: set(), image_ct.id: set()}
    paths: dict[tuple[int, str], str] = {}
    # Wagtail's own reference extraction finds files in FKs, choosers, StreamFields,
    # rich-text links and inline children alike.
    for (
        ct_id,
        object_id,
        model_path,
        _content_path,
    ) in ReferenceIndex._extract_references_from_object(obj):
        if ct_id in wanted:
            wanted[ct_id].add(object_id)
            paths[(ct_id, object_id)] = model_path
    problems = []
    checks = [
        (Document, document_ct.id, ALLOWED_DOCUMENT_EXTENSIONS, _("file")),
        (Image, image_ct.id, ALLOWED_IMAGE_EXTENSIONS, _("image")),
    ]
    for model, ct_id, allowed, kind in checks:
        for item in model.objects.filter(pk__in=wanted[ct_id]):
            extension = os.path.splitext(item.file.name)[1].lstrip(".").lower()
            if extension not in allowed:
                problems.append(
                    Problem(
                        field=paths[(ct_id, str(item.pk))],
                        label=str(kind),
                        code="attachment_type",
                        message=_(
                            "“%(title)s” is a .%(ext)s %(kind)s; "
                            "only %(allowed)s are accepted (R-SUB-1)."
                        )
                        % {
                            "title": item.title,
                            "ext": extension,
                            "kind": kind,
                            "allowed": ", ".join(sorted(allowed)),
                        },
                    )
                )
    return problems


def provenance_problems(page) -> list[Problem]:
    from congthongtin.core.models import ContentOrigin

    problems = []
    if not hasattr(page, "classification"):
        return problems
    if page.classification != "thuong":
        problems.append(
            Problem(
                "classification",
                str(page._meta.get_field("classification").verbose_name),
                "classified",
                _("Content classified above “Normal” may never be published (R-SECRET-1)."),
            )
        )
    if not (page.author_name or "").strip():
        problems.append(
            Problem(
                "author_name",
                str(page._meta.get_field("author_name").verbose_name),
                "no_author",
                _("The author's name is required (R-SUB-1)."),
            )
        )
    if (
        page.origin in (ContentOrigin.COLLECTED, ContentOrigin.TRANSLATED)
        and not (page.source or "").strip()
    ):
        problems.append(
            Problem(
                "source",
                str(page._meta.get_field("source").verbose_name),
                "no_source",
                _("A collected or translated item must name its source (R-SUB-1)."),
            )
        )
    return problems


def check_page(page) -> list[Problem]:
    """Every gate problem of ``page`` as it is in memory (a form's instance, a revision)."""
    if isinstance(page, Page):
        page = page.specific if type(page) is Page else page
    return [*provenance_problems(page), *text_problems(page), *attachment_problems(page)]


def check_revision(revision) -> list[Problem]:
    return check_page(revision.as_object()) if revision is not None else []


def fix_legacy_text(obj) -> int:
    """Convert every legacy-encoded run in ``obj``'s texts in place; returns fields changed."""
    changed = 0
    for model_field in obj._meta.concrete_fields:
        if model_field.name in SKIPPED_FIELDS or model_field.is_relation:
            continue
        value = model_field.value_from_object(obj)
        if isinstance(model_field, StreamField):
            raw = value.get_prep_value() if hasattr(value, "get_prep_value") else value
            fixed = _fix_raw(raw)
            if fixed != raw:
                setattr(obj, model_field.name, fixed)
                changed += 1
        elif isinstance(value, str) and value:
            fixed = vntext.clean(value)
            if fixed != value:
                setattr(obj, model_field.name, fixed)
                changed += 1
    from modelcluster.models import ClusterableModel, get_all_child_relations

    if isinstance(obj, ClusterableModel):
        for relation in get_all_child_relations(obj):
            children = list(getattr(obj, relation.get_accessor_name()).all())
            child_changes = sum(fix_legacy_text(child) for child in children)
            if child_changes:
                setattr(obj, relation.get_accessor_name(), children)
                changed += child_changes
    return changed


def _fix_raw(value):
    if isinstance(value, str):
        return vntext.clean(value)
    if isinstance(value, dict):
        return {k: (v if k in ("id", "type") else _fix_raw(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_fix_raw(item) for item in value]
    return value
