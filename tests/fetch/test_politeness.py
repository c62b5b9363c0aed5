"""Per-host delays and overlap across hosts, on separate loopback addresses (127.0.0.2, .3, …)."""
from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime, timezone

import pytest

from tasks.archive import Archive
from tasks.fetch import Fetcher, FetchResult
from tests.support.documents import FAST_FETCH
from tests.support.loopback import Reply, loopback

PAGE = "<html><body><p>Tình hình kinh tế - xã hội</p></body></html>"


def serve_pages(stack: ExitStack, host: str, count: int):
    site = stack.enter_context(loopback(host))
    site.route("/robots.txt", Reply(404, b""))
    for i in range(count):
        site.page(f"/p{i}.html", PAGE + str(i))
    return site


def test_the_minimum_delay_per_host_is_kept(tmp_path):
    with ExitStack() as stack:
        site = serve_pages(stack, "127.0.0.1", 3)
        fetcher = Fetcher(FAST_FETCH, {"127.0.0.1"}, Archive(tmp_path), min_delay={"127.0.0.1": 0.3})
        results = list(fetcher.fetch_many([site.url(f"/p{i}.html") for i in range(3)]))
        assert [r.outcome for r in results] == ["fetched"] * 3
        arrivals = sorted(s.at for s in site.seen)   # robots.txt first, then the pages
        gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
        assert len(arrivals) == 4 and min(gaps) >= 0.29


def test_different_hosts_overlap_in_fetch_many(tmp_path):
    hosts = ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
    with ExitStack() as stack:
        sites = [serve_pages(stack, h, 3) for h in hosts]
        fetcher = Fetcher(FAST_FETCH, set(hosts), Archive(tmp_path), min_delay={h: 0.25 for h in hosts})
        urls = [s.url(f"/p{i}.html") for s in sites for i in range(3)]   # grouped by host on purpose
        results = list(fetcher.fetch_many(urls, max_workers=3))

        assert sorted(r.url for r in results) == sorted(urls)
        assert all(r.outcome == "fetched" for r in results)
        # Each host needs ≥ 0.75 s for its robots.txt and three pages; with overlap every host's
        # first page arrives before any other host's last one.
        firsts = [min(s.at for s in site.seen if s.path != "/robots.txt") for site in sites]
        lasts = [max(s.at for s in site.seen) for site in sites]
        assert max(firsts) < min(lasts)
        for site in sites:   # and each host still kept its own delay
            arrivals = sorted(s.at for s in site.seen)
            assert min(b - a for a, b in zip(arrivals, arrivals[1:])) >= 0.24


def test_fetch_many_fetches_each_url_once(tmp_path):
    with ExitStack() as stack:
        site = serve_pages(stack, "127.0.0.1", 2)
        fetcher = Fetcher(FAST_FETCH, {"127.0.0.1"}, Archive(tmp_path), min_delay=0.0)
        urls = [site.url("/p0.html"), site.url("/p1.html"), site.url("/p0.html")]
        assert len(list(fetcher.fetch_many(urls))) == 2
        assert len(site.requests_for("/p0.html")) == 1


WRITER = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from tasks.archive import Archive
from tasks.fetch import FetchResult
archive = Archive(Path(sys.argv[1]))
for i in range(60):
    body = f"{sys.argv[2]} {i}".encode()
    archive.record(FetchResult(f"http://127.0.0.1/{sys.argv[2]}/{i}", None, "fetched", 200, body,
                               "text/plain", None, datetime.now(timezone.utc), "", {"etag": str(i)}))
