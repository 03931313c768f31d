"""Public views: the Q&A, consultation subscriptions and the page rating.

Personal data of askers never reaches these templates: the list, the question page and
the tracking page are given only the subject, the question, the field, the dates, the
state, the unit and the answer, and of the asker only the initials and the place the
board wrote.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.core import signing
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from congthongtin.core import antispam
from congthongtin.core.bodies import site_id_of_page
from congthongtin.core.listing import keyword_filter, paginate
from congthongtin.core.models import Field, PortalSettings
from congthongtin.core.outbox import queue_email

from .. import lifecycle
from ..archives import archive_context, refused_on_archive
from ..deadlines import deadline_table
from ..emails import render_email
from ..forms import (
    REQUEST_FORMS,
    AddInformationForm,
    FeedbackCommentForm,
    LookupForm,
    QuestionForm,
    SubscribeForm,
    is_late,
)
from ..models import (
    ACCEPTANCE_KINDS,
    DISCLAIMER,
    PERSONAL_FIELDS,
    ConsultationSubscriber,
    PageFeedback,
    Question,
    QuestionEvent,
    QuestionState,
    RequestKind,
)

PER_PAGE = 20
FEEDBACK_SALT = "consultation.feedback"
FEEDBACK_COMMENT_MAX_AGE = 60 * 60


def _private(response):
    """Pages with a personal token: never cached by a proxy, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def board_email(request) -> str:
    portal = PortalSettings.for_request(request)
    return portal.editorial_email or portal.email


# Q&A ---------------------------------------------------------------------------------------
def is_request_page(index) -> bool:
    """A page of petitions, or of complaints and denunciations (not the Q&A)."""
    return tuple(index.request_kinds) != (RequestKind.QUESTION,)


def settles(index) -> bool:
    """A page whose requests are settled by a decision (complaints, denunciations): the
    public sees the subject, the decision and its dates, never the letter nor its sender."""
    return any(kind in ACCEPTANCE_KINDS for kind in index.request_kinds)


def question_list(request, index):
    if is_request_page(index):
        return request_list(request, index)
    questions = (
        index.published_questions()
        .select_related("field", "answer")
        .only(
            "pk",
            "code",
            "title",
            "body",
            "received_at",
            "answered_at",
            "asker_initials",
            "public_place",
            "field__name",
            "field__slug",
            "answer__id",
            "answer__author_name",
            "answer__live",
        )
        .order_by("-answered_at", "-pk")
    )
    fields = list(Field.objects.all())
    field_slug = request.GET.get("linh_vuc", "")
    field = next((f for f in fields if f.slug == field_slug), None)
    if field is not None:
        questions = questions.filter(field=field)
    query = (request.GET.get("q") or "")[:200]
    questions = keyword_filter(questions, query)
    page_obj = paginate(request, questions, PER_PAGE)
    base = index.url
    for question in page_obj.object_list:
        question.public_url = base + index.reverse_subpage("question", args=[question.pk])
    return index.render(
        request,
        context_overrides={
            "page_obj": page_obj,
            "fields": fields,
            "current_field": field.slug if field else "",
            "query": query,
            "ask_url": base + index.reverse_subpage("ask"),
            "lookup_url": base + index.reverse_subpage("lookup"),
        },
    )


def request_list(request, index):
    """Published answers to petitions, or published settlements of complaints and
    denunciations: the subject, the field, the answer or decision and the dates only."""
    columns = ["pk", "code", "title", "received_at", "answered_at", "field__name", "field__slug"]
    columns += ["answer__id", "answer__body", "answer__author_name", "answer__live"]
    questions = (
        index.published_questions()
        .select_related("field", "answer")
        .only(*columns)
        .order_by("-answered_at", "-pk")
    )
    fields = list(Field.objects.all())
    field_slug = request.GET.get("linh_vuc", "")
    field = next((f for f in fields if f.slug == field_slug), None)
    if field is not None:
        questions = questions.filter(field=field)
    # The search key holds the letter: a complaint page is not searched by keyword, so
    # that nobody learns what a letter said (or whom it named) from what a search finds.
    query = "" if settles(index) else (request.GET.get("q") or "")[:200]
    questions = keyword_filter(questions, query)
    page_obj = paginate(request, questions, PER_PAGE)
    base = index.url
    for question in page_obj.object_list:
        question.public_url = base + index.reverse_subpage("question", args=[question.pk])
    return index.render(
        request,
        template="consultation/request_index_page.html",
        context_overrides={
            "page_obj": page_obj,
            "fields": fields,
            "current_field": field.slug if field else "",
            "query": query,
            "searchable": not settles(index),
            "settles": settles(index),
            "ask_url": base + index.reverse_subpage("ask"),
            "lookup_url": base + index.reverse_subpage("lookup"),
        },
    )


