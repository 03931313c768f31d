"""load_demo builds the Như Xuân portal and is idempotent (issue 2)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from congthongtin.core import roles
from congthongtin.core.bodies import body_of, holds, in_sites, is_archive
from congthongtin.core.models import BoardRole, Body, Official, PortalSettings, Unit
from congthongtin.home.models import LeaderProfile
from congthongtin.nhuxuan_site.demo import bodies
from congthongtin.nhuxuan_site.management.commands.load_demo import DEMO_ACCOUNTS
from tests.shared_demo import DemoTestCase

COUNTED = (
    Page,
    Unit,
    Official,
    LeaderProfile,
    get_image_model(),
    Site,
    Body,
    BoardRole,
    Redirect,
    get_user_model(),
)


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_output = StringIO()
        call_command("load_demo", stdout=cls.first_output)
        cls.counts = {model: model.objects.count() for model in COUNTED}

    def test_first_run__portal_identity_from_seed_s0(self):
        settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
        self.assertEqual(settings.web_address, "http://nhuxuan.thanhhoa.gov.vn")
        self.assertEqual(settings.email, "nhuxuan@thanhhoa.gov.vn")
        self.assertEqual(settings.parent_portal_url, "https://thanhhoa.gov.vn")
        self.assertIn("Như Xuân", settings.name)

    def test_without_port__every_body_on_the_default_sites_port(self):
        """The browser tests' live server and the loopback stack serve the demo on their own
        ports: without --port, load_demo keeps the default site's (as migrated)."""
        ports = set(Site.objects.values_list("port", flat=True))
        self.assertEqual(ports, {Site.objects.get(is_default_site=True).port})
        self.assertEqual(Site.objects.count(), 3)

    def test_first_run__directory_size(self):
        self.assertGreaterEqual(Unit.objects.count(), 6)
        self.assertGreaterEqual(Official.objects.count(), 15)

    def test_first_run__accounts_with_one_time_passwords_printed(self):
        output = self.first_output.getvalue()
        users = get_user_model().objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
        self.assertEqual(users.count(), len(DEMO_ACCOUNTS))
        for user in users:
            line = next(
                line for line in output.splitlines() if line.strip().startswith(user.username)
            )
            password = line.split()[-1]
            self.assertGreaterEqual(len(password), 12)
            self.assertTrue(user.check_password(password))
        self.assertEqual(
            get_user_model().objects.get(username="nvan").get_full_name(), "Nguyễn Văn An"
        )

    def test_first_run__accounts_and_roles_in_the_auditors_log_once(self):
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import ModelLogEntry

        nvan = get_user_model().objects.get(username="nvan")
        # The account's entries only: another model's row may have the same id (the demo's
        # royalty sheet, its prepared entry).
        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(nvan), object_id=str(nvan.pk)
        )
        self.assertEqual(
            sorted(entries.values_list("action", flat=True)),
            ["editorial.account_created", "editorial.role_granted"],
        )
        self.assertIsNone(entries.first().user_id)  # given by the system, not a person
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(entries.count(), 2)  # a second run grants nothing again

    def test_second_run__no_duplicates_and_passwords_kept(self):
        nvan = get_user_model().objects.get(username="nvan")
        nvan.set_password("mat-khau-rieng-123")
        nvan.save()
        output = StringIO()
        call_command("load_demo", stdout=output)
        self.assertEqual({model: model.objects.count() for model in COUNTED}, self.counts)
        nvan.refresh_from_db()
        self.assertTrue(nvan.check_password("mat-khau-rieng-123"))
        self.assertIn("unchanged", output.getvalue())

    def test_password_option__sets_one_password_for_all(self):
        call_command("load_demo", password="demo-password-1", stdout=StringIO())
        for username, *_ in DEMO_ACCOUNTS:
            self.assertTrue(
                get_user_model().objects.get(username=username).check_password("demo-password-1")
            )

    def test_demo_pages__every_page_renders(self):
        default = Site.objects.get(is_default_site=True)
        for page in in_sites(Page.objects.live().filter(depth__gte=2), [default.pk]):
            with self.subTest(url=page.url):
                response = self.client.get(page.get_url(current_site=default))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "nhuxuan@thanhhoa.gov.vn")

    def test_other_bodies__every_page_renders_on_its_own_host(self):
        for data in bodies.BODIES:
            site = Site.objects.get(hostname=data["hostname"])
            pages = in_sites(Page.objects.live(), [site.pk])
            self.assertGreaterEqual(pages.count(), 3, data["name"])
            for page in pages:
                with self.subTest(body=data["name"], page=page.title):
                    response = self.client.get(
                        page.get_url(current_site=site), HTTP_HOST=f"{site.hostname}:{site.port}"
                    )
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, data["portal"]["name"])
                    self.assertNotContains(response, "nhuxuan@thanhhoa.gov.vn")


