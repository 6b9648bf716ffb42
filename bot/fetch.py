"""Fetching an article from a link a user sent, without letting the link reach inside our network.

Following the OWASP SSRF rules: http(s) only; every address the host resolves to must be public
(loopback, private, link-local such as 169.254.169.254, shared, reserved and multicast ranges are
refused, IPv4-mapped IPv6 included); we connect to the address we checked (Host header and TLS SNI
keep the name), so a second DNS answer cannot swap it; redirects are followed by hand, each hop
checked again; the body is streamed up to a byte limit; proxies from the environment are ignored.
The text is then taken out of the page by trafilatura, in a thread with its own time limit.
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

MAX_BYTES = 3_000_000
TIMEOUT = 10.0
MAX_REDIRECTS = 5
EXTRACT_TIMEOUT = 10.0
USER_AGENT = "Claimwatch/0.1 (+who-claims-what news reader)"


class FetchError(Exception):
    """`str(exc)` is a user-safe explanation."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    allow_hosts: frozenset[str] = frozenset()
    """Host names (or host:port) exempt from the address check: tests use it for their local
    server. Empty in production."""


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None


_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def is_public(address: str) -> bool:
    """Whether an address is on the public internet, looking through every way an IPv6 address
    can carry an IPv4 one (mapped, 6to4, NAT64, the old "compatible" form): `ipaddress` calls
    `64:ff9b::7f00:1` (127.0.0.1 through a NAT64 gateway) global."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and (ip in _IPV4_COMPATIBLE or any(ip in n for n in _NAT64)):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(str(embedded))
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}") from exc
    return sorted({str(info[4][0]) for info in infos})


def checked_address(url: str, limits: FetchLimits) -> tuple[str, str, int]:
    """(host, address to connect to, port) for a URL we may fetch; FetchError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("only http and https links can be read")
    host = parts.hostname
    if not host:
        raise FetchError("the link has no host")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolve(host, port)
    if host in limits.allow_hosts or f"{host}:{port}" in limits.allow_hosts:
        return host, addresses[0], port
    if not addresses or not all(is_public(a) for a in addresses):
        raise FetchError("that link points into a private network; only public sites can be read")
    return host, addresses[0], port


def fetch_html(url: str, limits: FetchLimits = FetchLimits()) -> tuple[str, bytes, str]:
    """(final URL, body, content type), following redirects hop by hop.

    `limits.timeout` bounds the whole fetch, redirects included: httpx's own timeout is per read,
    so a server dripping a byte every few seconds would otherwise hold a worker for ever."""
    deadline = time.monotonic() + limits.timeout
    with httpx.Client(trust_env=False, follow_redirects=False, timeout=limits.timeout) as client:
        for _ in range(limits.max_redirects + 1):
            host, address, port = checked_address(url, limits)
            parts = urlsplit(url)
            netloc = f"[{address}]" if ":" in address else address
            target = parts._replace(netloc=f"{netloc}:{port}").geturl()
            headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT}
            extensions: dict[str, object] = {"timeout": _remaining(deadline)}
            if parts.scheme == "https":
                extensions["sni_hostname"] = host
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError("the site redirected nowhere")
                        url = urljoin(url, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"the site answered {resp.status_code}")
                    declared = resp.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > limits.max_bytes:
                        raise FetchError("the page is too large to read")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body += chunk
                        if len(body) > limits.max_bytes:
                            raise FetchError("the page is too large to read")
                        if time.monotonic() > deadline:
                            raise FetchError("the site took too long to answer")
                    return url, bytes(body), resp.headers.get("content-type", "")
            except httpx.TimeoutException as exc:
                raise FetchError("the site took too long to answer") from exc
            except httpx.HTTPError as exc:
                raise FetchError("the site could not be reached") from exc
        raise FetchError("the link redirects too many times")


def _remaining(deadline: float) -> dict[str, float]:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("the site took too long to answer")
    return {"connect": left, "read": left, "write": left, "pool": left}


def fetch_article(url: str, limits: FetchLimits = FetchLimits()) -> Page:
    final_url, body, content_type = fetch_html(url, limits)
    if content_type and not any(t in content_type for t in ("html", "text/plain", "xml")):
        raise FetchError("the link is not a web page")
    html = body.decode("utf-8", errors="replace")
    if "text/plain" in content_type:
        return Page(final_url, html)
    return extract_page(html, final_url)


def extract_page(html: str, url: str, timeout: float = EXTRACT_TIMEOUT) -> Page:
    """The article's text and metadata; trafilatura has no time limit of its own."""
    import trafilatura

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    future = pool.submit(trafilatura.bare_extraction, html, url=url, with_metadata=True)
    try:
        result = future.result(timeout=timeout)
    except concurrent.futures.TimeoutError as exc:
        raise FetchError("the page took too long to read") from exc
    finally:
        pool.shutdown(wait=False)
    if result is None:
        raise FetchError("no article text found on that page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        raise FetchError("no article text found on that page")
    title = data.get("title")
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return Page(
        url=url,
        text=text,
        title=title,
        outlet=data.get("sitename") or urlsplit(url).hostname,
        published_at=_date(data.get("date")),
    )


def _date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
