"""Accessible form rendering, the page-rating widget's and the satisfaction form's addresses."""

from __future__ import annotations

from django import forms, template
from django.urls import NoReverseMatch, reverse

register = template.Library()


def _describedby(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def a11y_widget(field):
    """The field's widget tied to its hint and error (aria-describedby, aria-invalid)."""
    attrs = {}
    describedby = _describedby(field)
    if describedby:
        attrs["aria-describedby"] = describedby
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def describedby(field) -> str:
    return _describedby(field)


@register.filter
def widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.filter
def anchor_id(field) -> str:
    """What an error-summary link points at (the first radio of a group)."""
    if isinstance(field.field.widget, forms.RadioSelect):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.filter
def archived(page) -> bool:
    """Is ``page`` on an archived body's site (no form of the public there)?"""
    from congthongtin.core.bodies import page_is_archived

    return bool(getattr(page, "pk", None)) and page_is_archived(page)


@register.simple_tag
def page_feedback_action() -> str:
    """Where the page rating posts; "" (no widget) until the project routes it."""
    try:
        return reverse("consultation:page_feedback")
    except NoReverseMatch:
        return ""


@register.simple_tag
def page_feedback_comment_action() -> str:
    try:
        return reverse("consultation:page_feedback_comment")
    except NoReverseMatch:
        return ""


@register.simple_tag
def satisfaction_action() -> str:
    """Where the satisfaction rating posts; "" (no form) until the project routes it."""
    try:
        return reverse("consultation:satisfaction")
    except NoReverseMatch:
        return ""


@register.filter
def rated_service(page) -> bool:
    """Is ``page`` a service its visitors rate (``BasePage.stats_service``)?"""
    from congthongtin.consultation.ratings import is_rated_service

    return bool(getattr(page, "pk", None)) and is_rated_service(page)


@register.simple_tag
def satisfaction_form(page):
    """An empty satisfaction form for ``page`` (no token, no cookie: the page is cached)."""
    from congthongtin.consultation.forms import SatisfactionForm

    return SatisfactionForm(initial={"page": page.pk})
