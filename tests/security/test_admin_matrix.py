"""Who may do what in the portal's admin: every portal admin URL x every role, GET and POST
(issue 16, "Done when").

The URLs come from the URL resolver (``matrix.portal_admin_urls``): a view added to a
portal viewset or to a portal app's admin URLs makes ``test_every_portal_admin_url_has_a_row``
fail until POLICY says who may use it. Each URL then gets its own test, which sends a GET
and a POST (an empty form) as each principal and reports every cell that differs, e.g.
"officer may GET wagtailsnippets_consultation_answer:history: expected refused, got allowed".

Outcomes (matrix.outcome): *allowed* is a page, a download or a redirect elsewhere than the
login or the dashboard; *refused* is 403, 405 (the view takes no such request, so nothing
happens) or Wagtail's redirect to the dashboard with "no permission"; an anonymous visitor
is sent to the login page everywhere. A refused POST must change nothing: no INSERT,
UPDATE or DELETE reaches the database. Auditors ("Kiểm tra") may read; every POST of
theirs is refused (editorial.middleware), so they appear in no POST column.

The fixtures: one object of each model; the question and the answer (in step 1 of the
workflow) belong to a unit officer who is not the ``officer`` principal, so that column
shows what an officer may do with someone else's work (finding 4).
"""

from __future__ import annotations

from django.db import connection, transaction
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .matrix import (
    ANONYMOUS,
    LOGIN,
    OK,
    PRINCIPALS,
    REFUSED,
    SUPERUSER,
    data_writes,
    make_objects,
    make_users,
    outcome,
    portal_admin_urls,
    post_data,
    url_kwargs,
)

# Principals (matrix.ROLE_GROUPS: the groups of core/roles.py).
SU = {SUPERUSER}
HEAD, DEPUTY, EDITOR, SECRETARY = "head", "deputy", "editor", "secretary"
COLLABORATOR, OFFICER, TECH, AUDITOR = "collaborator", "officer", "techadmin", "auditor"
OFFICE, BODYHEAD = "office", "bodyhead"
BOARD = {HEAD, DEPUTY, EDITOR, SECRETARY, OFFICE}
EVERYONE = {*SU, *BOARD, COLLABORATOR, OFFICER, TECH, AUDITOR, BODYHEAD}
NOBODY: set[str] = set()

# url name: (who may GET, who may POST). Anonymous visitors: always the login page.
POLICY: dict[str, tuple[set[str], set[str]]] = {}


def rows(why: str, table: dict[str, tuple[set[str], set[str]]]) -> None:
    """One group of rows and the reason that holds for all of them."""
    assert why
    POLICY.update(table)