def deadline_summary(index) -> list[tuple[str, int]]:
    """The answer times of the body the Q&A page belongs to."""
    return deadline_table(site_id_of_page(index))


def blank_form_or_refusal(request, index, template, form_class, context=None):
    """A GET: the page with an empty form (on an archive, its notice instead of the form).
    A POST on an archive: the refusal. Otherwise None: the view reads the POST."""
    if request.method == "POST":
        return refused_on_archive(request, index)
    archive = archive_context(index)
    form = None if archive["archived"] else form_class()
    overrides = {**(context or {}), **archive, "form": form}
    return index.render(request, template=template, context_overrides=overrides)


def form_again(request, page, template, form, context, *, rate_limited=False):
    """The page with the form as it was sent, for another try: its errors shown and what
    was typed kept; with ``rate_limited``, the limit's message and status 429."""
    form.is_valid()
    form.prepare_retry()
    overrides = {**context, "form": form}
    if rate_limited:
        overrides["rate_limited"] = antispam.RATE_LIMITED_MESSAGE
    response = page.render(request, template=template, context_overrides=overrides)
    if rate_limited:
        response.status_code = 429
    return response


#: Where the secret of a request just sent waits, in the sender's session, for the receipt
#: page to show it once.
SECRET_SESSION_KEY = "consultation.secret.%s"


def ask_question(request, index):
    if is_request_page(index):
        return ask_request(request, index)
    context = {"deadlines": deadline_summary(index), "list_url": index.url}
    return _receive_from_form(
        request, index, "consultation/question_form.html", QuestionForm, context, "question"
    )


def ask_request(request, index):
    """The form of a petitions page, or of a complaints and denunciations page (the form
    by the page's ``request_kinds``); the request is received through ``lifecycle.receive``
    and the sender led to its receipt (the reference and the secret, shown once)."""
    context = {
        "list_url": index.url,
        "lookup_url": index.url + index.reverse_subpage("lookup"),
        "settles": settles(index),
        "petition_days": _petition_days(index),
    }
    form_class = REQUEST_FORMS[index.request_kinds[0]]
    return _receive_from_form(
        request, index, "consultation/request_form.html", form_class, context, "request"
    )


def _receive_from_form(request, index, template, form_class, context, scope):
    """One public form's life: the blank form (or the archive's refusal), the per-address
    limit of ``scope``, the form again with what was typed, one request per solved check
    question (a double click lands on the same receipt), ``lifecycle.receive``, and the
    receipt page that shows the secret once."""
    blank = blank_form_or_refusal(request, index, template, form_class, context)
    if blank is not None:
        return blank
    form = form_class(request.POST)
    if antispam.check_rate_limit(request, scope):
        return form_again(request, index, template, form, context, rate_limited=True)
    if not form.is_valid():
        return form_again(request, index, template, form, context)
    first, earlier = form.claim_challenge()
    if not first:
        return HttpResponseRedirect(earlier or index.url)
    values = form.record_values()
    if values.get("kind", index.request_kinds[0]) not in index.request_kinds:
        # pragma: no cover - the form's choices allow only the page's kinds
        return HttpResponseBadRequest(gettext("This page does not receive this kind of request."))
    now = timezone.now()
    with form.storing(), transaction.atomic():
        question = Question(page=index, received_at=now, consent_at=now, **values)
        lifecycle.receive(question, board_email=board_email(request), at=now)
    antispam.remember_submission(request, scope)
    request.session[SECRET_SESSION_KEY % question.pk] = question.secret
    url = question.tracking_url() + "?moi=1"
    form.record_result(url)
    return HttpResponseRedirect(url)


