"""Load the demo portal of Như Xuân (seed S0). Idempotent: run it as often as you like."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.core.models import Official, PortalSettings, Unit
from congthongtin.editorial.models import SectionAssignment
from congthongtin.home.models import (
    BoundaryMapPage,
    DirectoryPage,
    HomePage,
    LeaderProfile,
    LeadersPage,
    SitemapPage,
    StandardPage,
)
from congthongtin.nhuxuan_site.demo import backoffice as backoffice_demo
from congthongtin.nhuxuan_site.demo import bodies, content
from congthongtin.nhuxuan_site.demo import stats as stats_demo
from congthongtin.nhuxuan_site.demo.builder import (
    body_stream,
    ensure_child,
    ensure_image,
    ensure_user,
)

#: Demo content of the domain apps, in the order they load (DemoContext is their input).
DEMO_LOADERS: list[str] = [
    "congthongtin.nhuxuan_site.demo.legal",
    "congthongtin.nhuxuan_site.demo.news",
    "congthongtin.nhuxuan_site.demo.projects",
    "congthongtin.nhuxuan_site.demo.procedures",
    "congthongtin.nhuxuan_site.demo.consultation",
    "congthongtin.nhuxuan_site.demo.exchanges",
    "congthongtin.nhuxuan_site.demo.inbox",
    "congthongtin.nhuxuan_site.demo.backoffice",
    "congthongtin.nhuxuan_site.demo.budget",
    "congthongtin.nhuxuan_site.demo.subscriptions",
]


@dataclass
class DemoContext:
    home: HomePage
    site: Site
    officials: dict[str, Official]  # directory entries by the demo content's keys
    sections: dict[str, tuple[str, str]]  # slug → (title, intro) of the top-level sections
    stdout: object = None


#: Demo accounts (R-ACC-1 user names) and the role each plays on the editorial board.
DEMO_ACCOUNTS = [
    ("nvan", "Nguyễn Văn An", "head"),
    ("ttbinh", "Trần Thị Bình", "deputy"),
    ("lvcuong", "Lê Văn Cường", "editor"),
    ("ptdung", "Phạm Thị Dung", "collaborator"),
    ("hvem", "Hoàng Văn Em", "auditor"),
    ("vtgiang", "Vũ Thị Giang", "technical-admin"),
    ("dvhai", "Đỗ Văn Hải", "unit-officer"),
    ("ntlan", "Nguyễn Thị Lan", "standing-office"),
    ("lvkhoa", "Lê Văn Khoa", "body-head"),
]

#: Roles per demo account (core.roles), on the default site's board (groups made by
#: editorial's step of setup_portal; core.bodies.role_group).
ROLE_GROUPS = {
    "head": [roles.HEAD],
    "deputy": [roles.DEPUTY],
    "editor": [roles.EDITOR],
    "collaborator": [roles.COLLABORATOR],
    "auditor": [roles.AUDITOR],
    "technical-admin": [roles.TECH_ADMIN],
    "unit-officer": [roles.UNIT_OFFICER],
    "standing-office": [roles.STANDING_OFFICE],
    "body-head": [roles.BODY_HEAD],
}

#: Sections each writer may work in (R-SUB-2), by slug under the home page; the first that
#: exists is assigned.
SECTION_ASSIGNMENTS = {
    "ptdung": ["tin-tuc", "gioi-thieu"],
    "dvhai": ["thu-tuc-hanh-chinh", "gioi-thieu"],
}

ROLE_LABELS = {
    "head": "Trưởng Ban biên tập",
    "deputy": "Phó Trưởng Ban biên tập",
    "editor": "Biên tập viên",
    "collaborator": "Cộng tác viên",
    "auditor": "Kiểm tra",
    "technical-admin": "Quản trị kỹ thuật",
    "unit-officer": "Cán bộ đầu mối đơn vị",
    "standing-office": "Thường trực Ban biên tập",
    "body-head": "Thủ trưởng cơ quan",
}


#: Printed instead of a password for a second role of an account listed above.
SAME_ACCOUNT = "(same account, see above)"


class Command(BaseCommand):
    help = "Load the Như Xuân demo portal (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Set this password for every demo account (local demos only).",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Issue new one-time passwords for existing demo accounts too.",
        )
        parser.add_argument(
            "--without-sections",
            action="store_true",
            help=(
                "Only the default portal, its organisation pages, directory and accounts, "
                "without the other bodies (fast; tests)."
            ),
        )
        parser.add_argument(
            "--hostname",
            default=None,
            help="Hostname of the demo site (default: keep the default site's).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help=(
                "Port the demo's sites are served on (make run passes its own, 8000), so "
                "that links from one body to another (an archive's redirects) keep it. "
                "Default: the default site's port as it is; the other bodies use it too."
            ),
        )

    def handle(self, *args, **options):
        if options["password"] is not None and len(options["password"]) < 10:
            raise CommandError("--password must be at least 10 characters long.")
        # The roles, the workflow and the home page the demo fills (idempotent).
        call_command("setup_portal", verbosity=0)
        with transaction.atomic():
            site = self.load_site(options["hostname"], options["port"])
            home = site.root_page.specific
            self.load_directory(site)
            self.load_pages(home)
            passwords = self.load_accounts(options["password"], options["reset_passwords"])
            if not options["without_sections"]:
                self.load_sections(home)
            self.assign_sections(home)
            # The other bodies of the install (R-SITE-1): a neighbouring commune with its
            # own board, and the former district as an archive (demo/bodies.py). Not in the
            # fast mode: the tests using it see one body, as before.
            sites = {}
            if not options["without_sections"]:
                sites = bodies.load(port=site.port)
                for data in bodies.BODIES:
                    passwords += self.load_accounts(
                        options["password"],
                        options["reset_passwords"],
                        accounts=data["accounts"],
                        site=sites[data["key"]],
                        email_domain=data["key"],
                        also=data["also"],
                    )
                bodies.load_upward(sites)  # a Xuân Bình news item proposed upward
                # Xuân Bình's board at work too: an item waits for its head.
                backoffice_demo.load_other_body(sites[bodies.XUAN_BINH["key"]])
        if not options["without_sections"]:
            # Last, outside the transaction: every body's pages exist, and the log reader
            # commits chunk by chunk under its own lock (demo/stats.py; idempotent).
            stats_demo.load(stdout=self.stdout)
        # The open data files of every body with an open data page (/du-lieu-mo/).
        call_command("generate_open_data", "--all", stdout=StringIO())
        self.stdout.write(self.style.SUCCESS(f"Demo portal ready: {content.PORTAL['name']}"))
        for data in bodies.BODIES:
            site = sites.get(data["key"])
            if site is None:
                continue
            state = " (archive)" if data["status"] == bodies.BodyStatus.ARCHIVE else ""
            self.stdout.write(f"  {data['name']}{state}: {site.root_url}/")
        self.print_accounts(passwords)

    # Site and identity -------------------------------------------------------------
    def load_site(self, hostname: str | None, port: int | None) -> Site:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default site: run `manage.py setup_portal` first.")
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            raise CommandError("The default site's root page is not a HomePage.")
        if not home.intro:
            home.intro = content.HOME_INTRO_HTML
            home.save_revision().publish()
        site.site_name = content.PORTAL["short_name"] or content.PORTAL["name"]
        if hostname:
            site.hostname = hostname
        if port is not None:
            site.port = port
        site.save()
        settings = PortalSettings.for_site(site)
        for field, value in content.PORTAL.items():
            setattr(settings, field, value)
        settings.save()
        return site

    # Directory -----------------------------------------------------------------------
    def load_directory(self, site: Site) -> None:
        units: dict[str, Unit] = {}
        self.officials: dict[str, Official] = {}
        for order, data in enumerate(content.UNITS, start=1):
            unit, _ = Unit.objects.update_or_create(
                site=site,
                name=data["name"],
                defaults={
                    "address": data.get("address", ""),
                    "phone": data.get("phone", ""),
                    "email": data.get("email", ""),
                    "website": data.get("website", ""),
                    "sort_order": order * 10,
                },
            )
            units[data["key"]] = unit
        for data in content.UNITS:
            parent = units.get(data.get("parent_key") or "")
            unit = units[data["key"]]
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                unit.save()
            for order, person in enumerate(data["officials"], start=1):
                official, _ = Official.objects.update_or_create(
                    unit=unit,
                    full_name=person["full_name"],
                    defaults={
                        "position": person["position"],
                        "phone": person.get("phone", ""),
                        "email": person.get("email", ""),
                        "sort_order": order * 10,
                    },
                )
                self.officials[person["key"]] = official

    # Pages ---------------------------------------------------------------------------
    def load_pages(self, home: HomePage) -> None:
        sections = {slug: (title, intro) for slug, title, intro in content.SECTIONS}
        title, intro = sections["gioi-thieu"]
        about, _ = ensure_child(
            home, StandardPage, "gioi-thieu", title=title, intro=intro, show_in_menus=True
        )
        for data in content.ORGANISATION_PAGES:
            ensure_child(
                about,
                StandardPage,
                data["slug"],
                title=data["title"],
                intro=data.get("intro", ""),
                body=body_stream(data["body"]),
                author_name="Ban biên tập",
                author_address=content.PORTAL["managing_body"],
            )
        self.load_leaders(about)
        self.load_boundary_map(about)
        ensure_child(
            home,
            DirectoryPage,
            "danh-ba",
            title="Danh bạ",
            intro="Danh bạ điện thoại và thư điện tử công vụ của các đơn vị, cán bộ, công chức.",
            show_in_menus=True,
        )
        ensure_child(home, SitemapPage, "so-do-trang", title="Sơ đồ trang")

    def load_leaders(self, about) -> None:
        page, created = ensure_child(
            about,
            LeadersPage,
            "lanh-dao",
            title="Lãnh đạo",
            intro=content.LEADERS_INTRO,
            author_name="Ban biên tập",
        )
        if not created:
            return
        for order, leader in enumerate(content.LEADERS):
            LeaderProfile.objects.create(
                page=page,
                sort_order=order,
                full_name=leader["full_name"],
                position=leader["position"],
                biography=leader["biography_html"],
                duties=leader["duties_html"],
                official=self.officials.get(leader.get("official_key") or ""),
            )
        page.save_revision().publish()

    def load_boundary_map(self, about) -> None:
        data = content.BOUNDARY_MAP
        image = ensure_image(
            "Bản đồ địa giới hành chính (minh họa)",
            lambda: self.draw_map(data["subdivisions"]),
        )
        ensure_child(
            about,
            BoundaryMapPage,
            "ban-do-dia-gioi-hanh-chinh",
            title=data["title"],
            map_image=image,
            map_description=data["map_description"],
            area_km2=Decimal(str(data["area_km2"])) if data.get("area_km2") else None,
            population=data.get("population"),
            population_year=data.get("population_year"),
            subdivisions=[
                (
                    "subdivision",
                    {
                        "name": sub["name"],
                        "area_km2": Decimal(str(sub["area_km2"])) if sub.get("area_km2") else None,
                        "population": sub.get("population"),
                    },
                )
                for sub in data["subdivisions"]
            ],
            body=body_stream(data.get("body", [])),
            author_name="Ban biên tập",
        )

    @staticmethod
    def draw_map(subdivisions) -> bytes:
        from congthongtin.nhuxuan_site.demo.mapdraw import draw_boundary_map

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "map.png"
            draw_boundary_map(str(path), subdivisions)
            return path.read_bytes()

    # Content of the domain apps ------------------------------------------------------
    def load_sections(self, home: HomePage) -> None:
        """Each app's demo content lives in ``nhuxuan_site/demo/<app>.py`` with a
        ``load(context)`` function; they run in DEMO_LOADERS order, after the accounts."""
        context = DemoContext(
            home=home,
            site=home.get_site(),
            officials=self.officials,
            sections={slug: (title, intro) for slug, title, intro in content.SECTIONS},
            stdout=self.stdout,
        )
        for module_name in DEMO_LOADERS:
            import_module(module_name).load(context)
        # Some demo content is made live without the publishing signals (Q&A answers):
        # rebuild the search rows once so the demo is fully searchable.
        call_command("reindex_search", stdout=StringIO())

    # Accounts ------------------------------------------------------------------------
    def load_accounts(
        self,
        password: str | None,
        reset: bool,
        *,
        accounts=DEMO_ACCOUNTS,
        site: Site | None = None,
        email_domain: str = "nhuxuan",
        also=(),
    ) -> list[tuple[str, str, str, str]]:
        """The board of ``site`` (None: the default site's): ``accounts`` are its own
        people; ``also`` (user name, role) gives a role on it to people already made for
        another body (one login, several boards)."""
        issued = []
        body = f" · {site.site_name}" if site is not None else ""
        for username, full_name, role in accounts:
            wanted = [
                role_group(name, None if name in roles.INSTALL_ROLES else site)
                for name in ROLE_GROUPS[role]
            ]
            _user, new_password = ensure_user(
                username,
                full_name,
                f"{username}.{email_domain}@thanhhoa.gov.vn",
                groups=wanted,
                password=password,
                reset_password=reset,
            )
            if new_password and not password:
                # R-ACC-2: a one-time password is changed at first login.
                _user.must_change_password = True
                _user.save(update_fields=["must_change_password"])
            issued.append((username, full_name, ROLE_LABELS[role] + body, new_password or ""))
        User = get_user_model()
        for username, role in also:
            user = User.objects.get(username=username)
            ensure_user(
                username,
                user.get_full_name(),
                user.email,
                groups=[role_group(name, site) for name in ROLE_GROUPS[role]],
            )
            issued.append((username, user.get_full_name(), ROLE_LABELS[role] + body, SAME_ACCOUNT))
        return issued

    def assign_sections(self, home: HomePage) -> None:
        User = get_user_model()
        for username, slugs in SECTION_ASSIGNMENTS.items():
            section = None
            for slug in slugs:  # the first of the list that exists
                found = home.get_children().filter(slug=slug).first()
                if found is not None:
                    section = found
                    break
            if section is not None:
                SectionAssignment.objects.get_or_create(
                    user=User.objects.get(username=username), section=section
                )

    def print_accounts(self, accounts) -> None:
        self.stdout.write("\nDemo accounts (user name, full name, role, one-time password):")
        for username, full_name, role, password in accounts:
            shown = password or "(unchanged; --reset-passwords issues a new one)"
            self.stdout.write(f"  {username:<8} {full_name:<16} {role:<42} {shown}")
        self.stdout.write("Sign in at /admin/ and change the password at first login.")
