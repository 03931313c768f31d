"""Effect status follows the relations: on the newer document's effective date, not before;
through a published revision; in the audit log."""

import datetime
import io
import json

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import PageLogEntry

from congthongtin.legal.models import (
    EffectStatus,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)
from congthongtin.legal.status import STATUS_CHANGE_ACTION, apply_relation_status
from tests.legal.factories import add_document, doc_type, make_library

D = datetime.date


class StatusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        library = make_library()
        nd = doc_type("Nghị định")
        cls.old = add_document(
            library,
            title="Nghị định cũ",
            number_symbol="43/2011/NĐ-CP",
            document_type=nd,
            issue_date=D(2011, 6, 13),
        )
        cls.partly = add_document(
            library,
            title="Thông tư cũ",
            number_symbol="26/2009/TT-BTTTT",
            document_type=doc_type("Thông tư"),
            issue_date=D(2009, 7, 31),
        )
        cls.new = add_document(
            library,
            title="Nghị định mới",
            number_symbol="42/2022/NĐ-CP",
            document_type=nd,
            issue_date=D(2022, 6, 24),
            effective_date=D(2022, 8, 15),
        )
        cls.future = add_document(
            library,
            title="Luật chưa có hiệu lực",
            number_symbol="148/2025/QH15",
            document_type=doc_type("Luật"),
            issue_date=D(2025, 12, 11),
            effective_date=D(2026, 7, 1),
            effect_status=EffectStatus.NOT_YET,
        )
        LegalDocumentRelation.objects.create(
            page=cls.new, target=cls.old, relation_type=RelationType.REPLACES, note="Điều 40"
        )
        LegalDocumentRelation.objects.create(
            page=cls.new, target=cls.partly, relation_type=RelationType.REPEALS, partial=True
        )
        for page in (cls.old, cls.partly, cls.new, cls.future):
            page.save_revision().publish()

    def fresh(self, page):
        return LegalDocumentPage.objects.get(pk=page.pk)

    def test_before_effective_date__nothing_changes(self):
        changes = apply_relation_status(D(2022, 8, 14))
        self.assertEqual(changes, [])
        self.assertEqual(self.fresh(self.old).effect_status, EffectStatus.IN_FORCE)

    def test_on_effective_date__replaced_and_partly_repealed(self):
        changes = apply_relation_status(D(2022, 8, 15))
        self.assertEqual(
            {(c.page_id, c.new_status) for c in changes},
            {(self.old.pk, EffectStatus.EXPIRED), (self.partly.pk, EffectStatus.PARTLY_EXPIRED)},
        )
        old = self.fresh(self.old)
        self.assertEqual(old.effect_status, EffectStatus.EXPIRED)
        self.assertEqual(old.expiry_date, D(2022, 8, 15))
        self.assertIn("42/2022/NĐ-CP", old.status_note)
        self.assertEqual(self.fresh(self.partly).effect_status, EffectStatus.PARTLY_EXPIRED)
        self.assertIsNone(self.fresh(self.partly).expiry_date)

    def test_change__published_revision_and_audit_log(self):
        before = self.fresh(self.old).latest_revision_id
        apply_relation_status(D(2023, 1, 1))
        old = self.fresh(self.old)
        self.assertNotEqual(old.latest_revision_id, before)
        self.assertEqual(old.live_revision_id, old.latest_revision_id)
        self.assertFalse(old.has_unpublished_changes)
        self.assertEqual(old.live_revision.as_object().effect_status, EffectStatus.EXPIRED)
        entry = PageLogEntry.objects.get(page=old, action=STATUS_CHANGE_ACTION)
        self.assertEqual(entry.data["new_status"], EffectStatus.EXPIRED)
        self.assertEqual(entry.data["cause"], "Nghị định 42/2022/NĐ-CP")
        self.assertEqual(entry.revision_id, old.live_revision_id)
        self.assertIn("42/2022/NĐ-CP", entry.message)
        self.assertTrue(PageLogEntry.objects.filter(page=old, action="wagtail.publish").exists())

    def test_second_run__no_more_changes(self):
        apply_relation_status(D(2023, 1, 1))
        self.assertEqual(apply_relation_status(D(2023, 1, 1)), [])

    def test_editor_draft__kept_with_new_status(self):
        draft = self.fresh(self.old)
        draft.summary = "Bản tóm tắt đang sửa"
        draft.save_revision()
        apply_relation_status(D(2023, 1, 1))
        old = self.fresh(self.old)
        self.assertTrue(old.has_unpublished_changes)
        latest = old.get_latest_revision_as_object()
        self.assertEqual(latest.summary, "Bản tóm tắt đang sửa")
        self.assertEqual(latest.effect_status, EffectStatus.EXPIRED)
        self.assertEqual(old.effect_status, EffectStatus.EXPIRED)
        self.assertNotEqual(old.summary, "Bản tóm tắt đang sửa")  # the draft is not published

    def test_not_yet_in_force__becomes_in_force_on_its_date(self):
        self.assertNotIn(self.future.pk, [c.page_id for c in apply_relation_status(D(2026, 6, 30))])
        self.assertEqual(self.fresh(self.future).effect_status, EffectStatus.NOT_YET)
        apply_relation_status(D(2026, 7, 1))
        self.assertEqual(self.fresh(self.future).effect_status, EffectStatus.IN_FORCE)

    def test_banner__newer_document_linked(self):
        apply_relation_status(D(2023, 1, 1))
        response = self.client.get(self.fresh(self.old).url)
        self.assertContains(response, "Văn bản này đã bị thay thế bởi")
        self.assertContains(response, f'<a href="{self.new.url}">Nghị định 42/2022/NĐ-CP</a>')
        self.assertContains(response, "15/08/2022")
        self.assertContains(response, "(Điều 40)")
        response = self.client.get(self.partly.url)
        self.assertContains(response, "Một phần văn bản này đã bị bãi bỏ bởi")

    def test_banner__before_the_date__announced(self):
        later = add_document(
            self.new.get_parent(),
            title="Nghị định sau này",
            number_symbol="9/2099/NĐ-CP",
            document_type=doc_type("Nghị định"),
            issue_date=D(2099, 1, 1),
            effective_date=D(2099, 3, 1),
        )
        LegalDocumentRelation.objects.create(
            page=later, target=self.new, relation_type=RelationType.REPEALS
        )
        response = self.client.get(self.new.url)
        self.assertContains(response, "Văn bản này sẽ bị bãi bỏ bởi")
        self.assertContains(response, "01/03/2099")
        self.assertEqual(self.fresh(self.new).effect_status, EffectStatus.IN_FORCE)

    def test_draft_newer_document__changes_nothing(self):
        LegalDocumentPage.objects.filter(pk=self.new.pk).update(live=False)
        self.assertEqual(apply_relation_status(D(2023, 1, 1)), [])

    def test_command__dry_run_then_apply(self):
        out = io.StringIO()
        call_command("update_legal_status", "--dry-run", "--date", "2023-01-01", stdout=out)
        self.assertIn("Sẽ thay đổi 2 văn bản", out.getvalue())
        self.assertEqual(self.fresh(self.old).effect_status, EffectStatus.IN_FORCE)
        out = io.StringIO()
        call_command("update_legal_status", "--date", "2023-01-01", "--json", stdout=out)
        rows = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual(len(rows), 2)
        self.assertTrue(all(row["applied"] for row in rows))
        self.assertEqual(self.fresh(self.old).effect_status, EffectStatus.EXPIRED)