def _petition_days(index) -> int:
    from ..deadlines import petition_days

    site = index.get_site()
    return petition_days(site)


#: What the tracking page says of a failed look-up, whatever the reason: nobody learns
#: whether a reference exists.
LOOKUP_FAILED = gettext_lazy(
    "No request matches this reference and secret on this page. Check both (the secret "
    "is in your receipt e-mail) and try again."
)


def lookup(request, index):
    """Follow a request by its reference and secret, without an account: on success, its
    tracking page; otherwise one message. Only this page's own requests are looked up;
    every POST counts towards the address's limit."""
    template = "consultation/request_lookup.html"
    context = {"list_url": index.url}
    if request.method != "POST":
        response = index.render(
            request, template=template, context_overrides={**context, "form": LookupForm()}
        )
        return _private(response)
    form = LookupForm(request.POST)
    if antispam.check_rate_limit(request, "request_lookup"):
        return _private(form_again(request, index, template, form, context, rate_limited=True))
    if not form.is_valid():
        return _private(form_again(request, index, template, form, context))
    code = form.cleaned_data["code"].strip().upper()
    question = (
        Question.objects.filter(page=index, code=code)
        .only("pk", "page", "secret_hash", "tracking_token")
        .first()
    )
    probe = question or Question(secret_hash="0" * 64)
    if probe.check_secret(form.cleaned_data["secret"]) and question is not None:
        question.page = index
        return HttpResponseRedirect(question.tracking_url())
    form.add_error(None, LOOKUP_FAILED)  # the secret is never shown back (SecretInput)
    response = index.render(request, template=template, context_overrides={**context, "form": form})
    return _private(response)


def question_detail(request, index, pk):
    questions = index.published_questions().select_related("field", "answer", "unit")
    if settles(index):
        # Never the letter, nor anything of its sender.
        questions = questions.defer("body", *PERSONAL_FIELDS, "respondent", "decision_reference")
    question = questions.filter(pk=pk).first()
    if question is None:
        raise Http404
    context = {
        "question": question,
        "answer": question.answer,
        "disclaimer": DISCLAIMER,
        "list_url": index.url,
    }
    if is_request_page(index):
        template = "consultation/request_detail.html"
        context["settles"] = settles(index)
    else:
        template = "consultation/question_detail.html"
    return index.render(request, template=template, context_overrides=context)


def track_question(request, index, token):
    if request.method == "POST":
        refusal = refused_on_archive(request, index)
        if refusal is not None:
            return refusal
    question = _tracked(index, token)
    if question is None or len(token) < 20:
        raise Http404
    info_form = None
    if question.state == QuestionState.INFORMATION_REQUESTED:
        info_form = AddInformationForm()
        if request.method == "POST":
            if antispam.check_rate_limit(request, "request_information"):
                response = _tracking_page(
                    request, index, question, AddInformationForm(request.POST), rate_limited=True
                )
                response.status_code = 429
                return _private(response)
            info_form = AddInformationForm(request.POST)
            if info_form.is_valid():
                lifecycle.add_information(question, text=info_form.cleaned_data["text"])
                antispam.remember_submission(request, "request_information")
                return HttpResponseRedirect(question.tracking_url() + "?da_bo_sung=1")
    return _private(_tracking_page(request, index, question, info_form))


def _tracked(index, token):
    return (
        Question.objects.filter(page=index, tracking_token=token)
        .select_related("field", "unit", "answer")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=QuestionEvent.objects.filter(
                    kind__in=QuestionEvent.PUBLIC_KINDS
                ).select_related("to_unit"),
                to_attr="public_events",
            )
        )
        .first()
    )


#: What the current due date is for, by stage.
DUE_PURPOSES = {
    "acceptance": gettext_lazy("Acceptance for settlement (or refusal with reasons) due by"),
    "settlement": gettext_lazy("Settlement due by"),
    "answer": gettext_lazy("Answer due by"),
}


def due_stage(question) -> str:
    """The stage the current due date closes: acceptance or settlement of a complaint or
    denunciation, else the answer."""
    if question.needs_acceptance:
        return "acceptance" if question.accepted_at is None else "settlement"
    return "answer"