# The citizens' voice --------------------------------------------------------------------
rows(
    # R-QA-1, R-ROLE-1: the board receives, assigns and refuses questions; a unit officer
    # sees the dashboard of their own questions; auditors read; the others have no part.
    "Q&A dashboard and the board's actions on a question",
    {
        "consultation_admin:dashboard": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
        "consultation_admin:assign": (SU | BOARD, SU | BOARD),
        "consultation_admin:refuse": (SU | BOARD, SU | BOARD),
        # Opens the answer editor: whoever writes answers, for a question they reach;
        # the fixture's question is another officer's (finding 4).
        "consultation_admin:answer": (SU | BOARD, SU | BOARD),
    },
)
rows(
    # R-FORUM-1, R-ROLE-1: the board of the exchange's body moderates its questions, types
    # the leader's answers, turns a question into a Q&A item and publishes the transcript;
    # auditors read the list and the moderation screen; the others have no part. The
    # buttons post; the screens take no POST.
    "Online exchanges: the board's moderation",
    {
        "consultation_exchanges:list": (SU | BOARD | {AUDITOR}, NOBODY),
        "consultation_exchanges:moderate": (SU | BOARD | {AUDITOR}, NOBODY),
        "consultation_exchanges:approve": (NOBODY, SU | BOARD),
        "consultation_exchanges:reject": (NOBODY, SU | BOARD),
        "consultation_exchanges:answer": (SU | BOARD, SU | BOARD),
        "consultation_exchanges:convert": (SU | BOARD, SU | BOARD),
        "consultation_exchanges:publish_transcript": (NOBODY, SU | BOARD),
    },
)
rows(
    # R-CONS-1: a commenter's file goes to those who moderate comments, and auditors.
    "Files attached to comments on drafts",
    {"consultation_admin:comment_attachment": (SU | BOARD | {AUDITOR}, SU | BOARD)},
)
rows(
    # Issue 22, item 5: the requests of every kind, open, due soon, overdue, per unit and
    # handler (like the Q&A dashboard); "my requests" lists what is given to the user.
    # The action screens (request_detail and the actions) are tried on a denunciation
    # whose handler is another officer: only the head of the body may act on it or read it
    # besides those who reach it (its board, its auditors, the superuser read it masked).
    "Requests dashboards and the actions on a request of any kind",
    {
        "consultation_admin:requests_dashboard": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
        "consultation_admin:my_requests": (EVERYONE, NOBODY),
        "consultation_admin:request": (SU | BOARD | {AUDITOR, BODYHEAD}, NOBODY),
        "consultation_admin:accept": ({BODYHEAD}, {BODYHEAD}),
        "consultation_admin:ask": ({BODYHEAD}, {BODYHEAD}),
        "consultation_admin:extend": ({BODYHEAD}, {BODYHEAD}),
        "consultation_admin:decide": ({BODYHEAD}, {BODYHEAD}),
    },
)
rows(
    # Issue 22: petitions, complaints and denunciations, each kind in its own viewset,
    # scoped like the questions (the fixtures: one of each kind, given to another officer).
    "Petitions, complaints and denunciations",
    {
        f"{namespace}:{view}": allowed
        for namespace in (
            "consultation_petition",
            "consultation_complaint",
            "consultation_denunciation",
        )
        for view, allowed in {
            "index": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
            "index_results": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
            "inspect": (SU | BOARD | {AUDITOR}, NOBODY),
            "add": (NOBODY, NOBODY),
            "edit": (SU | BOARD, SU | BOARD),
            "history": (SU | BOARD, NOBODY),
            "history_results": (SU | BOARD, NOBODY),
            "usage": (SU | BOARD, NOBODY),
            "delete": (SU, SU),
        }.items()
    },
)
rows(
    # R-FEED-1, R-REP-1: the board reports visitors' ratings monthly; auditors read.
    "Page-rating report",
    {"consultation_admin:feedback_report": (SU | BOARD | {AUDITOR}, NOBODY)},
)
rows(
    # R-QA-1: questions come from the public form only (nobody adds one); the board
    # handles them; a unit officer lists and inspects only the questions given to them
    # (finding 4: the fixture's question is another officer's); auditors read (finding 9:
    # the inspect view); deleting is the superuser's alone.
    "Questions",
    {
        "consultation_question:index": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
        "consultation_question:index_results": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
        "consultation_question:inspect": (SU | BOARD | {AUDITOR}, NOBODY),
        "consultation_question:add": (NOBODY, NOBODY),
        "consultation_question:edit": (SU | BOARD, SU | BOARD),
        "consultation_question:history": (SU | BOARD, NOBODY),
        "consultation_question:history_results": (SU | BOARD, NOBODY),
        "consultation_question:usage": (SU | BOARD, NOBODY),
        # The superuser's POST is refused with a message: the question has an answer.
        "consultation_question:delete": (SU, SU),
    },
)
rows(
    # R-QA-1, R-WF-4: the board and the officer of a question write its answer; every
    # view of someone else's answer is refused to a unit officer (finding 4), the chooser
    # included (finding 12); the workflow's step 1 (editors, secretaries) acts on it; only
    # the last step publishes (nobody unpublishes or unschedules but a superuser); auditors
    # read (list, inspect) and write nothing.
    "Answers",
    {
        "wagtailsnippets_consultation_answer:list": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
        "wagtailsnippets_consultation_answer:list_results": (
            SU | BOARD | {OFFICER, AUDITOR},
            NOBODY,
        ),
        "wagtailsnippets_consultation_answer:inspect": (SU | BOARD | {AUDITOR}, NOBODY),
        "wagtailsnippets_consultation_answer:add": (SU | BOARD | {OFFICER}, SU | BOARD | {OFFICER}),
        "wagtailsnippets_consultation_answer:edit": (SU | BOARD, SU | BOARD),
        "wagtailsnippets_consultation_answer:delete": (SU, SU),
        "wagtailsnippets_consultation_answer:usage": (SU | BOARD, NOBODY),
        "wagtailsnippets_consultation_answer:history": (SU | BOARD, NOBODY),
        "wagtailsnippets_consultation_answer:history_results": (SU | BOARD, NOBODY),
        "wagtailsnippets_consultation_answer:revisions_compare": (SU | BOARD, NOBODY),
        "wagtailsnippets_consultation_answer:revisions_revert": (SU | BOARD, SU | BOARD),
        "wagtailsnippets_consultation_answer:revisions_unschedule": (SU, SU),
        "wagtailsnippets_consultation_answer:unpublish": (SU, SU),
        # Step 1 (editors, secretaries, the standing office) holds the lock while it acts;
        # unlocking is the superuser's.
        "wagtailsnippets_consultation_answer:lock": (NOBODY, SU | {EDITOR, SECRETARY, OFFICE}),
        "wagtailsnippets_consultation_answer:unlock": (NOBODY, SU),
        "wagtailsnippets_consultation_answer:workflow_action": (
            SU | {EDITOR, SECRETARY, OFFICE},
            SU | {EDITOR, SECRETARY, OFFICE},
        ),
        "wagtailsnippets_consultation_answer:collect_workflow_action_data": (
            SU | {EDITOR, SECRETARY, OFFICE},
            SU | {EDITOR, SECRETARY, OFFICE},
        ),
        "wagtailsnippets_consultation_answer:confirm_workflow_cancellation": (
            SU | BOARD | {AUDITOR},
            SU | BOARD,
        ),
        "wagtailsnippets_consultation_answer:workflow_history": (SU | BOARD, NOBODY),
        "wagtailsnippets_consultation_answer:workflow_history_detail": (SU | BOARD, NOBODY),
        "wagtailsnippetchoosers_consultation_answer:choose": (
            SU | BOARD | {OFFICER, AUDITOR},
            NOBODY,
        ),
        "wagtailsnippetchoosers_consultation_answer:choose_results": (
            SU | BOARD | {OFFICER, AUDITOR},
            NOBODY,
        ),
        "wagtailsnippetchoosers_consultation_answer:chosen": (SU | BOARD | {AUDITOR}, NOBODY),
        "wagtailsnippetchoosers_consultation_answer:chosen_multiple": (
            SU | BOARD | {OFFICER, AUDITOR},
            NOBODY,
        ),
        # No creation form in any portal chooser.
        "wagtailsnippetchoosers_consultation_answer:create": (NOBODY, NOBODY),
    },
)


