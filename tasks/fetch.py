"""Fetching pages politely and incrementally; this module never parses.

A Fetcher only talks to the hosts of configured sources, follows redirects
itself (so a hop to a foreign host is refused, not silently taken), respects
robots.txt and a minimum delay per host, retries what is worth retrying
(connection errors, 408, 429, 5xx) with exponential backoff and jitter,
honouring Retry-After, and stops reading a body at the size limit.

With an Archive it is incremental: the validators stored for a URL are sent
back (If-None-Match / If-Modified-Since); a 304 is "not_modified", and a 200
whose body hashes as before is "unchanged" — neither needs extracting again.
Bodies are returned as bytes, never decoded here.
"""
from __future__ import annotations

import email.utils
import logging
import queue
import random
import re
import threading
import time
import urllib.robotparser
import zlib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions

from tasks.archive import Archive
from tasks.documents import sha256_hex

log = logging.getLogger(__name__)

OUTCOMES = ("fetched", "not_modified", "unchanged", "failed", "refused", "too_large", "robots_disallowed")
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Query parameters whose values are credentials: never written to a message or a log line.
SECRET_PARAMETERS = ("token", "access_token", "refresh_token", "id_token", "api_key", "apikey", "key",
                     "secret", "client_secret", "password", "passwd", "pwd", "auth", "sig", "signature",
                     "session", "sessionid", "sid", "jsessionid", "phpsessid")
REDACTED = "REDACTED"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
MAX_WORKERS = 64   # hosts fetched at the same time by one fetch_many (one thread each)


@dataclass
class FetchResult:
    url: str
    final_url: str | None
    outcome: str                      # one of OUTCOMES
    http_status: int | None = None
    body: bytes | None = None         # None unless the server sent a body we kept
    content_type: str | None = None
    content_sha256: str | None = None  # for not_modified: the stored body's hash
    fetched_at: datetime | None = None
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    attempts: int = 0

    @property
    def ok(self) -> bool:
        """A body is available (fresh, or the same as the archived one)."""
        return self.outcome in ("fetched", "not_modified", "unchanged")


@dataclass
class _Reply:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes | None
    too_large: bool = False


class _Failure(Exception):
    def __init__(self, message: str, status: int | None = None, headers: dict | None = None, attempts: int = 1):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.attempts = attempts


