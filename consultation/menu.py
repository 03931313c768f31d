"""The “Citizens' voice” admin menu: the Q&A dashboard, the viewsets' listings, the
page-rating report and core's e-mail queue, each shown to whoever may open it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from congthongtin.core.bodies import site_ids_where
from congthongtin.core.menu import BodiesMenuItem, PermissionMenuItem
from congthongtin.core.outbox_viewsets import outgoing_viewset

from .permissions import READERS
from .request_viewsets import complaint_viewset, denunciation_viewset, petition_viewset
from .viewsets import (
    answer_viewset,
    comment_viewset,
    contact_viewset,
    pagefeedback_viewset,
    question_viewset,
    subscriber_viewset,
)


def exchange_reader_site_ids(user):
    """The board and the auditors of some body (consultation.exchange_views decides)."""
    return site_ids_where(user, READERS)


class MyRequestsMenuItem(MenuItem):
    """Shown to whoever has requests given to them (a handler, an officer)."""

    def is_shown(self, request):
        from .models import Question

        user = request.user
        return bool(user.is_authenticated) and Question.objects.filter(officer=user).exists()


class CitizensVoiceMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return any(item.is_shown(request) for item in self.menu.registered_menu_items)


def citizens_voice_menu():
    """The “Citizens' voice” menu, for the ``register_admin_menu_item`` hook."""
    items = [
        PermissionMenuItem(
            _("Q&A dashboard"),
            reverse("consultation_admin:dashboard"),
            icon_name="calendar-alt",
            permission="consultation.view_question",
            order=1,
        ),
        PermissionMenuItem(
            _("Requests dashboard"),
            reverse("consultation_admin:requests_dashboard"),
            icon_name="calendar-alt",
            permission="consultation.view_question",
            order=1,
        ),
        MyRequestsMenuItem(
            _("My requests"),
            reverse("consultation_admin:my_requests"),
            icon_name="user",
            order=1,
        ),
        question_viewset.get_menu_item(order=2),
        petition_viewset.get_menu_item(order=2),
        complaint_viewset.get_menu_item(order=2),
        denunciation_viewset.get_menu_item(order=2),
        answer_viewset.get_menu_item(order=3),
        comment_viewset.get_menu_item(order=4),
        contact_viewset.get_menu_item(order=5),
        PermissionMenuItem(
            _("Page ratings by month"),
            reverse("consultation_admin:feedback_report"),
            icon_name="pick",
            permission="consultation.view_pagefeedback",
            order=6,
        ),
        pagefeedback_viewset.get_menu_item(order=7),
        subscriber_viewset.get_menu_item(order=8),
        outgoing_viewset.get_menu_item(order=9),  # core's queue, which our e-mails fill
        BodiesMenuItem(
            _("Online exchanges"),
            reverse("consultation_exchanges:list"),
            icon_name="group",
            order=10,
            site_ids=exchange_reader_site_ids,
        ),
    ]
    return CitizensVoiceMenu(_("Citizens' voice"), Menu(items=items), icon_name="group", order=260)