def moderated(namespace: str, *, readers: set[str], editors: set[str]) -> dict:
    """A ModelViewSet over citizens' submissions: nobody adds one (public forms only),
    ``editors`` handle them, ``readers`` list them, the superuser alone deletes."""
    return {
        f"{namespace}:index": (SU | readers, NOBODY),
        f"{namespace}:index_results": (SU | readers, NOBODY),
        f"{namespace}:add": (NOBODY, NOBODY),
        f"{namespace}:edit": (SU | editors, SU | editors),
        f"{namespace}:history": (SU | editors, NOBODY),
        f"{namespace}:history_results": (SU | editors, NOBODY),
        f"{namespace}:usage": (SU | editors, NOBODY),
        f"{namespace}:delete": (SU, SU),
    }


rows(
    # R-CONS-1: the board moderates comments on drafts; auditors read.
    "Comments on drafts",
    moderated("consultation_comment", readers=BOARD | {AUDITOR}, editors=BOARD),
)
rows(
    # R-CONTACT-1: the board handles contact messages; auditors read.
    "Contact messages",
    moderated("consultation_contact", readers=BOARD | {AUDITOR}, editors=BOARD),
)
rows(
    # R-FEED-1: ratings are read by the board and auditors; only a superuser edits one.
    "Page ratings",
    moderated("consultation_pagefeedback", readers=BOARD | {AUDITOR}, editors=NOBODY),
)
rows(
    # R-CONS-1 notifications: the technical administrator handles unsubscriptions; the
    # board and auditors read the list.
    "Consultation subscribers",
    moderated("consultation_subscriber", readers=BOARD | {TECH, AUDITOR}, editors={TECH}),
)
rows(
    # R-OPS-1: the technical administrator keeps the queue running (retries a failed
    # e-mail) and sees its delivery only (finding 5: test_admin_scope checks what each
    # one sees); the board and auditors read the e-mails.
    "Outgoing e-mails",
    {
        **moderated("core_outgoingemail", readers=BOARD | {TECH, AUDITOR}, editors={TECH}),
        "core_outgoingemail:inspect": (SU | BOARD | {TECH, AUDITOR}, NOBODY),
    },
)
rows(
    # Issue 23 §5: the board, the auditors and the technical administrator read how many
    # subscribe to what; only the technical administrator (and a superuser) reads the
    # addresses and deletes a subscription whose owner asks (subscriptions.admin_views).
    "E-mail subscriptions",
    {
        "subscriptions_admin:index": (SU | BOARD | {TECH, AUDITOR}, NOBODY),
        "subscriptions_admin:remove": (NOBODY, SU | {TECH}),
    },
)
rows(
    # R-SITE-1: the province's IT team (the technical administrator, a superuser) lists the
    # bodies, creates one with its board and archives or reactivates one; nobody on a
    # body's board does (core.bodies_viewsets). The empty POST is an invalid form: nothing
    # written.
    "Bodies",
    {
        "core_bodies:index": (SU | {TECH}, NOBODY),
        "core_bodies:add": (SU | {TECH}, SU | {TECH}),
        "core_bodies:edit": (SU | {TECH}, SU | {TECH}),
    },
)

