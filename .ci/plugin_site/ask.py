"""Stage "qa" of .ci/plugin_site.sh, run by the host site's ``manage.py shell``.

A questions-and-answers page under the host's home page; then a citizen's question sent
through the public form as a browser sends it: GET the form, keep its hidden fields (CSRF
token, the signed check question), fill the visible ones, answer the check question by
reading it (a sum in words), wait the minimum fill time the anti-spam asks
(PUBLIC_FORM_MIN_SECONDS, 3 s by default), POST with CSRF checks on, follow the redirect
to the tracking page; the question is stored.
"""

import os
import re
import time
import unicodedata
from html.parser import HTMLParser

from django.test import Client
from wagtail.models import Site

from congthongtin.consultation.models import Question, QuestionIndexPage
from congthongtin.core.models import Field

MIN_FILL_SECONDS = float(os.environ.get("PUBLIC_FORM_MIN_SECONDS", "3"))
SUBJECT = "Thủ tục cấp lại giấy khai sinh bị mất"
NUMBERS = {
    "khong": 0, "zero": 0, "mot": 1, "one": 1, "hai": 2, "two": 2, "ba": 3, "three": 3,
    "bon": 4, "four": 4, "nam": 5, "five": 5, "sau": 6, "six": 6, "bay": 7, "seven": 7,
    "tam": 8, "eight": 8, "chin": 9, "nine": 9, "muoi": 10, "ten": 10,
}  # fmt: skip
OPERATORS = {"cong": 1, "plus": 1, "tru": -1, "minus": -1}


def fail(message, response=None):
    body = response.content.decode(errors="replace")[:6000] if response is not None else ""
    raise SystemExit(f"FAILED: {message}\n{body}")


def plain(text):
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class FormReader(HTMLParser):
    """The POST form holding the check question: its controls and its labels."""

    def __init__(self):
        super().__init__()
        self.forms, self.labels, self.label_for, self.select = [], {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "controls": []})
        elif tag in ("input", "textarea", "select") and self.forms and attrs.get("name"):
            control = {"tag": tag, **attrs, "options": []}
            self.forms[-1]["controls"].append(control)
            self.select = control if tag == "select" else None
        elif tag == "option" and self.select is not None:
            self.select["options"].append(attrs.get("value", ""))
        elif tag == "label" and attrs.get("for"):
            self.label_for = attrs["for"]
            self.labels[self.label_for] = ""

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_for = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.label_for:
            self.labels[self.label_for] += data


def solve(question):
    """A person's reading of "Năm cộng ba bằng bao nhiêu?" / "How much is five plus three?"."""
    words = re.findall(r"\w+", plain(question))
    numbers = [NUMBERS[w] for w in words if w in NUMBERS]
    signs = [OPERATORS[w] for w in words if w in OPERATORS]
    if len(numbers) != 2 or len(signs) != 1:
        fail(f"cannot read the check question {question!r}")
    return str(numbers[0] + signs[0] * numbers[1])


site = Site.objects.get(is_default_site=True)
home = site.root_page.specific
field = Field.objects.first() or Field.objects.create(name="Hộ tịch")
qa = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap", rules="Không tiếp nhận khiếu nại, tố cáo.")
home.add_child(instance=qa)
qa.save_revision().publish()
form_url = f"{qa.url}gui-cau-hoi/"
print(f"  created {qa.url}")

browser = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 (plugin_site.sh)")
response = browser.get(form_url)
if response.status_code != 200:
    fail(f"GET {form_url} answered {response.status_code}", response)
print(f"  GET {form_url} → 200")
started = time.monotonic()

reader = FormReader()
reader.feed(response.content.decode())
forms = [f for f in reader.forms if any(c["name"] == "challenge_token" for c in f["controls"])]
if len(forms) != 1:
    fail(f"{len(forms)} POST forms with a check question on {form_url}", response)
form = forms[0]
values = {
    "full_name": "Lò Văn Pín",
    "occupation": "Nông dân",
    "address": "Bản Khe Rồng, xã Như Xuân, tỉnh Thanh Hóa",
    "email": "lovanpin@example.vn",
    "title": SUBJECT,
    "body": "Giấy khai sinh của con tôi bị mất. Tôi cần giấy tờ gì để xin cấp bản sao?",
    "consent": "on",
}
data = {}
for control in form["controls"]:
    name, kind = control["name"], (control.get("type") or "text").lower()
    if control["tag"] == "select":
        choices = [v for v in control["options"] if v]
        data[name] = choices[0] if choices else ""
    elif kind == "radio":
        if "checked" in control:
            data[name] = control.get("value", "on")
    elif kind == "checkbox":
        if name in values:
            data[name] = values[name]
    elif kind == "submit":
        continue
    elif name == "challenge_answer":
        data[name] = solve(reader.labels.get(control.get("id", ""), ""))
    else:  # hidden fields as sent, visible ones filled or left as shown
        data[name] = values.get(name, control.get("value", ""))
missing = {"csrfmiddlewaretoken", "challenge_token", "challenge_answer"} - data.keys()
if missing:
    fail(f"the form lacks {sorted(missing)}", response)
print(f"  check question answered: {data['challenge_answer']}; fields sent: {sorted(data)}")

time.sleep(max(0.0, MIN_FILL_SECONDS + 0.5 - (time.monotonic() - started)))
action = form["action"] or form_url
response = browser.post(action, data, REMOTE_ADDR="192.0.2.17")
if response.status_code != 302:
    fail(f"POST {action} answered {response.status_code}, not a redirect", response)
tracking = response["Location"]
response = browser.get(tracking)
if response.status_code != 200:
    fail(f"GET {tracking} answered {response.status_code}", response)
question = Question.objects.filter(title=SUBJECT).first()
if question is None:
    fail("the question was not stored")
if question.code not in response.content.decode():
    fail(f"the tracking page does not show the question's reference {question.code}", response)
print(f"  POST {action} → 302 {tracking} → 200; stored question {question.code} ({question.state})")
