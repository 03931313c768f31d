"""The “Citizens' voice” admin menu: the Q&A dashboard, the viewsets' listings, the
page-rating report and core's e-mail queue, each shown to whoever may open it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, SubmenuMenuItem

from congthongtin.core.bodies import site_ids_where
from congthongtin.core.menu import BodiesMenuItem, PermissionMenuItem
from congthongtin.core.outbox_viewsets import outgoing_viewset

from .permissions import READERS
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
        question_viewset.get_menu_item(order=2),
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