# The editorial board ----------------------------------------------------------------------
rows(
    # R-WF-3, R-ROLE-1: the audit area is the auditors' (editorial.view_audit); its views
    # only read, and the auditor's POST is refused.
    "Audit area",
    {
        "editorial:audit_report": (SU | {AUDITOR}, NOBODY),
        "editorial:audit_pages": (SU | {AUDITOR}, SU),
        "editorial:audit_page_history": (SU | {AUDITOR}, SU),
        "editorial:audit_compare": (SU | {AUDITOR}, NOBODY),
        "editorial:audit_records_index": (SU | {AUDITOR}, SU),
        "editorial:audit_records": (SU | {AUDITOR}, SU),
    },
)
rows(
    # R-SITE-2: the publishing gate's report and the one-click conversion serve whoever
    # may edit the page (the board on the fixture page); the conversion is a POST.
    "Publishing gate",
    {
        "editorial:gate": (SU | BOARD, SU | BOARD),
        "editorial:fix_legacy": (NOBODY, SU | BOARD),
    },
)
rows(
    # R-SLA-2: the board and auditors read the overdue-reviews list (auditors mark
    # nothing); "reviewed, still correct" is a POST of whoever may edit the page (the
    # board on the fixture page); a page's own interval is the board's.
    "Periodic reviews",
    {
        "editorial:reviews": (SU | BOARD | {AUDITOR}, NOBODY),
        "editorial:review_mark": (NOBODY, SU | BOARD),
        "editorial:review_interval": (SU | BOARD, SU | BOARD),
    },
)
rows(
    # R-SLA-1: the publication time limits of the items in the workflow and the timeliness
    # report: the board and its auditors read them, of their bodies only; nothing to POST.
    "Publication time limits",
    {
        "editorial:deadlines": (SU | BOARD | {AUDITOR}, NOBODY),
        "editorial:timeliness_report": (SU | BOARD | {AUDITOR}, NOBODY),
    },
)
rows(
    # R-ACC-2: everyone changes their own password (auditors too: the one POST allowed).
    "Own password",
    {"editorial:change_password": (EVERYONE, EVERYONE)},
)
rows(
    # The editor's guide in Vietnamese and its screenshots: anyone who may use the admin
    # reads them; they take no POST (405).
    "Editor's guide",
    {
        "editorial:guide": (EVERYONE, NOBODY),
        "editorial:guide_image": (EVERYONE, NOBODY),
    },
)
rows(
    # R-ACC-1, R-ACC-4: accounts are the technical administrator's (core.add_user).
    "Opening an official's account",
    {"editorial:create_account": (SU | {TECH}, SU | {TECH})},
)
rows(
    # R-WF-2: the head and deputies delegate steps 2 and 3; only the person who gave a
    # delegation changes it (the fixture's is the head's: a deputy could name themselves
    # before); the technical administrator and auditors read the list.
    "Delegations",
    {
        "editorial_delegation:index": (SU | {HEAD, DEPUTY, TECH, AUDITOR}, NOBODY),
        "editorial_delegation:index_results": (SU | {HEAD, DEPUTY, TECH, AUDITOR}, NOBODY),
        "editorial_delegation:add": (SU | {HEAD, DEPUTY}, SU | {HEAD, DEPUTY}),
        "editorial_delegation:edit": (SU | {HEAD}, SU | {HEAD}),
        "editorial_delegation:usage": (SU | {HEAD}, NOBODY),
        "editorial_delegation:history": (SU | {HEAD, DEPUTY}, NOBODY),
        "editorial_delegation:history_results": (SU | {HEAD, DEPUTY}, NOBODY),
        "editorial_delegation:delete": (SU, SU),
    },
)
rows(
    # R-SUB-2: the head and deputies assign sections to collaborators and unit officers
    # (each assignment is page permissions); the technical administrator and auditors read
    # the list (editorial migration 0003).
    "Section assignments",
    {
        "editorial_sectionassignment:index": (SU | {HEAD, DEPUTY, TECH, AUDITOR}, NOBODY),
        "editorial_sectionassignment:index_results": (
            SU | {HEAD, DEPUTY, TECH, AUDITOR},
            NOBODY,
        ),
        **{
            f"editorial_sectionassignment:{action}": (
                SU | {HEAD, DEPUTY},
                SU | {HEAD, DEPUTY} if action in ("add", "edit", "delete") else NOBODY,
            )
            for action in ("add", "edit", "delete", "usage", "history", "history_results")
        },
    },
)

