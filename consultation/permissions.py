"""Who reaches which citizens' data in the admin (issue 16, findings 4, 5 and 12; R-SITE-1).

Every row of this app belongs to one body (one Wagtail Site): a question, its answer, a
comment, a page rating to the body of their page, a contact message and a subscriber to
their site. A body's board handles its own questions and answers, its auditors read them
(R-ROLE-1); a unit information officer works only on the questions given to them, on a
body where they are unit officer; the province-wide auditor reads every body's rows
(read-only: his group holds only ``view_`` permissions) and a superuser reaches all.

The policies below are registered for every model of the app shown in the admin
(wagtail_hooks), so every admin view of them — listing, edit, inspect, history, exports,
choosers — keeps to these rows (``congthongtin.core.viewsets.ScopedPermissionPolicy``);
the app's own views (the Q&A dashboard, assigning, refusing, the page-rating report, the
comment files) ask the same policies.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.permissions import policy_registry

from congthongtin.core import roles
from congthongtin.core.bodies import (
    archive_site_ids,
    holds,
    pages_in_sites,
    site_ids_where,
)
from congthongtin.core.viewsets import ScopedPermissionPolicy

from .deadlines import site_of

#: Roles that read a body's citizens' data: its board and its auditors (and the
#: province-wide auditor, install-wide, on every body).
READERS = [*roles.BOARD, *roles.READ_ONLY_ROLES]


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_board(user, site=None) -> bool:
    """Does ``user`` sit on the board of ``site`` (None: of any body)?"""
    return _active(user) and (user.is_superuser or holds(user, roles.BOARD, site))


def reads_every_question(user, site=None) -> bool:
    """The board and the auditors of ``site`` (None: of any body) read all its questions."""
    return is_board(user, site) or (_active(user) and holds(user, roles.READ_ONLY_ROLES, site))


def may_act_on_question(user, question) -> bool:
    """Assign, forward, refuse, edit: the board of the question's body, while it is active
    (an archive is read-only for everyone)."""
    site_id = site_of(question)
    if site_id is None:  # a page outside every body: nobody's board
        return _active(user) and user.is_superuser
    return site_id not in archive_site_ids() and is_board(user, site_id)


def may_answer(user, question) -> bool:
    """Draft the answer: the board of the question's body, or the officer the question is
    given to, while they are unit officer of that body."""
    site_id = site_of(question)
    if site_id is None:
        return _active(user) and user.is_superuser
    if site_id in archive_site_ids():
        return False
    if is_board(user, site_id):
        return True
    return (
        _active(user)
        and question.officer_id == user.pk
        and holds(user, roles.UNIT_OFFICER, site_id)
    )


class BodyScopedPolicy(ScopedPermissionPolicy):
    """Rows of the bodies where the user holds one of ``read_roles`` (``scope``), and for
    any action but viewing, of the active bodies where they hold one of ``act_roles``."""

    read_roles: list[str] = READERS
    act_roles: list[str] = roles.BOARD

    def in_bodies(self, site_ids) -> Q:
        """The rows of the sites ``site_ids`` (None: every site)."""
        raise NotImplementedError

    def extra_reach(self, user) -> Q | None:
        """Rows reached besides the bodies' (a unit officer's questions)."""
        return None

    def extra_action(self, user, action: str) -> Q | None:
        return None

    def _condition(self, site_ids, extra: Q | None) -> Q:
        condition = Q() if site_ids is None else self.in_bodies(site_ids)
        if site_ids is not None and extra is not None:
            condition |= extra
        return condition

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        if not _active(user):
            return queryset.none()
        site_ids = site_ids_where(user, self.read_roles)
        return queryset.filter(self._condition(site_ids, self.extra_reach(user)))

    def action_scope(self, user, action: str, queryset: QuerySet) -> QuerySet:
        if action == "view":
            return queryset
        if not _active(user):
            return queryset.none()
        site_ids = site_ids_where(user, self.act_roles)
        condition = self._condition(site_ids, self.extra_action(user, action))
        archives = archive_site_ids()
        if archives:
            # An archive is read-only for everyone, superusers included (core.archives).
            condition &= ~self.in_bodies(archives)
        return queryset.filter(condition)


class PageRowPolicy(BodyScopedPolicy):
    """Rows with a ``page``: the body is the page's site."""

    page_path = "page__path"

    def in_bodies(self, site_ids) -> Q:
        return pages_in_sites(site_ids, self.page_path)


class SiteRowPolicy(BodyScopedPolicy):
    """Rows with a ``site``."""

    def in_bodies(self, site_ids) -> Q:
        return Q(site_id__in=site_ids)


def _officer_rows(user, prefix: str) -> Q:
    """The rows of the questions given to ``user``, on bodies where they are unit officer."""
    site_ids = site_ids_where(user, roles.UNIT_OFFICER)
    mine = Q(**{f"{prefix}officer": user})
    if site_ids is None:
        return mine
    return mine & pages_in_sites(site_ids, f"{prefix}page__path")


def answerable(user, questions: QuerySet) -> QuerySet:
    """Among ``questions``, the ones ``user`` may draft an answer for (``may_answer``)."""
    if not _active(user):
        return questions.none()
    site_ids = site_ids_where(user, roles.BOARD)
    if site_ids is None:
        return questions
    return questions.filter(pages_in_sites(site_ids, "page__path") | _officer_rows(user, ""))


class QuestionPermissionPolicy(PageRowPolicy):
    def extra_reach(self, user):
        return _officer_rows(user, "")


class AnswerPermissionPolicy(PageRowPolicy):
    page_path = "question__page__path"

    def extra_reach(self, user):
        return _officer_rows(user, "question__")

    def extra_action(self, user, action):
        # The officer drafts and submits the answer of the question given to them.
        return _officer_rows(user, "question__")


class CommentPermissionPolicy(PageRowPolicy):
    pass


class PageFeedbackPermissionPolicy(PageRowPolicy):
    pass


class ContactMessagePermissionPolicy(BodyScopedPolicy):
    def in_bodies(self, site_ids) -> Q:
        # The site the message was sent from; the contact page's when the site is gone.
        return Q(site_id__in=site_ids) | (
            Q(site__isnull=True) & pages_in_sites(site_ids, "page__path") & Q(page__isnull=False)
        )


class SubscriberPermissionPolicy(SiteRowPolicy):
    """The technical administrator (install-wide) keeps the subscription lists."""

    read_roles = [*READERS, roles.TECH_ADMIN]
    act_roles = [*roles.BOARD, roles.TECH_ADMIN]


def policy_for(model) -> BodyScopedPolicy:
    return policy_registry.get_by_type(model)


def reachable(user, model) -> QuerySet:
    """The rows of ``model`` the user may open in the admin."""
    return policy_for(model).reachable(user)


def may(user, action: str, instance) -> bool:
    return policy_for(type(instance)).user_has_permission_for_instance(user, action, instance)


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


def visible_questions(user) -> QuerySet:
    """The questions the user may open: the same rows as the question viewset's views
    (QuestionPermissionPolicy: their bodies' questions)."""
    from .models import Question

    return reachable(user, Question)