"""


def test_two_processes_write_one_archive_at_once(tmp_path, repo):
    Archive(tmp_path).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name], cwd=repo)
             for name in ("one", "two")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    archive = Archive(tmp_path)
    pages = archive.pages()
    assert len(pages) == 120
    assert archive.body(pages[0].content_sha256).decode() in {f"{n} {i}" for n in ("one", "two") for i in range(60)}
    archive.record(FetchResult("http://127.0.0.1/x", None, "failed", None, None, None, None,
                               datetime.now(timezone.utc), "boom", {}))
    assert archive.failed_urls() == ["http://127.0.0.1/x"]


def test_a_fetcher_for_sources_allows_their_hosts_with_their_delays():
    from tasks.sources import Source
    sources = [Source("a", ("http://127.0.0.2:1/x", "http://127.0.0.3:1/y"), min_delay=1.5),
               Source("b", ("http://127.0.0.3:1/z",), min_delay=4.0)]
    fetcher = Fetcher.for_sources(sources, FAST_FETCH)
    assert fetcher.allowed_hosts == {"127.0.0.2", "127.0.0.3"}
    assert (fetcher.delay_for("127.0.0.2"), fetcher.delay_for("127.0.0.3")) == (1.5, 4.0)
    assert fetcher.fetch("http://127.0.0.4:1/").outcome == "refused"


def _hosts_held_until(expected: int, hold: float):
    """A robots.txt route for many hosts that answers once `expected` of them wait at once (or after hold s).

    Returns the route and a dict whose "peak" is the most requests the servers held at one time.
    """
    lock = threading.Lock()
    everyone = threading.Event()
    state = {"in_flight": 0, "peak": 0}

    def robots(_req):
        with lock:
            state["in_flight"] += 1
            state["peak"] = max(state["peak"], state["in_flight"])
            if state["in_flight"] >= expected:
                everyone.set()
        everyone.wait(timeout=hold)
        with lock:
            state["in_flight"] -= 1
        return Reply(404, b"")
    return robots, state


@pytest.mark.parametrize("max_workers, overlapped", [(None, 20), (4, 4)])
def test_fetch_many_overlaps_every_host_of_the_call_by_default(tmp_path, max_workers, overlapped):
    # 20 hosts; each one's robots.txt is answered only once `overlapped` hosts have a request in
    # flight (or after 10 s). One worker per host (the default) gets all 20 there at once; the
    # old cap of 8 workers got 8 at a time. An explicit max_workers still caps the overlap.
    hosts = [f"127.0.0.{i}" for i in range(2, 22)]
    robots, state = _hosts_held_until(overlapped, hold=10.0)
    delay = 0.2
    with ExitStack() as stack:
        sites = []
        for h in hosts:
            site = stack.enter_context(loopback(h))
            site.route("/robots.txt", robots)
            for i in range(2):
                site.page(f"/p{i}.html", PAGE + str(i))
            sites.append(site)
        fetcher = Fetcher(dict(FAST_FETCH, read_timeout=15.0), set(hosts), Archive(tmp_path),
                          min_delay={h: delay for h in hosts})
        urls = [s.url(f"/p{i}.html") for s in sites for i in range(2)]   # grouped by host
        results = list(fetcher.fetch_many(urls, **({} if max_workers is None else {"max_workers": max_workers})))

        assert sorted(r.url for r in results) == sorted(urls)
        assert all(r.outcome == "fetched" for r in results)
        assert state["peak"] == overlapped
        for site in sites:   # each host in its order, its own delay kept between its requests
            seen = sorted(site.seen, key=lambda s: s.at)
            assert [s.path for s in seen] == ["/robots.txt", "/p0.html", "/p1.html"]
            assert min(b.at - a.at for a, b in zip(seen, seen[1:])) >= delay - 0.01


def test_the_delay_of_a_host_holds_across_threads_and_calls(tmp_path):
    # Two fetch tasks of one run share the Fetcher: their fetch_many calls, at once and one
    # after the other, still space the host's requests by its delay.
    delay = 0.25
    with ExitStack() as stack:
        site = serve_pages(stack, "127.0.0.2", 6)
        fetcher = Fetcher(FAST_FETCH, {"127.0.0.2"}, Archive(tmp_path), min_delay={"127.0.0.2": delay})
        batches = [[site.url(f"/p{i}.html") for i in (0, 1)], [site.url(f"/p{i}.html") for i in (2, 3)]]
        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(lambda urls: [r.outcome for r in fetcher.fetch_many(urls)], batches))
        outcomes.append([r.outcome for r in fetcher.fetch_many([site.url("/p4.html"), site.url("/p5.html")])])
        assert outcomes == [["fetched"] * 2] * 3
        arrivals = sorted(s.at for s in site.seen)
        assert len(arrivals) == 7   # robots.txt once, six pages
        assert min(b - a for a, b in zip(arrivals, arrivals[1:])) >= delay - 0.01
