"""The log's format as nginx writes it, and the pieces of the reader on their own."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest

from congthongtin.stats import bots, ingest, logs
from tests.ops.test_docker import nginx_tree, walk

ROOT = Path(__file__).resolve().parents[2]
#: Written by nginx 1.22 with docker/nginx.conf's portal_stats (a quote and non-ASCII in the
#: user agent and the URI, a session cookie sent: its value is nowhere).
NGINX_LINE = (
    b'{"time":"2026-12-06T15:23:29+00:00","host":"127.0.0.1","method":"GET",'
    b'"uri":"/tin-tuc/?q=a\\"b","status":503,"bytes":622,"request_time":0.000,'
    b'"cache":"BYPASS","addr":"127.0.0.1","ua":"Mozilla/5.0 \\"quoted\\" \xc3\xbcn\xc3\xaf",'
    b'"editor":"1"}'
)
FIELDS = [
    "time",
    "host",
    "method",
    "uri",
    "status",
    "bytes",
    "request_time",
    "cache",
    "addr",
    "ua",
    "editor",
]


def test_parse__a_line_nginx_wrote():
    hit = logs.parse(NGINX_LINE)
    assert (hit.host, hit.uri, hit.status, hit.editor, hit.cache) == (
        "127.0.0.1",
        '/tin-tuc/?q=a"b',
        503,
        True,
        "BYPASS",
    )
    assert hit.ua == 'Mozilla/5.0 "quoted" ünï'
    assert hit.time.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"garbage",
        b"[1, 2]",
        b'{"time": "2026-07-01T08:00:00"}',
        NGINX_LINE[:60],
        NGINX_LINE.replace(b'"status":503', b'"status":"x"'),
        NGINX_LINE.replace(b"+00:00", b""),
        b'{"time": 5}',
        b"\xff\xfe",
    ],
)
def test_parse__malformed_lines_are_none(line):
    assert logs.parse(line) is None


def test_nginx_conf__statistics_format_and_file():
    text = (ROOT / "docker" / "nginx.conf").read_text()
    tree = nginx_tree(text)
    formats = {args[0]: args[1:] for _a, name, args, _c in walk(tree) if name == "log_format"}
    stats = formats["portal_stats"]
    assert stats[0] == "escape=json"
    keys = re.findall(r'"(\w+)":', "".join(stats[1:]))
    assert keys == FIELDS
    assert "cookie" not in "".join(stats).lower()  # the flag, never the cookie's value
    logs_ = [args for _a, name, args, _c in walk(tree) if name == "access_log"]
    assert ["/var/log/portal/stats.log", "portal_stats"] in logs_
    assert ["/var/log/nginx/access.log", "portal"] in logs_  # stdout, as before


def test_stack_and_compose_wire_the_statistics_log():
    stack = (ROOT / "deploy" / "stack.sh").read_text()
    assert (
        '-e "s|access_log /var/log/portal/stats.log portal_stats;|access_log '
        '$STATE/log/stats.log portal_stats buffer=64k flush=1s;|"' in stack
    )
    assert "STATS_SOURCE=log" in stack
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    assert "accesslog:/var/log/portal" in services["nginx"]["volumes"]
    assert "accesslog:/var/log/portal:ro" in services["scheduler"]["volumes"]
    command = " ".join(services["scheduler"]["command"])
    assert "ingest_access_log /var/log/portal/stats.log.1 /var/log/portal/stats.log" in command
    assert services["app"]["environment"]["STATS_SOURCE"] == "log"
    assert "COPY nginx-logrotate.conf" in services["nginx"]["build"]["dockerfile_inline"]
    rotate = (ROOT / "docker" / "nginx-logrotate.conf").read_text()
    assert "/var/log/portal/stats.log {" in rotate and "delaycompress" in rotate


@pytest.mark.parametrize(
    ("agent", "robot"),
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)", True),
        ("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", True),
        ("Prometheus/blackbox_exporter/0.25.0", True),
        ("Zabbix", True),
        ("curl/8.5.0", True),
        ("", True),
        ("-", True),
        (
            "Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Mobile Safari/537.36",
            False,
        ),
        (
            "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/125.0.0.0 Mobile Safari/537.36 Zalo/24.06",
            False,
        ),
    ],
)
def test_robots(agent, robot):
    assert bots.is_robot(agent) is robot


def test_chunks__partial_last_line_left_for_later():
    stream = io.BytesIO(b"a\nbb\nccc")
    assert list(ingest.chunks(stream, size=1)) == [([b"a"], 2), ([b"bb"], 3)]


def test_reading_order__oldest_first():
    names = ["stats.log", "stats.log.1", "stats.log.3.gz", "stats.log.2.gz"]
    assert [p.name for p in ingest.reading_order(names)] == [
        "stats.log.3.gz",
        "stats.log.2.gz",
        "stats.log.1",
        "stats.log",
    ]


def test_fingerprint_same_for_a_gzipped_copy(tmp_path):
    plain, packed = tmp_path / "a.log", tmp_path / "a.log.2.gz"
    plain.write_bytes(b"first\nsecond\n")
    packed.write_bytes(gzip.compress(b"first\nsecond\n"))
    assert ingest.fingerprint(plain) == ingest.fingerprint(packed)
    assert ingest._finished(packed, 13) and not ingest._finished(packed, 6)
    (tmp_path / "b.log").write_bytes(b"no newline yet")
    assert ingest.fingerprint(tmp_path / "b.log") is None