rows(
    # R-QUOTA-1: the board, the body's head and the auditors read the units' monthly supply
    # and the yearly emulation table; the head, deputies and the standing office keep the
    # supplying units (editorial.quotas.READERS / MANAGERS).
    "Units' supply quotas",
    {
        "editorial:quotas": (SU | BOARD | {AUDITOR, BODYHEAD}, NOBODY),
        "editorial:quotas_year_xlsx": (SU | BOARD | {AUDITOR, BODYHEAD}, NOBODY),
        "editorial_supplyingunit:index": (SU | BOARD | {AUDITOR, BODYHEAD}, NOBODY),
        "editorial_supplyingunit:index_results": (SU | BOARD | {AUDITOR, BODYHEAD}, NOBODY),
        **{
            f"editorial_supplyingunit:{action}": (
                SU | {HEAD, DEPUTY, OFFICE},
                SU | {HEAD, DEPUTY, OFFICE} if action in ("add", "edit", "delete") else NOBODY,
            )
            for action in ("add", "edit", "delete", "usage", "history", "history_results")
        },
    },
)
rows(
    # S1 Đ15.3, R-REP-1, R-PROC-4: the board makes the periodic report, the body's head
    # receives it, the auditors read it (stats.report.READERS); its XLSX and DOCX are
    # downloads of the same view (?format=); it takes no POST.
    "The board's periodic report",
    {"stats_admin:report": (SU | BOARD | {AUDITOR, BODYHEAD}, NOBODY)},
)
rows(
    # S3 Đ5.2: the last imports of the one-stop desk's dossier statuses, read-only; the
    # same readers as the board's report (procedures.dossiers.admin_views.READERS).
    "Dossier status imports",
    {"procedures_dossiers:imports": (SU | BOARD | {AUDITOR, BODYHEAD}, NOBODY)},
)
rows(
    # S0 Đ5.4, S1 Đ14, R-SUB-1: unit officers and collaborators send items from the back
    # office (an empty POST is an invalid form: nothing written); the body's board and
    # auditors read the inbox, the items and their private files (personal data); the
    # standing office, the head and deputies accept, assign and return (the empty POST
    # re-shows the form); an editor acts only on an item assigned to them (not here).
    "Contributions inbox",
    {
        "editorial:contribute": (SU | {COLLABORATOR, OFFICER}, SU | {COLLABORATOR, OFFICER}),
        "editorial:inbox": (SU | BOARD | {AUDITOR}, NOBODY),
        "editorial:inbox_detail": (SU | BOARD | {AUDITOR}, NOBODY),
        "editorial:inbox_file": (SU | BOARD | {AUDITOR}, NOBODY),
        "editorial:inbox_accept": (NOBODY, SU | {HEAD, DEPUTY, OFFICE}),
        "editorial:inbox_assign": (NOBODY, SU | {HEAD, DEPUTY, OFFICE}),
        "editorial:inbox_return": (NOBODY, SU | {HEAD, DEPUTY, OFFICE}),
    },
)
rows(
    # S0 Đ4.2d: the body's board proposes a live news item to its parent portal and sees
    # its proposals (auditors read them); the parent's standing office, head and deputies
    # accept or decline what it received (an empty decline re-shows the form); the
    # proposing board withdraws. The fixture's body proposes to itself, so both sides show.
    "Proposals up to the parent portal",
    {
        "editorial:upward_list": (SU | BOARD | {AUDITOR}, NOBODY),
        "editorial:upward_propose": (SU | BOARD, SU | BOARD),
        "editorial:upward_accept": (NOBODY, SU | {HEAD, DEPUTY, OFFICE}),
        "editorial:upward_decline": (NOBODY, SU | {HEAD, DEPUTY, OFFICE}),
        "editorial:upward_withdraw": (NOBODY, SU | BOARD),
    },
)

# Accounts and roles (issue 16, finding 1) ------------------------------------------------
#: Admin URLs a visitor uses without an account.
PUBLIC = {"wagtailadmin_password_reset"}
rows(
    # R-ACC-2: a forgotten password is reset by e-mail, limited per address and client
    # (tests/editorial/test_password_reset.py); the page is the same for everyone.
    "Password reset",
    # Auditors' admin POSTs are all refused (editorial.middleware), this one included.
    {"wagtailadmin_password_reset": (EVERYONE, EVERYONE - {AUDITOR})},
)
rows(
    # R-ACC-1…4: the technical administrator manages accounts (Wagtail's user screens; his
    # "add" is sent to "Open an official's account" and creates nothing, his edit form has
    # no superuser flag, password or role, and there is no "copy" screen, which was a
    # creation form with all of them: tests/editorial/test_account_security.py);
    # deleting an account is a superuser's (deactivation keeps the audit trail).
    "Wagtail's user screens",
    {
        "wagtailusers_users:index": (SU | {TECH}, NOBODY),
        "wagtailusers_users:index_results": (SU | {TECH}, NOBODY),
        "wagtailusers_users:add": (SU | {TECH}, SU | {TECH}),
        "wagtailusers_users:edit": (SU | {TECH}, SU | {TECH}),
        "wagtailusers_users:delete": (SU, SU),
        "wagtailusers_users:usage": (SU | {TECH}, NOBODY),
        "wagtailusers_users:history": (SU | {TECH}, NOBODY),
        "wagtailusers_users:history_results": (SU | {TECH}, NOBODY),
    },
)
rows(
    # A group's permissions are powers given to its members: only a superuser adds, edits
    # or deletes a group; the technical administrator reads the list (auth.view_group).
    "Wagtail's group screens",
    {
        "wagtailusers_groups:index": (SU | {TECH}, NOBODY),
        "wagtailusers_groups:index_results": (SU | {TECH}, NOBODY),
        "wagtailusers_groups:add": (SU, SU),
        "wagtailusers_groups:edit": (SU, SU),
        "wagtailusers_groups:delete": (SU, SU),
        "wagtailusers_groups:usage": (SU, NOBODY),
        "wagtailusers_groups:history": (SU, NOBODY),
        "wagtailusers_groups:history_results": (SU, NOBODY),
    },
)
rows(
    # The accounts screen: the head grants and removes the board's roles, the technical
    # administrator deactivates, unlocks and issues one-time passwords; auditors read the
    # log of all of it (R-WF-3).
    "Accounts and roles",
    {
        "editorial:account_list": (SU | {HEAD, TECH}, NOBODY),
        # An empty POST names no action: refused. Each action's rules are pinned in
        # tests/editorial/test_account_security.py.
        "editorial:account_detail": (SU | {HEAD, TECH}, NOBODY),
        "editorial:audit_accounts": (SU | {AUDITOR}, NOBODY),
    },
)

