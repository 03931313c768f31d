"""Citizens' files, served only to the officials who may read the record they belong to
(issue 16, finding 7).

A comment's attachment is read by whoever may see comments in the admin
(``CommentViewSet``: the view or change permission on comments: the board and the
auditors); any other official gets a plain 403 (not Wagtail's redirect to the dashboard:
a download link has no page to come back to), an anonymous reader the login page
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
from wagtail.permission_policies import ModelPermissionPolicy

from congthongtin.core.private_media import serve_private_file

from ..models import ConsultationComment

#: Same rule as the comments' viewset: who may open a comment may open its file.
comment_permission_policy = ModelPermissionPolicy(ConsultationComment)


def may_read_comment_files(user) -> bool:
    return comment_permission_policy.user_has_any_permission(user, ["view", "change"])


def comment_attachment(request, pk):
    if not may_read_comment_files(request.user):
        return HttpResponseForbidden(
            gettext("You are not allowed to read the files citizens attach to comments."),
            content_type="text/plain; charset=utf-8",
        )
    comment = get_object_or_404(ConsultationComment.objects.only("pk", "attachment"), pk=pk)
    return serve_private_file(comment.attachment)
