"""Fault test on the loopback stack: Q&A questions sent while PostgreSQL restarts (issue 11).

Run the stack against a PRIVATE PostgreSQL cluster (never restart the shared one):

    pg_createcluster 15 hstack -p 5433 && pg_ctlcluster 15 hstack start   # trust auth
    PG_URL=postgres://postgres@127.0.0.1:5433 PG_DB=hstack_portal deploy/stack.sh start
    .venv/bin/python bench/faults.py --cluster "15 hstack" --restarts 4

Several posters play citizens, each from an address of its own (``X-Real-IP``, read by the
app as ``PUBLIC_FORM_CLIENT_IP_HEADER=HTTP_X_REAL_IP`` as behind nginx): open the question
form, wait as a person would (the anti-abuse minimum), answer the challenge, send. Meanwhile
the cluster is restarted several times. Afterwards every answer is checked against the
database:

* accepted (302 to the tracking page): the question is stored once, with its "received"
  event and its receipt e-mail in the outbox (nothing half-stored);
* refused (any other answer): the page is Vietnamese, tells the citizen to send again, shows
  no stack trace, and the question is NOT stored (else the citizen would send it twice).

Writes bench/results/faults.json. No timings are asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import APP, NGINX, RESULTS, ROOT, machine, setup_django

RETRY_WORDS = ("thử lại", "gửi lại")
ENGLISH_WORDS = ("Server Error", "Internal Server Error", "Bad Gateway", "Traceback", "Exception")


def form_values(html: str) -> tuple[dict, str | None]:
    """Every field of the question form with a plausible value, and the challenge token."""
    soup = BeautifulSoup(html, "html.parser")
    form = next(
        (f for f in soup.find_all("form") if f.find(attrs={"name": "challenge_token"})), None
    )
    if form is None:
        return {}, None
    values, token = {}, None
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name:
            continue
        kind = (field.get("type") or field.name).lower()
        if field.name == "select":
            options = [o.get("value") for o in field.find_all("option") if o.get("value")]
            values[name] = options[0] if options else ""
        elif kind == "radio":
            if name not in values or field.has_attr("checked"):
                values[name] = field.get("value")
        elif kind == "checkbox":
            if name != "extra_note":
                values[name] = field.get("value") or "on"
        elif kind in ("submit", "button", "file"):
            continue
        else:
            values[name] = field.get("value") or field.text or ""
    token = values.get("challenge_token")
    values["extra_note"] = ""  # the honeypot stays empty
    return values, token


class Poster(threading.Thread):
    def __init__(self, number: int, ask_url: str, marker: str, stop: threading.Event, log):
        super().__init__(daemon=True)
        self.number, self.ask_url, self.marker, self.stop, self.log = (
            number,
            ask_url,
            marker,
            stop,
            log,
        )

    def run(self) -> None:
        from congthongtin.core import antispam

        n = 0
        while not self.stop.is_set():
            n += 1
            title = f"{self.marker}-{self.number}-{n}"
            address = f"10.{self.number}.{n // 250}.{n % 250 + 1}"
            session = requests.Session()
            session.headers["X-Real-IP"] = address
            entry = {"title": title, "address": address, "t_form": time.time()}
            try:
                form = session.get(APP + self.ask_url, timeout=30)
            except requests.RequestException as error:
                entry.update(stage="form", outcome="connection error", error=str(error))
                self.log.append(entry)
                time.sleep(1)
                continue
            values, token = form_values(form.text)
            if form.status_code != 200 or token is None:
                entry.update(stage="form", outcome="form refused", status=form.status_code)
                entry.update(page_check(form.text))
                self.log.append(entry)
                time.sleep(1)
                continue
            challenge = antispam.read_challenge(token)
            values.update(
                full_name="Nguyễn Văn Thử",
                occupation="Nông dân",
                address="Thôn Đồng Mới, xã Như Xuân, tỉnh Thanh Hóa",
                email=f"thu{self.number}.{n}@example.vn",
                title=title,
                body="Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ cần giấy tờ gì?",
                challenge_answer=str(challenge.answer),
            )
            # CSRF_COOKIE_SECURE: requests keeps the cookie to itself over plain HTTP.
            csrf = form.cookies.get("csrftoken", "")
            time.sleep(3.3)  # PUBLIC_FORM_MIN_SECONDS: a person reads the question first
            entry["t_post"] = time.time()
            try:
                answer = session.post(
                    APP + self.ask_url,
                    data=values,
                    headers={"Referer": APP + self.ask_url, "Cookie": f"csrftoken={csrf}"},
                    allow_redirects=False,
                    timeout=30,
                )
            except requests.RequestException as error:
                entry.update(stage="post", outcome="connection error", error=str(error))
                self.log.append(entry)
                continue
            entry.update(stage="post", status=answer.status_code, t_done=time.time())
            location = answer.headers.get("Location", "")
            if answer.status_code == 302 and "moi=1" in location:
                entry["outcome"] = "accepted"
                entry["location"] = location
            else:
                entry["outcome"] = "refused"
                entry.update(page_check(answer.text))
                # What the citizen sends again with the browser's back button: the same
                # form, the same challenge token (see retry_refused).
                entry["_resend"] = {"values": values, "csrf": csrf}
            self.log.append(entry)


def page_check(html: str) -> dict:
    text = BeautifulSoup(html or "", "html.parser").get_text(" ", strip=True)
    return {
        "vietnamese": 'lang="vi"' in (html or ""),
        "tells_retry": any(word in text.lower() for word in RETRY_WORDS),
        "english_or_trace": [w for w in ENGLISH_WORDS if w in (html or "")],
        "text": text[:200],
    }


def retry_refused(log: list[dict], ask_url: str) -> None:
    """Once the database is back, send every refused form again as it was (the browser's
    back button keeps the text and the challenge token), and note what happens."""
    for entry in log:
        resend = entry.pop("_resend", None)
        if resend is None:
            continue
        answer = requests.post(
            APP + ask_url,
            data=resend["values"],
            headers={
                "X-Real-IP": entry["address"],
                "Referer": APP + ask_url,
                "Cookie": f"csrftoken={resend['csrf']}",
            },
            allow_redirects=False,
            timeout=30,
        )
        entry["resent_status"] = answer.status_code
        entry["resent_location"] = answer.headers.get("Location", "")


def restart(cluster: str) -> dict:
    started = time.time()
    done = subprocess.run(
        ["pg_ctlcluster", *cluster.split(), "restart", "-m", "fast"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return {"at": started, "seconds": round(time.time() - started, 2), "rc": done.returncode}


def stored_titles(marker: str) -> set[str]:
    from django.db import close_old_connections

    from congthongtin.consultation.models import Question

    close_old_connections()
    return set(Question.objects.filter(title__startswith=marker).values_list("title", flat=True))


def verify(log: list[dict], marker: str, before_resend: set[str]) -> dict:
    from django.db import close_old_connections

    from congthongtin.consultation.models import Question, QuestionEvent
    from congthongtin.core.models import OutgoingEmail

    close_old_connections()
    stored = {q.title: q for q in Question.objects.filter(title__startswith=marker)}
    events = set(
        QuestionEvent.objects.filter(
            question__in=stored.values(), kind=QuestionEvent.Kind.RECEIVED
        ).values_list("question_id", flat=True)
    )
    mails = set(
        OutgoingEmail.objects.filter(
            reference__in=[f"question:{q.pk}" for q in stored.values()],
            purpose="question.receipt",
        ).values_list("reference", flat=True)
    )
    posted = [e for e in log if e.get("stage") == "post"]
    accepted = [e for e in posted if e["outcome"] == "accepted"]
    refused = [e for e in posted if e["outcome"] != "accepted"]
    form_refused = [e for e in log if e.get("stage") == "form"]
    half = [t for t, q in stored.items() if q.pk not in events or f"question:{q.pk}" not in mails]
    duplicates = Question.objects.filter(title__startswith=marker).count() - len(stored)
    resent = [e for e in refused if "resent_status" in e]
    return {
        "submissions_posted": len(posted),
        "accepted": len(accepted),
        "accepted_and_stored": sum(1 for e in accepted if e["title"] in stored),
        "accepted_missing": [e["title"] for e in accepted if e["title"] not in stored],
        "refused": len(refused),
        "refused_statuses": sorted({e.get("status", e["outcome"]) for e in refused}, key=str),
        # stored although the citizen was told it was not (checked before the resends)
        "refused_but_stored": [e["title"] for e in refused if e["title"] in before_resend],
        "refused_not_vietnamese_or_no_retry_hint": [
            {k: e.get(k) for k in ("title", "status", "outcome", "text", "english_or_trace")}
            for e in refused
            if not (e.get("vietnamese") and e.get("tells_retry")) or e.get("english_or_trace")
        ],
        "form_page_refused": len(form_refused),
        "form_page_refused_bad_page": [
            {k: e.get(k) for k in ("status", "outcome", "text", "english_or_trace")}
            for e in form_refused
            if not (e.get("vietnamese") and e.get("tells_retry")) or e.get("english_or_trace")
        ],
        "half_stored": half,
        "refused_then_resent_with_back_button": len(resent),
        "resent_stored": sum(
            1 for e in resent if e["title"] in stored and e["title"] not in before_resend
        ),
        "resent_redirected_but_lost": [
            {"title": e["title"], "status": e["resent_status"], "to": e["resent_location"]}
            for e in resent
            if e["title"] not in stored and e["resent_status"] in (301, 302, 303)
        ],
        "duplicates": duplicates,
        "stored_total": len(stored),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cluster", required=True, help='e.g. "15 hstack" (pg_ctlcluster)')
    parser.add_argument("--restarts", type=int, default=4)
    parser.add_argument("--interval", type=float, default=20.0, help="seconds between restarts")
    parser.add_argument("--posters", type=int, default=4)
    parser.add_argument("--label", default="faults")
    args = parser.parse_args()
    if args.cluster.split()[-1] == "main":
        sys.exit("refusing to restart the shared cluster 'main'")
    setup_django()
    from congthongtin.consultation.models import QuestionIndexPage

    index = QuestionIndexPage.objects.live().exact_type(QuestionIndexPage).first().specific
    ask_url = index.url + index.reverse_subpage("ask")
    marker = f"FAULT{int(time.time())}{random.randint(100, 999)}"
    log: list[dict] = []
    stop = threading.Event()
    posters = [Poster(i + 1, ask_url, marker, stop, log) for i in range(args.posters)]
    for poster in posters:
        poster.start()
    restarts = []
    time.sleep(args.interval / 2)
    for _ in range(args.restarts):
        restarts.append(restart(args.cluster))
        print("restart:", restarts[-1], "submissions so far:", len(log), flush=True)
        time.sleep(args.interval)
    stop.set()
    for poster in posters:
        poster.join(timeout=60)
    time.sleep(5)
    before_resend = stored_titles(marker)
    retry_refused(log, ask_url)
    # What a citizen sees through nginx when the app is not there at all is nginx's page.
    nginx_down = requests.get(NGINX + ask_url, timeout=30)
    result = {
        "label": args.label,
        "machine": machine(),
        "marker": marker,
        "ask_url": ask_url,
        "restarts": restarts,
        "check": verify(log, marker, before_resend),
        "nginx_form_status_after": nginx_down.status_code,
        "log": log,
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.label}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    print(json.dumps(result["check"], indent=1, ensure_ascii=False))
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
