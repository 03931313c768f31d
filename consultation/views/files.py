"""Citizens' files, served only to the officials who may read the record they belong to
(issue 16, finding 7).

A comment's attachment is read by whoever may open the comment in the admin
(``CommentViewSet`` and its policy, ``consultation.permissions.CommentPermissionPolicy``:
the board and the auditors of the draft's body); any other official gets a plain 403
(not Wagtail's redirect to the dashboard: a download link has no page to come back to),
an anonymous reader the login page
(Wagtail's admin URLs require a login). The file itself is sent by
``congthongtin.core.private_media.serve_private_file`` (X-Accel-Redirect behind nginx, streamed
otherwise).

The drafts' own files, which editors publish with the consultation, are Wagtail documents
and stay public.
"""

from __future__ import annotations

from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from congthongtin.core.private_media import serve_private_file

from ..models import ConsultationComment
from ..permissions import policy_for, reachable


def may_read_comment_files(user) -> bool:
    return policy_for(ConsultationComment).user_has_any_permission(user, ["view", "change"])


def _refused():
    return HttpResponseForbidden(
        gettext("You are not allowed to read the files citizens attach to comments."),
        content_type="text/plain; charset=utf-8",
    )


def comment_attachment(request, pk):
    if not may_read_comment_files(request.user):
        return _refused()
    comment = get_object_or_404(ConsultationComment.objects.only("pk", "attachment"), pk=pk)
    # Same rule as the comments' viewset: who may open the comment may open its file.
    if not reachable(request.user, ConsultationComment).filter(pk=comment.pk).exists():
        return _refused()
    return serve_private_file(comment.attachment)
