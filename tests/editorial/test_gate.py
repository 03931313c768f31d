"""The publishing gate (R-SITE-2, R-SECRET-1, R-SUB-1) and its one-click conversion."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page, Site, WorkflowPage

from congthongtin.core.roles import COLLABORATOR, WORKFLOW_NAME
from congthongtin.editorial.gate import check_page
from congthongtin.editorial.models import SectionAssignment
from congthongtin.editorial.sections import GROUP_PREFIX
from congthongtin.home.models import HomePage, LeaderProfile, LeadersPage, StandardPage

TCVN3 = "C¨n cø c«ng v¨n sè 5724/UBND - CNTT ngµy 29/8/2011 cña UBND tØnh Thanh Hãa"
UNICODE = "Căn cứ công văn số 5724/UBND - CNTT ngày 29/8/2011 của UBND tỉnh Thanh Hóa"


def document(title, filename):
    doc = get_document_model()(title=title)
    doc.file.save(filename, ContentFile(b"%PDF-1.4 demo"), save=False)
    doc.save()
    return doc


class GateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)

    def page(self, **fields):
        fields.setdefault("author_name", "Lê Văn Cường")
        return StandardPage(title="Tin thử", **fields)

    def codes(self, page):
        return sorted({p.code for p in check_page(page)})

    def test_clean_page__no_problem(self):
        self.assertEqual(
            check_page(self.page(intro=UNICODE, body=[("paragraph", f"<p>{UNICODE} © «»</p>")])), []
        )

    def test_tcvn3__in_a_field_and_in_streamfield__reported_where_with_the_converted_text(self):
        problems = check_page(self.page(body=[("paragraph", f"<p>{TCVN3}</p>")], intro=TCVN3))
        fields = {p.field.split(".")[0] for p in problems}
        self.assertEqual(fields, {"intro", "body"})
        intro = next(p for p in problems if p.field == "intro")
        self.assertEqual(intro.code, "legacy_tcvn3")
        self.assertEqual(intro.suggestion, UNICODE[: len(intro.suggestion)])
        self.assertIn("TCVN", intro.message)

    def test_inline_children__checked_too(self):
        page = LeadersPage(title="Lãnh đạo", author_name="Ban biên tập")
        page.leaders = [
            LeaderProfile(
                full_name="Nguyễn Văn An", position="Chủ tịch", biography=f"<p>{TCVN3}</p>"
            )
        ]
        problems = check_page(page)
        self.assertEqual([p.field for p in problems], ["leaders.0.biography"])

    def test_provenance__classified_no_author_no_source(self):
        page = self.page(author_name="", classification="mat", origin="translated", source="")
        self.assertEqual(self.codes(page), ["classified", "no_author", "no_source"])

    def test_attachments__only_word_odt_pdf_and_images(self):
        good = document("Kế hoạch", "ke-hoach.pdf")
        bad = document("Bảng tính", "bang-tinh.xlsx")
        page = self.page(body=[("document", {"document": good, "title": ""})])
        self.assertEqual(check_page(page), [])
        page = self.page(body=[("document", {"document": bad, "title": ""})])
        problems = check_page(page)
        self.assertEqual([p.code for p in problems], ["attachment_type"])
        self.assertIn(".xlsx", problems[0].message)

    def test_fix_legacy__one_click__new_revision_in_unicode(self):
        admin = get_user_model().objects.create_superuser("qt", "qt@x.vn", "x" * 12)
        page = self.page(intro=TCVN3, live=False, body=[("paragraph", f"<p>{TCVN3}</p>")])
        self.home.add_child(instance=page)
        page.save_revision(user=admin)
        self.client.force_login(admin)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(edit, reverse("editorial:fix_legacy", args=[page.pk]))
        report = self.client.get(reverse("editorial:gate", args=[page.pk]))
        self.assertContains(report, UNICODE)
        response = self.client.post(reverse("editorial:fix_legacy", args=[page.pk]))
        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            fetch_redirect_response=False,
        )
        page.refresh_from_db()
        draft = page.get_latest_revision_as_object()
        self.assertEqual(draft.intro, UNICODE)
        self.assertIn(UNICODE, str(draft.body))
        self.assertEqual(check_page(draft), [])


class SetupTests(TestCase):
    def test_section_assignment__becomes_page_permission_and_goes_away(self):
        User = get_user_model()
        user = User.objects.create_user("ptdung", password="x" * 12)
        section = Page.objects.get(depth=2).add_child(instance=StandardPage(title="Tin tức"))
        assignment = SectionAssignment.objects.create(user=user, section=section)
        self.assertTrue(section.permissions_for_user(user).can_add_subpage())
        self.assertTrue(user.groups.filter(name__startswith=GROUP_PREFIX).exists())
        assignment.delete()
        user = User.objects.get(pk=user.pk)
        self.assertFalse(section.permissions_for_user(user).can_add_subpage())
        self.assertFalse(user.groups.filter(name__startswith=GROUP_PREFIX).exists())

    def test_new_portal__gets_the_workflow(self):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Xã mới", slug="xa-moi"))
        Site.objects.create(hostname="xamoi.example.vn", root_page=home, site_name="Xã mới")
        # Its own board and workflow, named after it, its steps naming its own groups.
        workflow = WorkflowPage.objects.get(page=home).workflow
        self.assertEqual(workflow.name, f"{WORKFLOW_NAME} · Xã mới")
        self.assertEqual(home.get_workflow(), workflow)
        step_groups = {g.name for task in workflow.tasks.specific() for g in task.groups.all()}
        self.assertTrue(step_groups)
        self.assertTrue(all(name.endswith(" · Xã mới") for name in step_groups))

    def test_default_setup__roles_exist_and_stock_workflow_is_off(self):
        from django.contrib.auth.models import Group
        from wagtail.models import Workflow

        self.assertTrue(Group.objects.filter(board_role__role=COLLABORATOR).exists())
        others = Workflow.objects.filter(active=True).exclude(name__startswith=WORKFLOW_NAME)
        self.assertFalse(others.exists())
        self.assertFalse(Group.objects.filter(name__in=["Editors", "Moderators"]).exists())