def _tracking_page(request, index, question, info_form, *, rate_limited=False):
    # The page as its own type: a petitions or complaints page has its own addresses.
    question.page = index
    answer = getattr(question, "answer", None)
    if answer is not None and not answer.live:
        answer = None
    just_sent = request.GET.get("moi") == "1"
    secret = request.session.pop(SECRET_SESSION_KEY % question.pk, "") if just_sent else ""
    return index.render(
        request,
        template="consultation/question_tracking.html",
        context_overrides={
            "question": question,
            "answer": answer,
            "disclaimer": DISCLAIMER,
            "just_sent": just_sent,
            "secret": secret,
            "is_request": question.kind != RequestKind.QUESTION,
            "due_stage": due_stage(question),
            "due_purpose": DUE_PURPOSES[due_stage(question)],
            "late_complaint": question.kind == RequestKind.COMPLAINT
            and is_late(question.known_on, timezone.localtime(question.received_at).date()),
            "info_form": info_form,
            "info_added": request.GET.get("da_bo_sung") == "1",
            "rate_limited": antispam.RATE_LIMITED_MESSAGE if rate_limited else "",
            "lookup_url": index.url + index.reverse_subpage("lookup"),
            "is_refused": question.state == QuestionState.REFUSED,
            "deadlines": deadline_summary(index),
            "public_url": (
                question.get_url() if answer is not None and question.publish_on_portal else ""
            ),
            "list_url": index.url,
        },
    )


# Consultation subscriptions ----------------------------------------------------------------
def subscribe(request, index):
    template = "consultation/subscribe.html"
    blank = blank_form_or_refusal(request, index, template, SubscribeForm)
    if blank is not None:
        return blank
    if antispam.check_rate_limit(request, "subscribe"):
        form = SubscribeForm(request.POST)
        form.is_valid()
        form.prepare_retry()
        response = index.render(
            request,
            template=template,
            context_overrides={"form": form, "rate_limited": antispam.RATE_LIMITED_MESSAGE},
        )
        response.status_code = 429
        return response
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        form.prepare_retry()
        return index.render(request, template=template, context_overrides={"form": form})
    done = index.url + index.reverse_subpage("subscribe") + "?da_gui=1"
    first, earlier = form.claim_challenge()
    if not first:
        return HttpResponseRedirect(earlier or done)
    site = index.get_site()
    email = form.cleaned_data["email"].strip().lower()
    with form.storing(), transaction.atomic():
        subscriber, _created = ConsultationSubscriber.objects.select_for_update().get_or_create(
            site=site, email=email, defaults={"consent_at": timezone.now()}
        )
        # Whatever the state, the same answer: nobody learns who is subscribed.
        if not subscriber.is_active:
            if subscriber.unsubscribed_at:
                subscriber.unsubscribed_at = None
                subscriber.confirmed_at = None
            subscriber.consent_at = timezone.now()
            subscriber.save()
            confirm = index.full_url + index.reverse_subpage("confirm", args=[subscriber.token])
            queue_email(
                [email],
                gettext("Confirm your subscription to the consultations of %(portal)s")
                % {"portal": PortalSettings.for_site(site).name},
                render_email(
                    "consultation/email/subscribe_confirm.txt",
                    confirm_url=confirm,
                    portal=PortalSettings.for_site(site),
                ),
                purpose="subscriber.confirm",
                reference=f"subscriber:{subscriber.pk}",
                site=site,
            )
    antispam.remember_submission(request, "subscribe")
    form.record_result(done)
    return HttpResponseRedirect(done)


def _subscriber_action(request, index, token, action):
    subscriber = ConsultationSubscriber.objects.filter(site=index.get_site(), token=token).first()
    if subscriber is None:
        raise Http404
    done = False
    # An archived body takes no new subscription; leaving one stays possible.
    if request.method == "POST" and action == "confirm":
        refusal = refused_on_archive(request, index)
        if refusal is not None:
            return refusal
    if request.method == "POST":
        now = timezone.now()
        if action == "confirm":
            subscriber.confirmed_at = subscriber.confirmed_at or now
            subscriber.unsubscribed_at = None
        else:
            subscriber.unsubscribed_at = now
        subscriber.save()
        done = True
    response = index.render(
        request,
        template="consultation/subscription_action.html",
        context_overrides={
            "action": action,
            "done": done,
            "subscriber": subscriber,
            **(archive_context(index) if action == "confirm" else {}),
        },
    )
    return _private(response)


