"""Only consultation.lifecycle writes a question's state (issue 22, part 1).

Every .py of the repository's apps is parsed (ast); a write of ``state`` that concerns a
question anywhere else fails the test. A write “concerns a question” when the object,
queryset or model it goes through is named like a question (``question.state = …``,
``Question.objects….update(state=…)``, ``self.question.state``) or when the value written
is one of ``QuestionState``'s. Other models' ``state`` fields (``report.state = "done"``,
``WorkflowState`` rows) and reads (``filter(state=…)``) are not writes of a question's state.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from congthongtin import PACKAGES
from congthongtin.consultation.models import QuestionState

ROOT = Path(__file__).resolve().parents[2]
APPS = list(PACKAGES)
ALLOWED = {
    Path("consultation/lifecycle.py"),
    # The benchmark corpus writes published, answered questions in bulk in their final
    # state (no history, no e-mail): rows made, not a question moved through its life.
    Path("nhuxuan_site/management/commands/generate_province.py"),
}
WRITE_METHODS = {"update", "create", "get_or_create", "update_or_create"}


def _text(node) -> str:
    return ast.unparse(node) if node is not None else ""


def _is_question(node) -> bool:
    """The object, queryset chain or model is a question's (not a QuestionEvent's)."""
    text = _text(node).replace("QuestionEvent", "").replace("question_event", "")
    return "question" in text.lower()


def _state_names(tree) -> set[str]:
    """``QuestionState`` and the module's aliases of it (``State = QuestionState``,
    ``import … QuestionState as S``)."""
    names = {"QuestionState"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names |= {a.asname for a in node.names if a.name == "QuestionState" and a.asname}
        elif isinstance(node, ast.Assign) and _text(node.value) in names:
            names |= {_text(target) for target in node.targets}
    return names


def _is_state_value(node, names=frozenset({"QuestionState"})) -> bool:
    """One of QuestionState's members, through any alias, or one of its values written out."""
    for element in ast.walk(node) if node is not None else ():
        if isinstance(element, ast.Name) and element.id in names:
            return True
        if isinstance(element, ast.Constant) and element.value in QuestionState.values:
            return True
    return False


def _dict_has_state(node) -> bool:
    return isinstance(node, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value == "state" for key in node.keys
    )


def _state_writes(call: ast.Call) -> bool:
    """A create/update call that sets ``state`` directly or in ``defaults``."""
    for keyword in call.keywords:
        if keyword.arg == "state":
            return True
        if keyword.arg == "defaults" and _dict_has_state(keyword.value):
            return True
    return False


def violations(source: str, filename: str = "<source>") -> list[str]:
    """Where ``source`` writes a question's state: ``file:line: code`` for each."""
    found = []
    tree = ast.parse(source, filename)
    names = _state_names(tree)
    for node in ast.walk(tree):
        bad = False
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for element in ast.walk(target):
                    if isinstance(element, ast.Attribute) and element.attr == "state":
                        bad |= _is_question(element.value) or _is_state_value(node.value, names)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else _text(func)
            if name == "setattr" and len(node.args) >= 2:
                attr = node.args[1]
                if isinstance(attr, ast.Constant) and attr.value == "state":
                    bad = _is_question(node.args[0]) or _is_state_value(node.args[-1], names)
            elif name in WRITE_METHODS and isinstance(func, ast.Attribute) and _state_writes(node):
                values = [k.value for k in node.keywords]
                bad = _is_question(func.value) or any(_is_state_value(v, names) for v in values)
            elif name == "Question":
                bad = _state_writes(node)
            elif name == "bulk_update":
                bad = _is_question(func) and "'state'" in _text(node)
        if bad:
            found.append(f"{filename}:{node.lineno}: {_text(node).splitlines()[0]}")
    return found


def app_sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative not in ALLOWED:
                yield relative


def test_only_the_life_cycle_writes_a_questions_state():
    found = []
    for relative in app_sources():
        found += violations((ROOT / relative).read_text(encoding="utf-8"), str(relative))
    assert found == [], "Change a question's state through consultation.lifecycle:\n" + "\n".join(
        found
    )


def test_the_life_cycle_itself_writes_it():
    """The guard sees the writes it allows: were lifecycle.py not excepted, it would fail."""
    source = (ROOT / "consultation/lifecycle.py").read_text(encoding="utf-8")
    assert len(violations(source)) >= 4


@pytest.mark.parametrize(
    "code",
    [
        "question.state = QuestionState.ANSWERED",
        "self.question.state = 'da-tra-loi'",
        "q.state = QuestionState.REFUSED",
        "obj.state: str = QuestionState.ASSIGNED",
        "setattr(question, 'state', value)",
        "Question.objects.filter(pk=1).update(state=QuestionState.ASSIGNED)",
        "Question.objects.create(page=p, state='moi')",
        "questions.update(state=x)",
        "Question.objects.get_or_create(page=p, defaults={'state': s})",
        "Question(page=p, state=QuestionState.RECEIVED)",
        "Question.objects.bulk_update(rows, ['state'])",
        "other.objects.update(state=QuestionState.ANSWERED)",
        "State = QuestionState\nrequest.state = State.ASSIGNED",
        "from m import QuestionState as S\nthing.state = S.REFUSED",
        "thing.state = 'khong-tiep-nhan'",
    ],
)
def test_the_guard_finds_every_kind_of_write(code):
    assert violations(code), code


@pytest.mark.parametrize(
    "code",
    [
        "report.state = 'done'",
        "Report.objects.filter(pk=1).update(state='sent')",
        "Batch.objects.create(state='queued')",
        "Question.objects.filter(state=QuestionState.ANSWERED)",
        "QuestionEvent.objects.create(question=q, kind='received')",
        "is_refused = question.state == QuestionState.REFUSED",
        "workflow_state = WorkflowState.objects.create(state='in_progress')",
        "Question.objects.filter(pk=1).update(code='2026-00001')",
    ],
)
def test_the_guard_leaves_other_code_alone(code):
    assert violations(code) == [], code
