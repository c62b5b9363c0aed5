"""Faults of the network: retried within the policy, then recorded as failed pages that a later run retries.

DNS failure (a host under .invalid, named in sources.toml), connection refused (a closed port),
a connection reset halfway through the body, a stall halfway through the body, a reply slower
than the read timeout, a storm of 5xx. Attempts are counted by the server where there is one:
exactly max_retries + 1, never more. (The run summary's count of failed pages is proved with
the flow in test_flows.py.)
"""
from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from tasks.archive import Archive
from tasks.discover import discover
from tasks.fetch import Fetcher
from tasks.sources import load_sources
from tests.load.builders import fresh_database
from tests.reliability.kit import (
    ATTEMPTS, FAULT_FETCH, GOOD_SENTENCES, article, closed_port, listing, plain, raw_site, report_title, reset_halfway,
    scalar, stage_run, stall_halfway,
)
from tests.support.loopback import Reply, loopback

BODY = article(report_title(1), GOOD_SENTENCES).encode("utf-8")


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive") as a:
        yield a


def fetcher(archive, *hosts: str) -> Fetcher:
    return Fetcher(FAULT_FETCH, set(hosts) or {"127.0.0.1"}, archive, min_delay=0.0)


def assert_recorded_failure(archive: Archive, url: str, *words: str) -> None:
    """The page's latest state is `failed`, its message says why, and it is listed for a retry."""
    state = archive.state(url)
    assert state.outcome == "failed", state
    assert all(w.lower() in state.message.lower() for w in words), state.message
    assert url in archive.failed_urls()
    assert archive.fetch_log(url)[-1]["outcome"] == "failed"


def test_a_name_that_resolves_nowhere_fails_and_is_recorded(tmp_path, archive):
    sources = tmp_path / "sources.toml"
    sources.write_text('[source.nowhere]\nstart_urls = ["http://reports.invalid/tin"]\nmin_delay = 0\n',
                       encoding="utf-8")
    f = Fetcher.for_sources(load_sources(sources).values(), FAULT_FETCH, archive)
    url = "http://reports.invalid/tin/bao-cao.html"
    result = f.fetch(url, source="nowhere")
    assert result.outcome == "failed"
    assert_recorded_failure(archive, url, "not reachable", "reports.invalid")
    # The same host again in this run: no new lookups, the same recorded failure.
    again = f.fetch("http://reports.invalid/tin/khac.html")
    assert again.outcome == "failed" and again.attempts == 0


def test_a_closed_port_is_connection_refused_and_recorded(archive):
    url = f"http://127.0.0.1:{closed_port()}/bao-cao.html"
    result = fetcher(archive).fetch(url)
    assert result.outcome == "failed"
    assert_recorded_failure(archive, url, "refused")


def test_a_connection_reset_halfway_through_the_body_is_retried_then_recorded(archive):
    with raw_site() as site:
        site.on("/cut.html", reset_halfway(BODY))
        result = fetcher(archive).fetch(site.url("/cut.html"))
        assert site.hits["/cut.html"] == ATTEMPTS
    assert result.outcome == "failed" and result.attempts == ATTEMPTS
    assert result.body is None                       # half a page is never kept as if it were whole
    assert_recorded_failure(archive, site.url("/cut.html"), f"gave up after {ATTEMPTS} attempts", "connection")
    assert archive.state(site.url("/cut.html")).content_sha256 is None


def test_a_stall_halfway_through_the_body_times_out_and_is_retried(archive):
    with raw_site() as site:
        site.on("/stall.html", stall_halfway(BODY, seconds=FAULT_FETCH["read_timeout"] * 3))
        result = fetcher(archive).fetch(site.url("/stall.html"))
        assert site.hits["/stall.html"] == ATTEMPTS
    assert result.outcome == "failed" and result.body is None
    assert_recorded_failure(archive, site.url("/stall.html"), "timed out")


def test_a_reply_slower_than_the_read_timeout_is_retried_then_recorded(archive):
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.route("/slow.html", Reply(200, BODY, delay=FAULT_FETCH["read_timeout"] * 3))
        result = fetcher(archive).fetch(site.url("/slow.html"))
        assert len(site.requests_for("/slow.html")) == ATTEMPTS
    assert result.outcome == "failed"
    assert_recorded_failure(archive, site.url("/slow.html"), "timed out")


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_5xx_storm_is_retried_exactly_within_the_policy(archive, status):
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.route("/storm.html", Reply(status, b"busy", {"Retry-After": "0"}))
        result = fetcher(archive).fetch(site.url("/storm.html"))
        assert len(site.requests_for("/storm.html")) == ATTEMPTS
    assert (result.outcome, result.http_status, result.attempts) == ("failed", status, ATTEMPTS)
    assert_recorded_failure(archive, site.url("/storm.html"), f"gave up after {ATTEMPTS} attempts", f"HTTP {status}")