# Content --------------------------------------------------------------------------------
rows(
    # R-LEGAL-1, R-SUB-1: importing makes draft document pages: whoever may add pages in
    # a library (the board; collaborators only in sections given to them, none here).
    "Legal document import",
    {"legal_import": (SU | BOARD, SU | BOARD)},
)
#: Views of one body's rows that answer 404 to whoever may not see them: the refusal does
#: not tell another body's staff that the row exists.
HIDDEN_WHEN_REFUSED = {
    "legal_import_batch",
    "legal_import_batch_progress",
    "legal_import_batch_cancel",
}
rows(
    # R-SUB-1: a batch, its progress and its report are seen by whoever may add pages in
    # its library (404 for anyone else); cancelling is a POST of the same people.
    "Legal document batch import",
    {
        "legal_import_batches": (SU | BOARD, NOBODY),
        "legal_import_batch": (SU | BOARD, NOBODY),
        "legal_import_batch_progress": (SU | BOARD, NOBODY),
        "legal_import_batch_cancel": (NOBODY, SU | BOARD),
    },
)
rows(
    # R-SUB-1: a unit's Word file becomes a draft news item or article: whoever may add
    # pages in a news or article index (the board here).
    "News import from Word files",
    {"news_word_import": (SU | BOARD, SU | BOARD)},
)
rows(
    # Trust anchors of digital signatures are national roots, install-wide: the technical
    # administrator keeps them; nobody else sees the screen.
    "Trust anchors (digital signatures)",
    {
        "core_trustanchor:index": (SU | {TECH}, NOBODY),
        "core_trustanchor:index_results": (SU | {TECH}, NOBODY),
        "core_trustanchor:add": (SU | {TECH}, SU | {TECH}),
        "core_trustanchor:edit": (SU | {TECH}, SU | {TECH}),
        "core_trustanchor:delete": (SU | {TECH}, SU | {TECH}),
        "core_trustanchor:inspect": (SU | {TECH}, NOBODY),
        "core_trustanchor:usage": (SU | {TECH}, NOBODY),
        "core_trustanchor:history": (SU | {TECH}, NOBODY),
        "core_trustanchor:history_results": (SU | {TECH}, NOBODY),
    },
)


def snippets(
    app_model: str, *, readers: set[str], editors: set[str], delete_post: set[str] = SU
) -> dict:
    """A portal snippet: ``editors`` add and change, ``readers`` list, only a superuser
    deletes; its chooser serves every editor of pages (the values are public: a field, an
    agency, a unit or official of the directory, a document type, a news category)."""
    listing, chooser = f"wagtailsnippets_{app_model}", f"wagtailsnippetchoosers_{app_model}"
    table = {
        f"{listing}:list": (SU | readers | editors, NOBODY),
        f"{listing}:list_results": (SU | readers | editors, NOBODY),
        f"{listing}:add": (SU | editors, SU | editors),
        f"{listing}:copy": (SU | editors, SU | editors),
        f"{listing}:edit": (SU | editors, SU | editors),
        f"{listing}:usage": (SU | editors, NOBODY),
        f"{listing}:history": (SU | editors, NOBODY),
        f"{listing}:history_results": (SU | editors, NOBODY),
        f"{listing}:delete": (SU, delete_post),
        f"{chooser}:create": (NOBODY, NOBODY),
    }
    for view in ("choose", "choose_results", "chosen", "chosen_multiple"):
        table[f"{chooser}:{view}"] = (EVERYONE, NOBODY)
    return table