class Fetcher:
    """Fetches URLs of allowed hosts; thread-safe; one instance per run."""

    def __init__(self, fetch_settings: dict, allowed_hosts: Iterable[str], archive: Archive | None = None,
                 min_delay: dict[str, float] | float | None = None):
        s = dict(fetch_settings)
        self.settings = s
        self.user_agent = s["user_agent"]
        self.timeout = (float(s.get("connect_timeout", 5.0)), float(s.get("read_timeout", 20.0)))
        self.max_retries = int(s.get("max_retries", 3))
        self.backoff_base = float(s.get("backoff_base", 0.5))
        self.retry_after_cap = float(s.get("retry_after_cap", 60.0))
        self.max_body_bytes = int(s.get("max_body_bytes", 20_000_000))
        default_delay = float(s.get("default_min_delay", 1.0))
        if isinstance(min_delay, dict):
            self._delays = {h.lower(): float(d) for h, d in min_delay.items()}
        else:
            self._delays = {}
            if min_delay is not None:
                default_delay = float(min_delay)
        self._default_delay = default_delay
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.archive = archive
        self._local = threading.local()
        self._guard = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._next_ok: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._crawl_delay: dict[str, float] = {}
        self._robots_unreachable: dict[str, tuple[float, str]] = {}   # origin -> (when, why) robots.txt failed
        # A Fetcher may serve several runs in one process: an unreachable host is tried again after this.
        self.unreachable_for = float(s.get("robots_unreachable_seconds", 300.0))

    @classmethod
    def for_sources(cls, sources, fetch_settings: dict, archive: Archive | None = None) -> "Fetcher":
        """A Fetcher allowed on the hosts of these sources, each host with its source's delay (the largest)."""
        delays: dict[str, float] = {}
        for source in sources:
            for host in source.hosts:
                delays[host] = max(delays.get(host, 0.0), source.min_delay)
        return cls(fetch_settings, set(delays), archive, min_delay=delays)

    # ---- public ---------------------------------------------------------------

    def delay_for(self, host: str) -> float:
        """Seconds kept between two requests to host: configured, or robots.txt's Crawl-delay if larger."""
        host = host.lower()
        return max(self._delays.get(host, self._default_delay), self._crawl_delay.get(host, 0.0))

    def fetch(self, url: str, *, source: str | None = None, parent_url: str | None = None,
              conditional: bool = True) -> FetchResult:
        """Fetch one URL; never raises for network or HTTP trouble (the outcome says what happened)."""
        result = self._fetch(url, conditional=conditional)
        # Messages quote URLs and library errors; credentials in them must not reach the archive or logs.
        result.message = redacted(result.message)
        result.headers = {k: redacted(v) for k, v in result.headers.items()}   # a Location with a token
        if self.archive is not None:
            self.archive.record(result, source=source, parent_url=parent_url)
        log.debug("%s %s %s %s", result.outcome, result.http_status, redacted(url), result.message)
        return result

    def fetch_many(self, urls: Iterable[str], max_workers: int | None = None, *, source: str | None = None,
                   parent_url: str | None = None) -> Iterator[FetchResult]:
        """Fetch URLs, different hosts in parallel, each host in turn; results as they finish.

        One worker per host fetches that host's URLs in order, so a slow or
        delayed host never holds up the others. By default every host of the
        call gets its worker at once (up to MAX_WORKERS): a worker spends most
        of its time asleep on its host's delay, so fewer workers than hosts
        would only make hosts wait for each other. max_workers caps that.
        """
        by_host: dict[str, list[str]] = defaultdict(list)
        seen = set()
        for url in urls:
            if url not in seen:
                seen.add(url)
                by_host[(urlsplit(url).hostname or "").lower()].append(url)
        if not by_host:
            return
        results: queue.Queue = queue.Queue()
        stop = threading.Event()
        done = object()

        def work(host_urls: list[str]) -> None:
            try:
                for u in host_urls:
                    if stop.is_set():
                        break
                    results.put(self.fetch(u, source=source, parent_url=parent_url))
            except BaseException as e:  # surfaced to the caller below
                results.put(e)
            finally:
                results.put(done)

        workers = MAX_WORKERS if max_workers is None else max_workers
        pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(by_host))),
                                  thread_name_prefix="fetch")
        try:
            for host_urls in by_host.values():
                pool.submit(work, host_urls)
            remaining = len(by_host)
            while remaining:
                item = results.get()
                if item is done:
                    remaining -= 1
                elif isinstance(item, BaseException):
                    raise item
                else:
                    yield item
        finally:
            stop.set()
            pool.shutdown(wait=True)

    # ---- one URL ----------------------------------------------------------------

    def _fetch(self, url: str, conditional: bool) -> FetchResult:
        now = lambda: datetime.now(timezone.utc)  # noqa: E731
        refusal = self._refusal(url)
        if refusal:
            return FetchResult(url, None, "refused", fetched_at=now(), message=refusal)
        state = self.archive.state(url) if self.archive is not None else None
        validators = {}
        if conditional and state is not None and state.content_sha256 and self.archive.has_body(state.content_sha256):
            if state.etag:
                validators["If-None-Match"] = state.etag
            if state.last_modified:
                validators["If-Modified-Since"] = state.last_modified

        current = url
        attempts = 0
        for _hop in range(MAX_REDIRECTS + 1):
            if not self._robots_allow(current):
                unreachable = self._robots_unreachable.get(_origin(current), (0.0, ""))[1]
                if unreachable:
                    # Not the site's wish but a fault (DNS, refused, reset, timeout): a failure to retry.
                    return FetchResult(url, current, "failed", fetched_at=now(), attempts=attempts,
                                       message=f"host not reachable this run, robots.txt unavailable "
                                               f"({unreachable}); the next run tries again")
                return FetchResult(url, current, "robots_disallowed", fetched_at=now(),
                                   message=f"robots.txt of {urlsplit(current).hostname} disallows {current}")
            try:
                reply, tries = self._get_with_retries(current, validators)
                attempts += tries
            except _Failure as f:
                return FetchResult(url, current, "failed", http_status=f.status, fetched_at=now(),
                                   message=str(f), headers=f.headers, attempts=attempts + f.attempts)
            if reply.status in REDIRECT_STATUSES:
                location = reply.headers.get("location")
                if not location:
                    return FetchResult(url, current, "failed", http_status=reply.status, fetched_at=now(),
                                       message=f"redirect {reply.status} without a Location header",
                                       headers=reply.headers, attempts=attempts)
                target = urljoin(current, location.strip())
                refusal = self._refusal(target)
                if refusal:
                    return FetchResult(url, target, "refused", http_status=reply.status, fetched_at=now(),
                                       message=f"redirected to {target}: {refusal}",
                                       headers=reply.headers, attempts=attempts)
                current = target
                continue
            return self._result_from(url, reply, state, attempts)
        return FetchResult(url, current, "failed", fetched_at=now(), attempts=attempts,
                           message=f"more than {MAX_REDIRECTS} redirects; last target {current}")

    def _result_from(self, url: str, reply: _Reply, state, attempts: int) -> FetchResult:
        at = datetime.now(timezone.utc)
        ctype = reply.headers.get("content-type")
        base = dict(url=url, final_url=reply.url, http_status=reply.status, content_type=ctype,
                    fetched_at=at, headers=reply.headers, attempts=attempts)
        if reply.status == 304:
            if state is None or not state.content_sha256:
                return FetchResult(outcome="failed", message="304 Not Modified for a URL with no stored body",
                                   **base)
            return FetchResult(outcome="not_modified", content_sha256=state.content_sha256,
                               content_type=state.content_type, **{k: v for k, v in base.items()
                                                                   if k != "content_type"})
        if reply.too_large:
            return FetchResult(outcome="too_large",
                               message=f"body larger than max_body_bytes={self.max_body_bytes}; not kept",
                               **base)
        if not 200 <= reply.status < 300:
            return FetchResult(outcome="failed", message=f"HTTP {reply.status}; not retried", **base)
        body = reply.body or b""
        sha = sha256_hex(body)
        if state is not None and state.content_sha256 == sha:
            return FetchResult(outcome="unchanged", body=body, content_sha256=sha,
                               message="same content as the archived body", **base)
        return FetchResult(outcome="fetched", body=body, content_sha256=sha, **base)

    def _refusal(self, url: str) -> str:
        """Why this URL may not be fetched ('' when it may)."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError as e:
            return f"malformed URL ({e})"
        if parts.scheme not in ("http", "https"):
            return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
        if host not in self.allowed_hosts:
            return (f"host {host or '(none)'!r} is not a host of a configured source; "
                    "add a start URL on that host to sources.toml to allow it")
        return ""

    # ---- retries ----------------------------------------------------------------

    def _get_with_retries(self, url: str, headers: dict) -> tuple[_Reply, int]:
        last_error = ""
        last_status = None
        last_headers: dict = {}
        for attempt in range(self.max_retries + 1):
            wait = self._backoff(attempt)
            try:
                reply = self._get_once(url, headers)
            except requests.exceptions.ContentDecodingError as e:
                raise _Failure(f"body could not be decoded (truncated or broken compression): {e}",
                               attempts=attempt + 1) from None
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                    requests.exceptions.ChunkedEncodingError, urllib3.exceptions.HTTPError) as e:
                # Reading the body from the raw stream raises urllib3's own errors (a connection
                # reset or a stall halfway through the body), not requests': retried the same way.
                last_error, last_status, last_headers = f"{type(e).__name__}: {e}", None, {}
            except requests.exceptions.RequestException as e:   # a bad URL, too many redirects…
                raise _Failure(f"{type(e).__name__}: {e}", attempts=attempt + 1) from None
            except OSError as e:   # a socket error urllib3 let through (after RequestException: its base)
                last_error, last_status, last_headers = f"{type(e).__name__}: {e}", None, {}
            else:
                if reply.status not in RETRY_STATUSES:
                    return reply, attempt + 1
                last_error, last_status, last_headers = f"HTTP {reply.status}", reply.status, reply.headers
                asked = _retry_after_seconds(reply.headers.get("retry-after"))
                if asked is not None:
                    if asked > self.retry_after_cap:
                        raise _Failure(f"HTTP {reply.status} with Retry-After {asked:.0f} s, more than "
                                       f"retry_after_cap={self.retry_after_cap:g} s; try again later",
                                       reply.status, reply.headers, attempt + 1)
                    wait = asked
            if attempt < self.max_retries:
                time.sleep(wait)
        raise _Failure(f"gave up after {self.max_retries + 1} attempts: {last_error}", last_status, last_headers,
                       self.max_retries + 1)

    def _backoff(self, attempt: int) -> float:
        # Exponential with jitter, so many clients hitting one portal do not retry in step.
        return self.backoff_base * (2 ** attempt) * random.uniform(0.5, 1.5)

    # ---- the single request ---------------------------------------------------

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = self.user_agent
            session.headers["Accept-Encoding"] = "gzip, deflate"  # the codings _unpacked reads
            self._local.session = session
        return session

    def _lock_for(self, locks: dict[str, threading.Lock], key: str) -> threading.Lock:
        with self._guard:
            return locks.setdefault(key, threading.Lock())

    def _get_once(self, url: str, headers: dict) -> _Reply:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock_for(self._host_locks, host):
            # Politeness: one request at a time per host, spaced by its delay.
            pause = self._next_ok.get(host, 0.0) - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            try:
                return self._read(url, headers)
            finally:
                self._next_ok[host] = time.monotonic() + self.delay_for(host)

    def _read(self, url: str, headers: dict) -> _Reply:
        response = self._session().get(url, headers=headers, timeout=self.timeout,
                                       allow_redirects=False, stream=True)
        with response:
            reply_headers = {k.lower(): v for k, v in response.headers.items()}
            reply = _Reply(url=response.url or url, status=response.status_code, headers=reply_headers, body=None)
            if response.status_code in REDIRECT_STATUSES or response.status_code == 304:
                return reply
            declared = reply_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_body_bytes:
                reply.too_large = True
                return reply
            # Read the bytes as sent and unpack them here: urllib3 quietly returns the readable
            # part of a truncated gzip body, which would be archived as if it were whole.
            chunks, size = [], 0
            for chunk in response.raw.stream(CHUNK, decode_content=False):
                size += len(chunk)
                if size > self.max_body_bytes:
                    reply.too_large = True
                    return reply
                chunks.append(chunk)
            body = _unpacked(b"".join(chunks), reply_headers.get("content-encoding", ""), self.max_body_bytes)
            if body is None:
                reply.too_large = True
                return reply
            reply.body = body
            return reply

    # ---- robots.txt -----------------------------------------------------------

    def _robots_allow(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        key = _origin(url)
        with self._lock_for(self._robots_locks, key):
            rp = self._robots.get(key)
            failed_at = self._robots_unreachable.get(key, (None, ""))[0]
            if failed_at is not None and time.monotonic() - failed_at >= self.unreachable_for:
                rp = None   # the host was unreachable a while ago: ask again
                del self._robots_unreachable[key]
            if rp is None:
                rp = self._robots_for(key, host)
                self._robots[key] = rp
        return rp.can_fetch(self.user_agent, url)

    def _robots_for(self, origin: str, host: str) -> urllib.robotparser.RobotFileParser:
        rp = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            reply, _ = self._get_with_retries(origin + "/robots.txt", {})
        except _Failure as f:
            # RFC 9309: an unreachable robots.txt means "assume complete disallow".
            log.warning("robots.txt of %s unreachable (%s): not crawling it this run", redacted(origin),
                        redacted(str(f)))
            rp.disallow_all = True
            if f.status is None:   # no answer at all (DNS, refused, reset, timeout): a network fault
                self._robots_unreachable[origin] = (time.monotonic(), str(f))
            return rp
        if reply.status >= 500:
            rp.disallow_all = True
        elif reply.status >= 400 or reply.status in REDIRECT_STATUSES or reply.too_large or reply.body is None:
            rp.allow_all = True  # no robots.txt: everything is allowed
        else:
            lines = reply.body.decode("utf-8", errors="replace").splitlines()
            rp.parse(lines)
            delay = _crawl_delay(lines, self.user_agent)
            if delay:
                self._crawl_delay[host] = max(self._crawl_delay.get(host, 0.0), delay)
        return rp


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#@]+@")
_SECRET_PARAMETER = re.compile(
    r"(?i)(?<![\w-])(" + "|".join(sorted(SECRET_PARAMETERS, key=len, reverse=True)) + r")=([^&\s#'\"<>]+)")


def redacted(text: str) -> str:
    """text with credentials removed: user:password@ in URLs, values of token-like query parameters."""
    if not text:
        return text
    text = _USERINFO.sub(rf"\1{REDACTED}@", text)
    return _SECRET_PARAMETER.sub(rf"\1={REDACTED}", text)


class RedactingFilter(logging.Filter):
    """Rewrites a log record's message without credentials (urllib3 logs each request line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logging's business, not ours
            return True
        clean = redacted(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


# urllib3 logs "GET /path?query" at DEBUG on its connection-pool logger; a filter on that
# logger rewrites its records before any handler sees them.
for _name in ("urllib3.connectionpool", __name__):
    if not any(isinstance(f, RedactingFilter) for f in logging.getLogger(_name).filters):
        logging.getLogger(_name).addFilter(RedactingFilter())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _unpacked(data: bytes, content_encoding: str, limit: int) -> bytes | None:
    """The body with its Content-Encoding removed; None when it unpacks to more than limit.

    A truncated stream raises ChunkedEncodingError (retried, like a cut connection);
    a body that is not in its declared coding raises ContentDecodingError.
    """
    coding = content_encoding.strip().lower()
    if coding in ("", "identity"):
        return data
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise requests.exceptions.ContentDecodingError(f"unsupported Content-Encoding {coding!r}")
    if coding == "deflate" and data[:1] != b"\x78":
        decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
    else:
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS if coding != "deflate" else zlib.MAX_WBITS)
    try:
        out = decoder.decompress(data, limit + 1)
    except zlib.error as e:
        raise requests.exceptions.ContentDecodingError(f"body is not valid {coding}: {e}") from None
    if len(out) > limit:
        return None
    if not decoder.eof:
        raise requests.exceptions.ChunkedEncodingError(f"truncated {coding} body")
    return out


def _crawl_delay(lines: list[str], user_agent: str) -> float | None:
    """Crawl-delay of the group naming our agent, else of "*" (urllib's parser reads whole seconds only)."""
    token = user_agent.split("/")[0].strip().lower()
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
        else:
            in_rules = True
            if key == "crawl-delay":
                try:
                    for agent in agents:
                        delays.setdefault(agent, float(value))
                except ValueError:
                    continue
    for agent, delay in delays.items():
        if agent != "*" and agent in token:
            return delay
    return delays.get("*")


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
