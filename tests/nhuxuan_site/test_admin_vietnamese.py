"""Vietnamese everywhere in the admin: every admin screen, rendered in Vietnamese for a user
whose role may open it, shows no English word of the admin's own vocabulary.

The screens: every portal admin URL the security matrix enumerates (tests/security:
``portal_admin_urls`` and its ``POLICY``, GET as the first principal the policy lets in),
and Wagtail's own screens an editor's day goes through (the dashboard, the page explorer,
a page's editor and history, the reports, images, documents, the account). Only what a
reader sees is read: the text of the page and the ``title``, ``aria-label``,
``placeholder``, ``alt`` attributes and the label of buttons; not scripts, styles, class
names or data attributes. A leak is reported as "url name: 'fragment' in '…context…'".

"1 hour trước" was the first leak this found: Django 5's ``timesince`` asks for
"%(num)d hour", which Django's Vietnamese catalogue lacks (it still has the old "%d hour");
nhuxuan_site/locale_wagtail/ completes it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.test import Client, TestCase
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.security.matrix import SUPERUSER, make_objects, make_users, portal_admin_urls
from tests.security.test_admin_matrix import POLICY, _url_kwargs, make_requests

#: English words and phrases of the admin's vocabulary. Each is matched as whole words,
#: case-sensitive ("Edit" is a button label; "edit" inside a slug or an address is not).
FRAGMENTS = [
    "ago",
    "hour",
    "hours",
    "minute",
    "minutes",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "just now",
    "Edit",
    "Delete",
    "Save",
    "Cancel",
    "Search",
    "Add",
    "Choose",
    "Previous",
    "Next",
    "Page",
    "of",
    "results",
    "Status",
    "Actions",
    "Dashboard",
    "Settings",
    "Help",
    "Log out",
    "History",
    "Filter",
    "Filters",
    "Apply",
    "Clear",
    "Close",
    "View",
    "Preview",
    "Publish",
    "Unpublish",
    "Submit",
    "Yes",
    "No",
    "Back",
    "Title",
    "Date",
    "Created",
    "Updated",
    "Owner",
    "User",
    "Users",
    "Live",
    "Draft",
    "Sort",
    "Select",
    "Show",
    "Download",
    "Export",
    "Reports",
    "Account",
    "Pages",
    "Images",
    "Documents",
    "Snippets",
    "Collections",
    "Workflows",
    "Tasks",
    "Comments",
    "Locked",
    "Name",
    "Type",
    "Loading",
    "Required",
    "This field",
]
#: Proper nouns and names the admin shows as they are (the product, standards, formats).
ALLOWED = [
    "Wagtail",
    "Email",  # a user's own field label in Wagtail's account forms is translated; this is
    # the name Vietnamese officials also use for the address (and domain names use it).
    "PDF",
    "XLSX",
    "CSV",
    "JSON",
    "RSS",
]

#: (url name, fragment) → why it stays: English that Wagtail 8.0 writes into its templates
#: without gettext, where overriding the whole template would fork a large part of Wagtail.
UPSTREAM: dict[tuple[str, str], str] = {
    ("wagtailadmin_home", "Search"): "home.html's screen-reader-only search button "
    '(value="Search" in the template; the search field itself is labelled in Vietnamese)',
}
#: The groups screen (the superuser's only) shows Django's and Wagtail's permission names as
#: the database holds them, in English ("Publish any page", "Can add …"), and Wagtail's page
#: permission form labels its page field from the field's name ("Page"). Translating them
#: means rewriting Wagtail's permission table; left for the accounts work.
for _screen in ("wagtailusers_groups:add", "wagtailusers_groups:edit"):
    for _word in ("Page", "Delete", "Publish"):
        UPSTREAM[(_screen, _word)] = "permission names stored in English (superuser only)"

#: Wagtail's own screens of an editor's day (not portal views, so not in the matrix).
WAGTAIL_SCREENS = [
    ("wagtailadmin_home", {}),
    ("wagtailadmin_explore_root", {}),
    ("wagtailadmin_explore", {"parent_page_id": "page.parent"}),
    ("wagtailadmin_pages:edit", {"page_id": "page"}),
    ("wagtailadmin_pages:history", {"page_id": "page"}),
    ("wagtailadmin_pages:revisions_index", {"page_id": "page"}),
    ("wagtailadmin_reports:locked_pages", {}),
    ("wagtailadmin_reports:workflow", {}),
    ("wagtailadmin_reports:workflow_tasks", {}),
    ("wagtailadmin_reports:site_history", {}),
    ("wagtailadmin_reports:aging_pages", {}),
    ("wagtailadmin_workflows:index", {}),
    ("wagtailimages:index", {}),
    ("wagtaildocs:index", {}),
    ("wagtailsnippets:index", {}),
    ("wagtailadmin_account", {}),
    ("wagtailadmin_pages:search", {}),
]
#: Who opens a URL: the first of these that its row lets in (the superuser last).
PREFERENCE = [
    "editor",
    "secretary",
    "head",
    "deputy",
    "office",
    "officer",
    "collaborator",
    "bodyhead",
    "auditor",
    "techadmin",
    SUPERUSER,
]
VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
BUTTON_TYPES = {"submit", "button", "reset"}


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes outside script and style, and the
    attributes read out or shown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value]
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(part.split()) for part in parser.parts]


_ALLOWED = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in ALLOWED))
_FRAGMENTS = re.compile(
    r"(?<![\w@./-])(" + "|".join(re.escape(f) for f in FRAGMENTS) + r")(?![\w@/-])"
)


def leaks(html: str, own_text: set[str]) -> list[str]:
    """The English fragments in the visible text, with their context; text that is the
    fixtures' own data (names, titles) is skipped."""
    found = []
    for part in visible_text(html):
        if part in own_text:
            continue
        text = _ALLOWED.sub("", part)
        for match in _FRAGMENTS.finditer(text):
            start = max(match.start() - 30, 0)
            found.append(f"{match.group(1)!r} in {text[start : match.end() + 30]!r}")
    return found


class AdminInVietnameseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = make_users()
        cls.objects = make_objects(cls.users)
        cls.objects["requests"] = make_requests(cls.objects)

    def client_for(self, principal):
        client = self.clients.get(principal)
        if client is None:
            client = self.clients[principal] = Client()
            client.force_login(self.users[principal])
        return client

    def problems_of(self, name, path, principal) -> list[str]:
        response = self.client_for(principal).get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return []
        html = response.content.decode()
        return [
            f"{name} ({principal}): {leak}"
            for leak in leaks(html, self.own_text)
            if (name, leak.split("'")[1]) not in UPSTREAM
        ]

    def test_every_admin_screen_is_in_vietnamese(self):
        self.clients = {}
        # The fixtures' own words (user names such as "editor") are data, not the admin's.
        self.own_text = {
            *(user.get_full_name() for user in self.users.values()),
            *(user.get_username() for user in self.users.values()),
        }
        problems = []
        with translation.override("vi"):
            for name, url in sorted(portal_admin_urls().items()):
                may_get = POLICY.get(name, (set(), set()))[0]
                principal = next((p for p in PREFERENCE if p in may_get), None)
                if principal is None:
                    continue
                path = reverse(name, kwargs=_url_kwargs(url, self.objects))
                problems += self.problems_of(name, path, principal)
            page = self.objects["page"]
            for name, kwargs in WAGTAIL_SCREENS:
                values = {
                    key: (page.get_parent().pk if value == "page.parent" else page.pk)
                    for key, value in kwargs.items()
                }
                try:
                    path = reverse(name, kwargs=values)
                except NoReverseMatch:
                    problems.append(f"{name}: no such URL")
                    continue
                for principal in ("editor", SUPERUSER):
                    problems += self.problems_of(name, path, principal)
        self.assertEqual(
            problems, [], f"{len(problems)} English fragments:\n" + "\n".join(problems)
        )


def test_visible_text__reads_labels_not_markup():
    html = (
        '<div class="Edit" data-x="Delete"><script>var a = "Save";</script>'
        '<style>.Cancel{}</style><button title="Search" aria-label="Next">Lưu</button>'
        '<input type="submit" value="Choose"><input type="text" value="Page"></div>'
    )
    assert visible_text(html) == ["Search", "Next", "Lưu", "Choose"]


def test_leaks__whole_words_only():
    assert leaks("<p>1 hour trước</p>", set()) == ["'hour' in '1 hour trước'"]
    assert leaks("<p>Sửa trang editorial</p><p>Wagtail</p>", set()) == []


def test_time_phrases__vietnamese():
    """Wagtail's "… ago" around Django's timesince, for each unit ("1 hour trước" before)."""
    import datetime

    from django.utils import timezone
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    now = timezone.now()
    expected = {
        datetime.timedelta(seconds=5): "vừa xong",
        datetime.timedelta(minutes=1): "1\xa0phút trước",
        datetime.timedelta(hours=2): "2\xa0giờ trước",
        datetime.timedelta(days=3): "3\xa0ngày trước",
        datetime.timedelta(days=15): "2\xa0tuần trước",
        datetime.timedelta(days=70): "2\xa0tháng trước",
        datetime.timedelta(days=800): "2\xa0năm trước",
    }
    with translation.override("vi"):
        shown = {delta: timesince_simple(now - delta) for delta in expected}
    assert shown == expected
