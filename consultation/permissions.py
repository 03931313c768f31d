"""Who reaches which citizens' data in the admin (issue 16, findings 4, 5 and 12).

The board handles every question and answer and auditors read them all (R-ROLE-1); a unit
information officer works only on the questions given to them and their answers. The
policies below are registered for ``Question`` and ``Answer`` (wagtail_hooks), so every
admin view of both models, the choosers included, keeps to these rows
(``congthongtin.core.viewsets.ScopedPermissionPolicy``).
"""

from __future__ import annotations

from congthongtin.core import roles
from congthongtin.core.bodies import holds
from congthongtin.core.viewsets import ScopedPermissionPolicy


def is_board(user) -> bool:
    return user.is_superuser or holds(user, roles.BOARD)


def reads_every_question(user) -> bool:
    """The board and the auditors."""
    if is_board(user):
        return True
    return holds(user, roles.READ_ONLY_ROLES)


class QuestionPermissionPolicy(ScopedPermissionPolicy):
    def scope(self, user, queryset):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        if reads_every_question(user):
            return queryset
        return queryset.filter(officer=user)


class AnswerPermissionPolicy(ScopedPermissionPolicy):
    def scope(self, user, queryset):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        if reads_every_question(user):
            return queryset
        return queryset.filter(question__officer=user)


#: Everything the text or subject of an e-mail of this app can carry: an asker's data, a
#: contact message, a comment on a draft, a subscriber's address. Whoever holds them all
#: reads the e-mails in the queue (core.outbox.reads_email_content, through the hook
#: registered in wagtail_hooks).
EMAIL_CONTENT_PERMISSIONS = (
    "consultation.view_question",
    "consultation.view_contactmessage",
    "consultation.view_consultationcomment",
    "consultation.view_consultationsubscriber",
)
