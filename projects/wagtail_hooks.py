"""Registrations only: the projects' endpoint of the read-only JSON API (core.api)."""

from wagtail import hooks

from congthongtin.core.api import API_ENDPOINTS_HOOK

hooks.register(API_ENDPOINTS_HOOK, "congthongtin.projects.api.endpoints")
