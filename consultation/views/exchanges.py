"""Public views of an online exchange (R-FORUM-1): the page, the question form and the small
JSON list the page polls while the exchange is live.

Caching. The page and the JSON list are the same for every reader, so the front cache
serves them; what changes by itself is the status (an exchange starts and ends with the
clock) and, while it is live, the answers. So:

- while live, the page and ``cau-hoi-json/`` say ``max-age=5, s-maxage=5``: nginx asks
  Django at most once every 5 seconds whatever the number of readers, and a reader sees
  an answer within ~5 s of the poll (the issue's 10 s);
- before the start, the page is kept no longer than until the start (and the default);
- after the end, the page is an ordinary page (the transcript is published as a revision:
  publishing purges it).

The question form is on its own address (``gui-cau-hoi/``), as the Q&A's: it carries a
CSRF token and a signed check question, which the cached page cannot.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from congthongtin.core import antispam
from congthongtin.core.conf import app_settings

from ..archives import archive_context, refused_on_archive
from ..exchange_forms import ExchangeQuestionForm
from ..exchanges import TransitionError, submit
from ..models.exchanges import ExchangeStatus
from .public import form_again

#: Seconds the front cache and browsers keep the live page and its JSON list.
LIVE_MAX_AGE = 5
RATE_SCOPE = "exchange-question"


def _anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def shared_for(response, seconds: int):
    """Cacheable by everyone for ``seconds`` (nginx reads ``X-Accel-Expires``)."""
    patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds)
    response["X-Accel-Expires"] = str(seconds)
    return response


def bounded_by(request, response, moment, now=None):
    """An anonymous page that changes by itself at ``moment`` (an exchange starts or ends)
    is kept by the front cache no longer than until then (the portal's default otherwise)."""
    if moment is None or not _anonymous(request) or request.method not in ("GET", "HEAD"):
        return response
    now = now or timezone.now()
    seconds = int((moment - now).total_seconds())
    if seconds < app_settings.CACHE_SHARED_MAX_AGE:
        shared_for(response, max(LIVE_MAX_AGE, seconds))
    return response


def _page_lifetime(page, now) -> int | None:
    """Seconds the front cache may keep the page, or None for the portal's default."""
    status = page.status_at(now)
    if status == ExchangeStatus.LIVE:
        return LIVE_MAX_AGE
    if status == ExchangeStatus.UPCOMING:
        until_start = int((page.starts_at - now).total_seconds())
        return max(LIVE_MAX_AGE, min(until_start, app_settings.CACHE_SHARED_MAX_AGE))
    return None


def exchange_page(request, page):
    now = timezone.now()
    status = page.status_at(now)
    questions = list(page.public_questions())
    show_all = status != ExchangeStatus.ENDED or page.transcript_published
    response = page.render(
        request,
        context_overrides={
            "status": status,
            "status_label": ExchangeStatus(status).label,
            "is_live": status == ExchangeStatus.LIVE,
            "questions": questions if show_all else [],
            "answered_count": sum(1 for q in questions if q.answer),
            "ask_url": page.url + page.reverse_subpage("ask"),
            "json_url": page.url + page.reverse_subpage("questions_json"),
            **archive_context(page),
        },
    )
    lifetime = _page_lifetime(page, now)
    if lifetime is not None and _anonymous(request) and request.method in ("GET", "HEAD"):
        shared_for(response, lifetime)
    return response


def questions_json(request, page):
    """The approved and answered questions, in the page's order; never an e-mail."""
    status = page.status_at()
    visible = status != ExchangeStatus.ENDED or page.transcript_published
    questions = [q.as_public_dict() for q in page.public_questions()] if visible else []
    response = JsonResponse(
        {"status": status, "questions": questions},
        json_dumps_params={"ensure_ascii": False},
    )
    response["X-Robots-Tag"] = "noindex"
    return shared_for(response, LIVE_MAX_AGE)


def ask(request, page):
    template = "consultation/exchange_question_form.html"
    context = {"exchange_url": page.url, **archive_context(page)}
    done = request.GET.get("da_gui") == "1"
    if request.method == "POST":
        refusal = refused_on_archive(request, page)
        if refusal is not None:
            return refusal
    if not page.accepts_questions or context["archived"]:
        return page.render(request, template=template, context_overrides={**context, "form": None})
    if request.method != "POST":
        form = None if done else ExchangeQuestionForm()
        return page.render(
            request, template=template, context_overrides={**context, "form": form, "done": done}
        )
    form = ExchangeQuestionForm(request.POST)
    if antispam.check_rate_limit(request, RATE_SCOPE):
        return form_again(request, page, template, form, context, rate_limited=True)
    if not form.is_valid():
        return form_again(request, page, template, form, context)
    url = page.url + page.reverse_subpage("ask") + "?da_gui=1"
    first, earlier = form.claim_challenge()
    if not first:
        return HttpResponseRedirect(earlier or url)
    try:
        with form.storing():
            submit(page, **form.record_values())
    except TransitionError:  # ended while the person was typing
        return page.render(request, template=template, context_overrides={**context, "form": None})
    antispam.remember_submission(request, RATE_SCOPE)
    form.record_result(url)
    return HttpResponseRedirect(url)