class DemoBodiesTests(TestCase):
    """Issue R-SITE-1: the demo serves three bodies, each with its own board."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", port=8000, stdout=StringIO())  # as make run calls it
        cls.default = Site.objects.get(is_default_site=True)
        cls.xuan_binh = Site.objects.get(hostname=bodies.XUAN_BINH["hostname"])
        cls.archive = Site.objects.get(hostname=bodies.FORMER_DISTRICT["hostname"])

    def user(self, username):
        return get_user_model().objects.get(username=username)

    def test_sites__served_by_make_run_on_localhost_names(self):
        self.assertEqual(
            sorted((site.hostname, site.port) for site in Site.objects.all()),
            [
                ("huyen-nhuxuan.localhost", 8000),
                ("localhost", 8000),
                ("xuanbinh.localhost", 8000),
            ],
        )
        self.assertEqual(self.xuan_binh.site_name, "Xã Xuân Bình")

    def test_xuan_binh__active_commune_with_its_board_groups(self):
        self.assertFalse(body_of(self.xuan_binh).is_archive)
        self.assertEqual(
            set(BoardRole.objects.filter(site=self.xuan_binh).values_list("role", flat=True)),
            set(roles.BODY_ROLES),
        )
        settings = PortalSettings.for_site(self.xuan_binh)
        self.assertEqual(settings.email, "xuanbinh@thanhhoa.gov.vn")

    def test_xuan_binh__news_item_proposed_to_nhu_xuan__in_its_inbox_once(self):
        from congthongtin.editorial.models import UpwardProposal

        self.assertEqual(body_of(self.xuan_binh).parent, body_of(self.default))
        proposal = UpwardProposal.objects.get()
        self.assertEqual(
            (proposal.source_site, proposal.target_site), (self.xuan_binh, self.default)
        )
        self.assertEqual(proposal.state, "proposed")
        self.assertEqual(proposal.contribution.site, self.default)
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(UpwardProposal.objects.count(), 1)

    def test_former_district__archive_with_the_default_site_as_successor(self):
        body = body_of(self.archive)
        self.assertTrue(body.is_archive)
        self.assertEqual(body.successor, self.default)
        self.assertIsNotNone(body.archived_at)
        self.assertTrue(is_archive(self.archive))
        level = PortalSettings.for_site(self.archive).administrative_level
        self.assertEqual(level, "former-district")

    def test_xuan_binh_accounts__roles_on_their_body_only(self):
        expected = {
            "lvkhanh": roles.HEAD,
            "ctlan": roles.DEPUTY,
            "qvminh": roles.EDITOR,
            "htnga": roles.AUDITOR,
        }
        for username, role in expected.items():
            with self.subTest(username=username):
                user = self.user(username)
                self.assertTrue(holds(user, role, self.xuan_binh))
                self.assertFalse(holds(user, roles.ALL_ROLES, self.default))
                self.assertFalse(holds(user, roles.ALL_ROLES, self.archive))

    def test_nhu_xuan_head__no_role_on_xuan_binh(self):
        nvan = self.user("nvan")
        self.assertTrue(holds(nvan, roles.HEAD, self.default))
        self.assertFalse(holds(nvan, roles.ALL_ROLES, self.xuan_binh))

    def test_lvcuong__editor_of_nhu_xuan_and_deputy_of_xuan_binh(self):
        lvcuong = self.user("lvcuong")
        self.assertTrue(holds(lvcuong, roles.EDITOR, self.default))
        self.assertFalse(holds(lvcuong, roles.DEPUTY, self.default))
        self.assertTrue(holds(lvcuong, roles.DEPUTY, self.xuan_binh))
        self.assertFalse(holds(lvcuong, roles.EDITOR, self.xuan_binh))

    def test_accounts__printed_with_their_body(self):
        output = StringIO()
        call_command("load_demo", stdout=output)
        lines = output.getvalue().splitlines()
        self.assertTrue(any("lvkhanh" in line and "Xã Xuân Bình" in line for line in lines))
        self.assertTrue(any("lvcuong" in line and "Xã Xuân Bình" in line for line in lines))
        self.assertIn("http://xuanbinh.localhost:8000/", output.getvalue())
        self.assertIn("http://huyen-nhuxuan.localhost:8000/", output.getvalue())

    def test_archive_redirects__old_addresses_lead_to_the_successor(self):
        host = f"{self.archive.hostname}:{self.archive.port}"
        for old_path, slug in bodies.FORMER_DISTRICT_REDIRECTS:
            with self.subTest(old_path=old_path):
                response = self.client.get(old_path, HTTP_HOST=host)
                self.assertIn(response.status_code, (301, 302))
                self.assertEqual(response["Location"], f"http://localhost:8000/{slug}/")
        self.assertEqual(Redirect.objects.filter(site=self.archive).count(), 3)

    def test_fast_mode__only_the_default_body_changed(self):
        before = {model: model.objects.count() for model in COUNTED}
        output = StringIO()
        call_command("load_demo", without_sections=True, stdout=output)
        self.assertEqual({model: model.objects.count() for model in COUNTED}, before)
        self.assertNotIn("lvkhanh", output.getvalue())

    def test_second_run__same_bodies_and_grants(self):
        before = {model: model.objects.count() for model in COUNTED}
        lvcuong_groups = set(self.user("lvcuong").groups.values_list("pk", flat=True))
        call_command("load_demo", stdout=StringIO())
        self.assertEqual({model: model.objects.count() for model in COUNTED}, before)
        self.assertEqual(
            set(self.user("lvcuong").groups.values_list("pk", flat=True)), lvcuong_groups
        )


class DemoSearchTests(DemoTestCase):
    """Issue 9: on the demo data, citizens' unaccented queries find the intended page."""

    def test_citizen_queries__intended_item_in_top_three(self):
        from congthongtin.search import query as search

        site = Site.objects.get(is_default_site=True)
        expected = {
            "dang ky ket hon": "Đăng ký kết hôn",
            "giay phep xay dung": "giấy phép xây dựng",
            "nghi dinh 42/2022": "Nghị định 42/2022/NĐ-CP",
            "42/2022/ND-CP": "Nghị định 42/2022/NĐ-CP",
            "dat dai": "quyền sử dụng đất",
            "hoa giai": "hòa giải",
            "thu tuc 1.001193": "Đăng ký khai sinh",  # a procedure code among other words
        }
        for query, wanted in expected.items():
            with self.subTest(query=query):
                top = search.run(query, site, search.Filters()).hits[:3]
                labels = [f"{h.document.heading} {h.document.title}" for h in top]
                self.assertTrue(any(wanted in label for label in labels), labels)
