"""Link fetching: public pages are read, nothing inside our network is ever reached."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from bot import fetch
from bot.fetch import FetchError, FetchLimits, fetch_article, fetch_html, is_public

PAGE = b"""<html><head><title>Ministry reports losses</title></head><body><article>
<h1>Ministry reports losses</h1>
<p>The Northern Defence Ministry said on Monday that 40 Eastern soldiers were killed near Dalsk.
Its spokeswoman Anna Berg said the bridge over the Varna was still standing.</p>
</article></body></html>"""


class _Site(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hosts_seen: list[str] = []

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return

    def _send(self, code: int, body: bytes, ctype: str = "text/html", **headers: str) -> None:
        self.send_response(code)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        _Site.hosts_seen.append(self.headers.get("host", ""))
        if parts.path == "/article":
            self._send(200, PAGE)
        elif parts.path == "/plain":
            self._send(200, b"The minister said that prices would rise.", "text/plain")
        elif parts.path == "/image":
            self._send(200, b"\x89PNG....", "image/png")
        elif parts.path == "/missing":
            self._send(404, b"not here")
        elif parts.path == "/big":
            self._send(200, b"<p>" + b"a" * 50_000 + b"</p>")
        elif parts.path == "/big-undeclared":
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("connection", "close")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"a" * 1_000)
        elif parts.path == "/drip":
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("connection", "close")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif parts.path == "/redirect":
            target = parse_qs(parts.query)["to"][0]
            self._send(302, b"", location=target)
        elif parts.path == "/loop":
            self._send(302, b"", location="/loop")
        else:
            self._send(404, b"")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the fetcher hangs up on a page past its size limit, as it should
        super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def allowing(site: str, **kw: Any) -> FetchLimits:
    return FetchLimits(allow_hosts=frozenset({site}), **kw)


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.215.14", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),  # multicast
        ("240.0.0.1", False),  # reserved
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("::ffff:169.254.169.254", False),
        ("64:ff9b::7f00:1", False),  # 127.0.0.1 through NAT64
        ("64:ff9b::a00:1", False),  # 10.0.0.1 through NAT64
        ("2002:7f00:1::1", False),  # 6to4 around 127.0.0.1
        ("::127.0.0.1", False),  # the old IPv4-compatible form
        ("64:ff9b::808:808", True),  # 8.8.8.8 through NAT64 is still public
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/admin",
        "http://localhost:8080/",
        "http://10.0.0.7/internal",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::1]:9/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://0x7f.1/",
    ],
)
def test_the_default_limits_refuse_private_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="private network"):
        fetch_html(url)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)"]
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_html(url)


def test_the_local_test_server_itself_is_refused_by_default(site: str) -> None:
    with pytest.raises(FetchError, match="private network"):
        fetch_article(f"http://{site}/article")


def test_an_allowed_host_is_read_and_its_article_extracted(site: str) -> None:
    page = fetch_article(f"http://{site}/article", allowing(site))
    assert page.title == "Ministry reports losses"
    assert "40 Eastern soldiers were killed" in page.text
    assert page.text.startswith("Ministry reports losses")


def test_plain_text_is_taken_as_it_is(site: str) -> None:
    page = fetch_article(f"http://{site}/plain", allowing(site))
    assert page.text == "The minister said that prices would rise."


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:9/",
        "http://10.0.0.1/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]:9/",
        "http://localhost/",
    ],
)
def test_a_redirect_into_a_private_network_is_refused(site: str, target: str) -> None:
    with pytest.raises(FetchError, match="private network"):
        fetch_html(f"http://{site}/redirect?to={target}", allowing(site))


def test_redirects_are_followed_and_rechecked_at_each_hop(site: str) -> None:
    url, body, _ = fetch_html(f"http://{site}/redirect?to=/article", allowing(site))
    assert url.endswith("/article") and b"Dalsk" in body


def test_a_redirect_loop_stops_at_the_hop_cap(site: str) -> None:
    with pytest.raises(FetchError, match="redirects too many times"):
        fetch_html(f"http://{site}/loop", allowing(site, max_redirects=3))


@pytest.mark.parametrize("path", ["/big", "/big-undeclared"])
def test_a_page_over_the_byte_limit_is_refused(site: str, path: str) -> None:
    with pytest.raises(FetchError, match="too large"):
        fetch_html(f"http://{site}{path}", allowing(site, max_bytes=10_000))


def test_a_server_dripping_bytes_is_cut_off_at_the_time_limit(site: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match="too long"):
        fetch_html(f"http://{site}/drip", allowing(site, timeout=1.0))
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize(
    "path, message", [("/image", "not a web page"), ("/missing", "answered 404")]
)
def test_what_is_not_an_article_is_said_plainly(site: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_article(f"http://{site}{path}", allowing(site))


def test_the_checked_address_is_connected_to_with_the_name_in_the_host_header(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against DNS rebinding the host is resolved once per hop and the connection goes to that
    address; the name travels in the Host header."""
    port = site.rsplit(":", 1)[1]
    lookups: list[str] = []

    def resolve(host: str, _port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(fetch, "resolve", resolve)
    _Site.hosts_seen.clear()
    fetch_html(
        f"http://news.example:{port}/article", FetchLimits(allow_hosts=frozenset({"news.example"}))
    )
    assert lookups == ["news.example"]
    assert _Site.hosts_seen == [f"news.example:{port}"]


def test_a_name_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["93.184.215.14", "10.0.0.1"])
    with pytest.raises(FetchError, match="private network"):
        fetch_html("https://news.example/article")


def test_an_unknown_name_is_a_clear_error() -> None:
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch_html("http://no-such-host.invalid/")