rows(
    # Shared taxonomies: the board keeps them; auditors read.
    "Fields (lĩnh vực)",
    snippets("core_field", readers={AUDITOR}, editors=BOARD),
)
rows("Agencies", snippets("core_agency", readers={AUDITOR}, editors=BOARD))
rows(
    # R-DIR-1: the board keeps the directory; auditors read. A unit's officials protect
    # it: the superuser's delete is refused with a message.
    "Units",
    snippets("core_unit", readers={AUDITOR}, editors=BOARD, delete_post=NOBODY),
)
rows(
    # R-DIR-1: unit officers update officials' entries too (home.change_official).
    "Officials",
    {
        **snippets("core_official", readers={AUDITOR}, editors=BOARD),
        **{
            f"wagtailsnippets_core_official:{action}": (
                SU | BOARD | {OFFICER},
                SU | BOARD | {OFFICER} if action == "edit" else NOBODY,
            )
            for action in ("edit", "usage", "history", "history_results")
        },
        "wagtailsnippets_core_official:list": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
        "wagtailsnippets_core_official:list_results": (SU | BOARD | {OFFICER, AUDITOR}, NOBODY),
    },
)
rows(
    # R-LEGAL-1: document types are set-up data (a data migration); a superuser's.
    "Document types",
    snippets("legal_documenttype", readers=NOBODY, editors=NOBODY),
)
rows(
    # R-NEWS-1: news categories are set-up data (a data migration); a superuser's.
    "News categories",
    snippets("news_newscategory", readers=NOBODY, editors=NOBODY),
)

# Royalties (R-ROY-1) ------------------------------------------------------------------------
HIDDEN_WHEN_REFUSED |= {
    "editorial:royalty_prepare",
    "editorial:royalty_sheet",
    "editorial:royalty_line",
    "editorial:royalty_fee",
    "editorial:royalty_fee_remove",
    "editorial:royalty_propose",
    "editorial:royalty_return",
    "editorial:royalty_approve",
    "editorial:royalty_correct",
    "editorial:royalty_download",
}
rows(
    # S4 Đ7.2: the head of the board, the standing office and the head of the body work on
    # their body's sheets, auditors read them (a sheet of a body one does not read is a
    # 404); superusers read every body's and decide nothing (they hold no role). The
    # fixture is a draft: the head's writes go through (a state the sheet is not in is a
    # message, not a refusal); approving, returning and correcting are also the body
    # head's, who changes no line; the standing office prepares and reads; the auditor's
    # POSTs are refused.
    "Royalty sheets",
    {
        "editorial:royalty_months": (SU | {HEAD, AUDITOR, OFFICE, BODYHEAD}, NOBODY),
        "editorial:royalty_prepare": (NOBODY, NOBODY),  # the empty form names no body
        "editorial:royalty_sheet": (SU | {HEAD, AUDITOR, OFFICE, BODYHEAD}, NOBODY),
        "editorial:royalty_download": (SU | {HEAD, AUDITOR, OFFICE, BODYHEAD}, NOBODY),
        "editorial:royalty_line": (NOBODY, {HEAD}),
        "editorial:royalty_fee": (NOBODY, {HEAD}),
        "editorial:royalty_fee_remove": (NOBODY, {HEAD}),
        "editorial:royalty_propose": (NOBODY, {HEAD}),
        "editorial:royalty_return": (NOBODY, {HEAD, BODYHEAD}),
        "editorial:royalty_approve": (NOBODY, {BODYHEAD}),
        "editorial:royalty_correct": (NOBODY, {HEAD, BODYHEAD}),
    },
)
rows(
    # S4 Đ7.2a: the base salary is national law, install-wide: superusers only.
    "Base salary",
    {
        f"editorial_basesalary:{action}": (
            SU,
            SU if action in ("add", "edit", "delete") else NOBODY,
        )
        for action in (
            "index",
            "index_results",
            "add",
            "edit",
            "delete",
            "history",
            "history_results",
            "usage",
        )
    },
)
rows(
    # S4 Đ7.2a–b: each body's kinds; its head changes their ranges and fees, auditors read
    # the list; kinds are made at set-up (no add) and deleted by a superuser only.
    "Royalty kinds",
    {
        "editorial_royaltykind:index": (SU | {HEAD, AUDITOR, OFFICE, BODYHEAD}, NOBODY),
        "editorial_royaltykind:index_results": (SU | {HEAD, AUDITOR, OFFICE, BODYHEAD}, NOBODY),
        "editorial_royaltykind:add": (SU, SU),
        "editorial_royaltykind:edit": (SU | {HEAD}, SU | {HEAD}),
        "editorial_royaltykind:delete": (SU, SU),
        "editorial_royaltykind:history": (SU | {HEAD}, NOBODY),
        "editorial_royaltykind:history_results": (SU | {HEAD}, NOBODY),
        "editorial_royaltykind:usage": (SU | {HEAD}, NOBODY),
    },
)


