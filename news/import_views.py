"""Admin screen "Import from a Word file": a unit's news item or article, sent as a Word
file, becomes a draft page under a news or article index (R-SUB-1). The page itself is
made by ``congthongtin.news.importing.import_word_page``; this screen authorises, uploads
and sends the editor to the draft with what to check."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from congthongtin.core.conf import app_settings
from congthongtin.core.import_views import ImportIntoParentView
from congthongtin.core.limits import ParseLimits

from .forms import WordImportForm
from .importing import PAGE_TYPES, ImportFailed, import_word_page, page_type_of

URL_NAME = "news_word_import"


def indexes_for(user) -> list:
    """The news and article indexes ``user`` may add a page under, of every body where
    the user has that right (and of no other)."""
    if not user.is_authenticated:
        return []
    found = []
    for model, index_model in PAGE_TYPES.values():
        for index in index_model.objects.order_by("path"):
            if model.can_create_at(index) and index.permissions_for_user(user).can_add_subpage():
                found.append(index)
    return sorted(found, key=lambda page: page.path)


def may_import_under(user, page) -> bool:
    page = page.specific
    page_type = page_type_of(page)
    if page_type is None or not user.is_authenticated:
        return False
    model = PAGE_TYPES[page_type][0]
    return model.can_create_at(page) and page.permissions_for_user(user).can_add_subpage()


class WordImportView(ImportIntoParentView):
    form_class = WordImportForm
    template_name = "news/admin/word_import.html"
    page_title = _("Import from a Word file")

    def parents_for(self, user) -> list:
        return indexes_for(user)

    def get_initial(self):
        chosen = self.request.GET.get("parent", "")
        parent = next((p for p in self.parents if str(p.pk) == chosen), self.parents[0])
        return {"parent": parent.pk, "page_type": page_type_of(parent)}

    def form_valid(self, form):
        parent = form.cleaned_data["parent"].specific
        # The choice list holds only permitted indexes; checked again for a forged POST.
        if not may_import_under(self.request.user, parent):
            raise PermissionDenied
        upload = form.cleaned_data["file"]
        limits = ParseLimits.from_settings()
        # The answer must come before the web server's worker timeout (issue 16).
        seconds = min(limits.seconds, max(app_settings.IMPORT_REQUEST_SECONDS - 5, 5))
        try:
            result = import_word_page(
                upload.read(),
                upload.name,
                parent=parent,
                user=self.request.user,
                page_type=form.cleaned_data["page_type"],
                category=form.cleaned_data.get("category"),
                parse_limits=replace(limits, seconds=seconds),
            )
        except ImportFailed as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        page = result.page
        messages.success(
            self.request,
            gettext("Draft “%(title)s” created from the Word file. It is not published.")
            % {"title": page.title},
        )
        if result.checks:
            messages.warning(
                self.request,
                format_html(
                    "{}<ul>{}</ul>",
                    gettext("Check before submitting it for approval:"),
                    format_html_join("", "<li>{}</li>", ((check,) for check in result.checks)),
                ),
            )
        return redirect("wagtailadmin_pages:edit", page.pk)


class WordImportMenuItem(MenuItem):
    """The admin menu's entry, shown to those who may import somewhere."""

    def is_shown(self, request):
        return bool(indexes_for(request.user))


class WordImportButton(PageMenuItem):
    """The header button of a news or article index in the page explorer."""

    label = _("Import from a Word file")
    icon_name = "upload"
    priority = 80

    @property
    def url(self):
        return f"{reverse(URL_NAME)}?parent={self.page.pk}"

    def is_shown(self, user):
        return may_import_under(user, self.page)


def header_buttons(page, user, view_name=None, next_url=None):
    """What ``register_page_header_buttons`` adds: the import button on indexes only."""
    page_class = page.specific_class
    if page_class is None or not any(
        issubclass(page_class, index) for _model, index in PAGE_TYPES.values()
    ):
        return []
    return [WordImportButton(page=page)]
