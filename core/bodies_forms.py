"""The forms of the bodies' admin screens (core.bodies_viewsets): every rule checked on the
server, errors in the user's language, nothing typed lost when one fails."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from .bodies import HOSTNAME
from .models import AdministrativeLevel, Body, BodyStatus


def active_sites(exclude: Site | None = None):
    """The sites an archive may name as its successor: active bodies."""
    sites = Site.objects.exclude(body__status=BodyStatus.ARCHIVE).order_by("site_name", "hostname")
    return sites.exclude(pk=exclude.pk) if exclude is not None else sites


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.site_name or obj.hostname} ({obj.hostname})"


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.site.hostname})"


def _status_and_successor(form, cleaned):
    status, successor = cleaned.get("status"), cleaned.get("successor")
    if status == BodyStatus.ARCHIVE and successor is None and "successor" not in form.errors:
        form.add_error("successor", _("An archive needs the body that took over its work."))
    if status == BodyStatus.ACTIVE and successor is not None:
        form.add_error("successor", _("Only an archive has a successor: leave it empty."))


class BodyCreateForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=255,
        help_text=gettext_lazy("As the public sees it, e.g. “Xã Xuân Bình”."),
    )
    hostname = forms.CharField(
        label=gettext_lazy("Host name"),
        max_length=253,
        help_text=gettext_lazy(
            "The address without http:// or a path, e.g. xuanbinh.thanhhoa.gov.vn."
        ),
    )
    port = forms.IntegerField(label=gettext_lazy("Port"), initial=80, min_value=1, max_value=65535)
    administrative_level = forms.ChoiceField(
        label=gettext_lazy("Administrative level"),
        choices=AdministrativeLevel.choices,
        initial=AdministrativeLevel.COMMUNE,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=BodyStatus.choices, initial=BodyStatus.ACTIVE
    )
    successor = SiteChoiceField(
        label=gettext_lazy("Successor"),
        queryset=Site.objects.none(),
        required=False,
        help_text=gettext_lazy("For an archive: the active body that took over its work."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = active_sites()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the body's name."))
        if Site.objects.filter(site_name__iexact=name).exists():
            raise forms.ValidationError(_("Another body already has this name."))
        return name

    def clean_hostname(self):
        hostname = self.cleaned_data["hostname"].strip().lower().rstrip(".")
        if not HOSTNAME.match(hostname):
            raise forms.ValidationError(
                _(
                    "Not a host name: only letters without diacritics, digits, hyphens and "
                    "dots, without http:// or a path (e.g. xuanbinh.thanhhoa.gov.vn)."
                )
            )
        return hostname

    def clean(self):
        cleaned = super().clean()
        hostname, port = cleaned.get("hostname"), cleaned.get("port")
        if hostname and port and Site.objects.filter(hostname=hostname, port=port).exists():
            self.add_error("hostname", _("Another body already uses this address and port."))
        _status_and_successor(self, cleaned)
        level = cleaned.get("administrative_level")
        if (
            level == AdministrativeLevel.FORMER_DISTRICT
            and cleaned.get("status") != BodyStatus.ARCHIVE
        ):
            self.add_error(
                "status",
                _("Districts were abolished on 01/07/2025: a former district is an archive."),
            )
        return cleaned


class BodyStatusForm(forms.Form):
    """An existing body's status and successor."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=BodyStatus.choices)
    successor = SiteChoiceField(
        label=gettext_lazy("Successor"),
        queryset=Site.objects.none(),
        required=False,
        help_text=gettext_lazy("For an archive: the active body that took over its work."),
    )

    def __init__(self, *args, body: Body, superuser: bool = False, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "status": body.status,
                "successor": body.successor_id,
                "parent": body.parent_id,
                "parent_feed_key": body.parent_feed_key,
            },
        )
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["successor"].queryset = active_sites(exclude=body.site)
        if superuser:
            # The parent portal (S0 Đ4.2d): a superuser's decision only.
            self.fields["parent"] = BodyChoiceField(
                label=gettext_lazy("Parent portal"),
                queryset=Body.objects.exclude(pk=body.pk)
                .exclude(status=BodyStatus.ARCHIVE)
                .select_related("site"),
                required=False,
                help_text=gettext_lazy(
                    "The province's portal on this install to which the board proposes its "
                    "news items."
                ),
            )
            self.fields["parent_feed_key"] = forms.CharField(
                label=gettext_lazy("Key of a parent portal on another install"),
                max_length=40,
                required=False,
                help_text=gettext_lazy(
                    "Instead of a parent here: the key id the parent's install reads this "
                    "install's signed feed with. Its secret is set in the server's environment."
                ),
            )

    def clean(self):
        cleaned = super().clean()
        _status_and_successor(self, cleaned)
        return cleaned