# Site search ------------------------------------------------------------------------------
rows(
    # Issue 25: a body's own citizens' words (search.viewsets). Its board (the roles that
    # write its pages) adds, changes and deletes its entries; its auditors read the list;
    # no one else (collaborators, unit officers, the technical administrator, the body's
    # head). Another body's entries are outside every view (tests/search/
    # test_lexicon_entries.py). No copy or inspect view.
    "Citizens' words",
    {
        "portal_search_lexiconentry:index": (SU | BOARD | {AUDITOR}, NOBODY),
        "portal_search_lexiconentry:index_results": (SU | BOARD | {AUDITOR}, NOBODY),
        "portal_search_lexiconentry:add": (SU | BOARD, SU | BOARD),
        "portal_search_lexiconentry:edit": (SU | BOARD, SU | BOARD),
        "portal_search_lexiconentry:delete": (SU | BOARD, SU | BOARD),
        "portal_search_lexiconentry:history": (SU | BOARD, NOBODY),
        "portal_search_lexiconentry:history_results": (SU | BOARD, NOBODY),
        "portal_search_lexiconentry:usage": (SU | BOARD, NOBODY),
    },
)


def _expected(name: str, principal: str, allowed: set[str]) -> str:
    if principal == ANONYMOUS:
        return OK if name in PUBLIC else LOGIN
    return OK if principal in allowed else REFUSED


#: The URLs tried on a request of another kind than the Q&A fixture, and which one.
KIND_FIXTURES = {
    "consultation_petition": "phan-anh-kien-nghi",
    "consultation_complaint": "khieu-nai",
    "consultation_denunciation": "to-cao",
    "consultation_admin:request": "to-cao",
    "consultation_admin:accept": "to-cao",
    "consultation_admin:ask": "to-cao",
    "consultation_admin:extend": "to-cao",
    "consultation_admin:decide": "to-cao",
}


def make_requests(objects) -> dict:
    """A petition, a complaint and a denunciation next to the Q&A fixture, given to the
    same other officer (the denunciation accepted, so that every action applies)."""
    from django.utils import timezone

    from congthongtin.consultation.models import Question

    question = objects["question"]
    made = {}
    for kind in ("phan-anh-kien-nghi", "khieu-nai", "to-cao"):
        made[kind] = Question.objects.create(
            page=question.page,
            kind=kind,
            field=question.field,
            title=f"Yêu cầu ma trận {kind}",
            body="Nội dung ma trận",
            full_name="Người gửi ma trận",
            email="nguoigui@example.vn",
            received_at=question.received_at,
            state=question.state,
            unit=question.unit,
            officer=question.officer,
            due_at=question.due_at,
            accepted_at=timezone.now() if kind != "phan-anh-kien-nghi" else None,
            complexity="complex",
        )
    return made


def _url_kwargs(url, objects) -> dict:
    key = KIND_FIXTURES.get(url.name) or KIND_FIXTURES.get(url.name.split(":")[0])
    if key is None:
        return url_kwargs(url, objects)
    from congthongtin.consultation.models import Question

    target = objects["requests"][key]
    return url_kwargs(url, {**objects, "question": target, Question: target})


class AdminMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = make_users()
        cls.objects = make_objects(cls.users)
        cls.objects["requests"] = make_requests(cls.objects)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Logged in once, inside the class's transaction (outside setUpTestData, whose
        # attributes are deep-copied for every test).
        cls.principal_clients = {}
        for principal in PRINCIPALS:
            client = Client()
            if principal != ANONYMOUS:
                client.force_login(cls.users[principal])
            cls.principal_clients[principal] = client

    def test_every_portal_admin_url_has_a_row(self):
        found = set(portal_admin_urls())
        self.assertEqual(sorted(found - POLICY.keys()), [], "portal admin URLs without a row")
        self.assertEqual(sorted(POLICY.keys() - found), [], "rows without a URL")

    def check(self, name):
        url = portal_admin_urls()[name]
        path = reverse(name, kwargs=_url_kwargs(url, self.objects))
        may_get, may_post = POLICY[name]
        problems = []
        for method, allowed in (("GET", may_get), ("POST", may_post)):
            for principal in PRINCIPALS:
                client = self.principal_clients[principal]
                expected = _expected(name, principal, allowed)
                # Each request in a savepoint rolled back: an allowed POST (a delete…)
                # does not change what the next principal finds.
                with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                    if method == "GET":
                        response = client.get(path)
                    else:
                        response = client.post(path, post_data(url))
                    got = outcome(response)
                    if got == "404" and name in HIDDEN_WHEN_REFUSED:
                        got = REFUSED
                    if got != expected:
                        problems.append(
                            f"{principal} may {method} {name}: expected {expected}, got "
                            f"{got} ({response.status_code})"
                        )
                    elif method == "POST" and got != OK and (writes := data_writes(queries)):
                        problems.append(
                            f"{principal}'s refused POST to {name} wrote: {writes[0][:120]}"
                        )
                    transaction.set_rollback(True)
        self.assertEqual(problems, [], f"{path}\n" + "\n".join(problems))


def _add_test(name: str) -> None:
    def test(self):
        self.check(name)

    slug = "".join(c if c.isalnum() else "_" for c in name)
    test.__name__ = f"test_{slug}"
    setattr(AdminMatrixTests, test.__name__, test)


for _name in sorted(POLICY):
    _add_test(_name)
