"""One JSON object per log line in production (R-OPS-1).

Log shippers (journald → Loki, Docker's json-file → Elasticsearch/OpenSearch, Vector)
parse a JSON line without fragile regular expressions, and a multi-line traceback stays
one record. Standard library only: ``logging.Formatter`` subclass, no dependency.

Fields: ``time`` (ISO 8601, UTC), ``level``, ``logger``, ``message``, ``process``, and
when present ``exc`` (the formatted traceback), ``status_code`` and ``method``/``path``
of Django's request records (``django.request``: the *path* only, never the query
string, which may carry personal data of a citizen's search), plus any ``extra={...}``
the caller passed that is JSON-serialisable.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

# Attributes every LogRecord has; anything else came from ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
# Never copied from ``extra``: the request object (cookies, headers) and the socket.
_NEVER = {"request", "server_time", "socket"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", None)
            entry["path"] = request.path
        for key, value in vars(record).items():
            if key in _STANDARD or key in _NEVER or key.startswith("_"):
                continue
            try:
                json.dumps(value)
            except (TypeError, ValueError):
                continue
            entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)