def confirm_subscription(request, index, token):
    return _subscriber_action(request, index, token, "confirm")


def unsubscribe(request, index, token):
    return _subscriber_action(request, index, token, "unsubscribe")


# “Was this page useful?” -------------------------------------------------------------------
def same_origin(request) -> bool:
    """The POST comes from a page of this host (Origin, else Referer header).

    The rating buttons sit on every page; a CSRF token there would set a cookie on every
    page and make it uncacheable for the front cache (docs/architecture.md §7). The check browsers
    make possible instead: a form on another site cannot send this host's Origin."""
    host = request.get_host().lower()
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    if not origin or origin == "null":
        return False
    return urlparse(origin).netloc.lower() == host


@csrf_exempt
@require_POST
def page_feedback(request):
    if not same_origin(request):
        return HttpResponseForbidden(gettext("The rating must be sent from a page of this portal."))
    if (request.POST.get(antispam.HONEYPOT_FIELD) or "").strip():
        return HttpResponseBadRequest(gettext("The form could not be sent."))
    useful = {"yes": True, "no": False}.get(request.POST.get("useful", ""))
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError:
        page_id = None
    page = Page.objects.live().public().filter(pk=page_id).first() if page_id else None
    if page is None or useful is None:
        return HttpResponseBadRequest(gettext("The rating was not understood."))
    refusal = refused_on_archive(request, page)
    if refusal is not None:
        return _private(refusal)
    if antispam.check_rate_limit(request, "feedback"):
        response = render(
            request,
            "consultation/feedback_thanks.html",
            {"target": page, "rate_limited": antispam.RATE_LIMITED_MESSAGE},
            status=429,
        )
        return _private(response)
    feedback = PageFeedback.objects.create(page=page, useful=useful)
    antispam.remember_submission(request, "feedback")
    form = FeedbackCommentForm(initial={"rating": signing.dumps(feedback.pk, salt=FEEDBACK_SALT)})
    return _private(
        render(
            request,
            "consultation/feedback_thanks.html",
            {"target": page, "form": form, "useful": useful},
        )
    )


@require_POST
def page_feedback_comment(request):
    form = FeedbackCommentForm(request.POST)
    feedback = None
    try:
        pk = signing.loads(
            request.POST.get("rating", ""), salt=FEEDBACK_SALT, max_age=FEEDBACK_COMMENT_MAX_AGE
        )
        feedback = PageFeedback.objects.select_related("page").filter(pk=pk).first()
    except signing.BadSignature:
        feedback = None
    if feedback is None:
        return HttpResponseBadRequest(gettext("The rating was not found or is too old."))
    target = feedback.page.specific_deferred if feedback.page_id else None
    refusal = refused_on_archive(request, target)
    if refusal is not None:
        return _private(refusal)
    if antispam.check_rate_limit(request, "feedback-comment"):
        form.is_valid()
        form.prepare_retry()
        response = render(
            request,
            "consultation/feedback_thanks.html",
            {"target": target, "form": form, "rate_limited": antispam.RATE_LIMITED_MESSAGE},
            status=429,
        )
        return _private(response)
    if not form.is_valid():
        form.prepare_retry()
        return _private(
            render(
                request,
                "consultation/feedback_thanks.html",
                {"target": target, "form": form, "useful": feedback.useful},
            )
        )
    first, _earlier = form.claim_challenge()
    if first and form.cleaned_data.get("comment"):
        with form.storing():
            PageFeedback.objects.filter(pk=feedback.pk, comment="").update(
                comment=form.cleaned_data["comment"]
            )
        antispam.remember_submission(request, "feedback-comment")
    return _private(
        render(request, "consultation/feedback_thanks.html", {"target": target, "finished": True})
    )