def test_a_host_that_was_unreachable_is_asked_again_later_by_the_same_fetcher(archive):
    """A fetcher may serve several runs in one process: a host down once is not written off for good."""
    port = closed_port()
    url = f"http://127.0.0.1:{port}/a.html"
    f = Fetcher({**FAULT_FETCH, "robots_unreachable_seconds": 1.0}, {"127.0.0.1"}, archive, min_delay=0.0)
    first = f.fetch(url)
    assert first.outcome == "failed" and "robots.txt unavailable" in first.message
    assert f.fetch(url).attempts == 0                     # the same run: no new attempt on a dead host
    with raw_site(port=port) as site:                       # the host comes back
        site.on("/a.html", plain(200, BODY, {"Content-Type": "text/html; charset=utf-8"}))
        time.sleep(1.05)
        assert f.fetch(url).outcome == "fetched"


def test_failed_pages_are_fetched_again_by_the_next_run_even_off_the_listing(tmp_path):
    """Run 1: one page storms (503), one resets halfway. Run 2: both heal but the listing no longer
    shows them; discovery takes them from the archive, they load, nothing is failed any more."""
    db = fresh_database(tmp_path)
    with loopback() as site, raw_site() as raw:
        site.route("/robots.txt", Reply(404))
        site.page("/tin", listing([(report_title(1), "/tin/1.html"), (report_title(2), "/tin/2.html"),
                                   (report_title(3), raw.url("/tin/3.html"))]))
        site.page("/tin/1.html", article(report_title(1), GOOD_SENTENCES[:1]))
        site.route("/tin/2.html", Reply(503, b"busy"))
        raw.on("/tin/3.html", reset_halfway(BODY))
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[source.site]\nstart_urls = ["{site.url("/tin")}"]\nmin_delay = 0\n'
                           f'default_area = "Kiến An"\n', encoding="utf-8")
        source = load_sources(sources)["site"]
        # Both servers listen on 127.0.0.1: one host, two ports; a source allows its hosts on any port.

        with Archive(tmp_path / "archive") as archive:
            f = Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0)
            first = stage_run([r.url for r in discover(source, f)], f, db, source="site")
            failed = sorted(u for u, r in first.results.items() if r.outcome == "failed")
            assert failed == sorted([site.url("/tin/2.html"), raw.url("/tin/3.html")])
            assert sorted(archive.failed_urls("site")) == failed
            assert len(site.requests_for("/tin/2.html")) == ATTEMPTS and raw.hits["/tin/3.html"] == ATTEMPTS
            assert scalar(db, "SELECT count(*) FROM documents") == 1

            # The faults end; the listing has moved on and links only the first report.
            site.page("/tin", listing([(report_title(1), "/tin/1.html")]))
            site.page("/tin/2.html", article(report_title(2), GOOD_SENTENCES[1:]))
            raw.on("/tin/3.html", plain(200, BODY, {"Content-Type": "text/html; charset=utf-8"}))

            f2 = Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0)
            refs = discover(source, f2)
            assert sorted(r.url for r in refs) == sorted([site.url("/tin/1.html"), *failed])
            second = stage_run([r.url for r in refs], f2, db, source="site")
            assert {u: r.outcome for u, r in second.results.items()} == {
                site.url("/tin/1.html"): "not_modified", site.url("/tin/2.html"): "fetched",
                raw.url("/tin/3.html"): "fetched"}
            assert archive.failed_urls("site") == []
            assert archive.pages_to_retry("site") == []
    assert scalar(db, "SELECT count(*) FROM documents") == 3
    assert scalar(db, "SELECT count(DISTINCT doc_id) FROM observations") == 3


def test_a_page_failing_run_after_run_is_given_up_after_the_bound(tmp_path):
    """A dead link is not fetched forever: after retry_failed_runs failed runs it stays in failed_urls only."""
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.page("/tin", listing([(report_title(1), "/tin/gone.html")]))
        site.route("/tin/gone.html", Reply(503))
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[source.site]\nstart_urls = ["{site.url("/tin")}"]\nmin_delay = 0\n', encoding="utf-8")
        source = load_sources(sources)["site"]
        settings = {**FAULT_FETCH, "max_retries": 0, "retry_failed_runs": 3}
        with Archive(tmp_path / "archive") as archive:
            for run in range(5):
                if run == 1:
                    site.page("/tin", listing([(report_title(2), "/tin/new.html")]))  # off the listing from now on
                f = Fetcher(settings, {"127.0.0.1"}, archive, min_delay=0.0)
                for ref in discover(source, f):
                    f.fetch(ref.url, source="site", parent_url=site.url("/tin"))
            assert len(site.requests_for("/tin/gone.html")) == 3
            assert site.url("/tin/gone.html") in archive.failed_urls()
