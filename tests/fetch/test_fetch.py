"""Fetching against real HTTP servers on loopback: outcomes, retries, politeness, the archive."""
from __future__ import annotations

import email.utils
import time

import pytest

from tasks.archive import Archive
from tasks.fetch import Fetcher, _retry_after_seconds
from tests.support.documents import FAST_FETCH
from tests.support.loopback import Reply, loopback

PAGE = "<html><head><meta charset='utf-8'></head><body><p>Báo cáo kinh tế - xã hội tháng 3</p></body></html>"


@pytest.fixture
def site():
    with loopback("127.0.0.1") as s:
        s.route("/robots.txt", Reply(404, b"", {"Content-Type": "text/plain"}))
        yield s


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive") as a:
        yield a


def fetcher_for(archive, *hosts, **overrides):
    return Fetcher({**FAST_FETCH, **overrides}, set(hosts) or {"127.0.0.1"}, archive, min_delay=0.0)


def test_a_page_is_fetched_and_archived_with_its_validators(site, archive):
    site.page("/a.html", PAGE)
    result = fetcher_for(archive).fetch(site.url("/a.html"), source="demo")

    assert result.outcome == "fetched" and result.http_status == 200
    assert result.body == PAGE.encode()
    state = archive.state(site.url("/a.html"))
    assert state.outcome == "fetched" and state.source == "demo" and state.failures == 0
    assert state.etag and state.last_modified and state.content_sha256 == result.content_sha256
    assert archive.body(state.content_sha256) == PAGE.encode()
    assert archive.path_for(state.content_sha256).name.endswith(".gz")
    log = archive.fetch_log(site.url("/a.html"))
    assert [e["outcome"] for e in log] == ["fetched"] and log[0]["headers"]["etag"] == state.etag


def test_second_fetch_sends_only_conditional_requests_and_gets_not_modified(site, archive):
    paths = ["/a.html", "/b.html", "/c.html"]
    for i, p in enumerate(paths):
        site.page(p, PAGE.replace("3", str(i + 4)))
    fetcher = fetcher_for(archive)
    first = [fetcher.fetch(site.url(p)) for p in paths]
    second = [fetcher.fetch(site.url(p)) for p in paths]

    assert [r.outcome for r in first] == ["fetched"] * 3
    assert [r.outcome for r in second] == ["not_modified"] * 3
    assert [r.content_sha256 for r in second] == [r.content_sha256 for r in first]
    for p in paths:
        seen = site.requests_for(p)
        assert [s.conditional for s in seen] == [False, True]
        assert seen[1].headers["if-none-match"] == archive.state(site.url(p)).etag
        assert seen[1].headers["if-modified-since"] == archive.state(site.url(p)).last_modified
    assert all(archive.state(site.url(p)).outcome == "not_modified" for p in paths)


def test_a_body_left_empty_on_disk_is_fetched_again_without_validators(site, archive):
    # What a power loss after the rename can leave: the file, with no data in it.
    site.page("/a.html", PAGE)
    fetcher = fetcher_for(archive)
    first = fetcher.fetch(site.url("/a.html"))
    archive.path_for(first.content_sha256).write_bytes(b"")
    assert not archive.has_body(first.content_sha256)

    again = fetcher.fetch(site.url("/a.html"))

    assert again.outcome == "unchanged" and again.content_sha256 == first.content_sha256
    assert [s.conditional for s in site.requests_for("/a.html")] == [False, False]
    assert archive.body(first.content_sha256) == PAGE.encode()      # written again, whole
    assert fetcher.fetch(site.url("/a.html")).outcome == "not_modified"


def test_a_changed_page_is_fetched_again_with_a_new_sha(site, archive):
    site.page("/a.html", PAGE)
    fetcher = fetcher_for(archive)
    old = fetcher.fetch(site.url("/a.html"))
    site.page("/a.html", PAGE.replace("tháng 3", "tháng 4"), last_modified=1_800_000_000)
    new = fetcher.fetch(site.url("/a.html"))

    assert new.outcome == "fetched" and new.content_sha256 != old.content_sha256
    assert site.requests_for("/a.html")[1].conditional  # asked conditionally, got a new body
    assert archive.state(site.url("/a.html")).content_sha256 == new.content_sha256
    assert archive.body(old.content_sha256) == PAGE.encode()  # the old body stays in the archive


def test_a_200_with_the_same_body_is_unchanged(site, archive):
    site.route("/plain.html", Reply(200, PAGE, {"Content-Type": "text/html"}))  # no validators at all
    fetcher = fetcher_for(archive)
    assert fetcher.fetch(site.url("/plain.html")).outcome == "fetched"
    again = fetcher.fetch(site.url("/plain.html"))
    assert again.outcome == "unchanged"
    assert not site.requests_for("/plain.html")[1].conditional
    assert [e["outcome"] for e in archive.fetch_log(site.url("/plain.html"))] == ["fetched", "unchanged"]


def test_the_same_report_under_two_urls_is_one_body(site, archive):
    site.page("/news/a.html", PAGE)
    site.page("/mirror/a.html", PAGE)
    fetcher = fetcher_for(archive)
    a = fetcher.fetch(site.url("/news/a.html"))
    b = fetcher.fetch(site.url("/mirror/a.html"))
    assert a.content_sha256 == b.content_sha256
    assert archive.urls_with_sha(a.content_sha256) == [site.url("/news/a.html"), site.url("/mirror/a.html")]


def test_a_response_slower_than_the_read_timeout_fails_after_the_retries(site, archive):
    site.route("/slow", Reply(200, PAGE, delay=1.0))
    result = fetcher_for(archive).fetch(site.url("/slow"))

    assert result.outcome == "failed" and "Timeout" in result.message
    assert len(site.requests_for("/slow")) == FAST_FETCH["max_retries"] + 1
    state = archive.state(site.url("/slow"))
    assert state.outcome == "failed" and state.failures == 1 and state.content_sha256 is None
    assert archive.failed_urls() == [site.url("/slow")]


def test_500_then_200_is_retried_and_fetched(site, archive):
    site.route("/flaky", site.sequence(Reply(500, b"oops"), Reply(503, b"busy"), Reply(200, PAGE)))
    result = fetcher_for(archive).fetch(site.url("/flaky"))
    assert result.outcome == "fetched" and result.attempts == 3
    assert len(site.requests_for("/flaky")) == 3
    assert archive.state(site.url("/flaky")).failures == 0


def test_429_waits_for_retry_after_seconds(site, archive):
    site.route("/busy", site.sequence(Reply(429, b"", {"Retry-After": "1"}), Reply(200, PAGE)))
    result = fetcher_for(archive).fetch(site.url("/busy"))
    first, second = site.requests_for("/busy")
    assert result.outcome == "fetched"
    assert second.at - first.at >= 0.95  # waited as asked, not the 0.01 s backoff


def test_retry_after_longer_than_the_cap_gives_up_at_once(site, archive):
    site.route("/later", Reply(503, b"", {"Retry-After": "3600"}))
    result = fetcher_for(archive).fetch(site.url("/later"))
    assert result.outcome == "failed" and result.http_status == 503
    assert "retry_after_cap" in result.message
    assert len(site.requests_for("/later")) == 1


def test_retry_after_as_an_http_date():
    soon = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= _retry_after_seconds(soon) <= 31
    assert _retry_after_seconds("7") == 7.0
    assert _retry_after_seconds("soon") is None


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_other_4xx_are_never_retried(site, archive, status):
    site.route("/gone", Reply(status, b"no"))
    result = fetcher_for(archive).fetch(site.url("/gone"))
    assert result.outcome == "failed" and result.http_status == status
    assert len(site.requests_for("/gone")) == 1
    assert archive.state(site.url("/gone")).http_status == status


def test_failures_in_a_row_are_counted_and_a_success_resets_them(site, archive):
    site.route("/x", Reply(404, b"no"))
    fetcher = fetcher_for(archive)
    fetcher.fetch(site.url("/x"))
    fetcher.fetch(site.url("/x"))
    assert archive.state(site.url("/x")).failures == 2
    site.route("/x", Reply(200, PAGE))
    fetcher.fetch(site.url("/x"))
    assert archive.state(site.url("/x")).failures == 0 and archive.failed_urls() == []


def test_a_redirect_within_the_host_is_followed(site, archive):
    site.route("/old", Reply(301, b"", {"Location": "/new"}))
    site.page("/new", PAGE)
    result = fetcher_for(archive).fetch(site.url("/old"))
    assert result.outcome == "fetched" and result.final_url == site.url("/new")
    assert archive.state(site.url("/old")).final_url == site.url("/new")


def test_a_redirect_to_a_foreign_host_is_refused_and_recorded(site, archive):
    site.route("/away", Reply(302, b"", {"Location": "http://127.0.0.9:9/elsewhere"}))
    result = fetcher_for(archive).fetch(site.url("/away"))
    assert result.outcome == "refused" and "127.0.0.9" in result.message
    assert result.final_url == "http://127.0.0.9:9/elsewhere"
    assert archive.state(site.url("/away")).outcome == "refused"
    assert site.url("/away") in archive.failed_urls()


def test_a_redirect_loop_stops(site, archive):
    site.route("/loop", Reply(302, b"", {"Location": "/loop"}))
    result = fetcher_for(archive).fetch(site.url("/loop"))
    assert result.outcome == "failed" and "redirects" in result.message
    assert len(site.requests_for("/loop")) == 6


@pytest.mark.parametrize("url, why", [("ftp://127.0.0.1/x", "scheme"), ("file:///etc/passwd", "scheme"),
                                      ("javascript:alert(1)", "scheme"), ("http://[127.0.0.1/x", "malformed")])
def test_non_http_schemes_and_malformed_urls_are_refused(archive, url, why):
    result = fetcher_for(archive).fetch(url)
    assert result.outcome == "refused" and why in result.message


def test_hosts_of_no_source_are_refused(archive):
    result = fetcher_for(archive).fetch("http://127.0.0.9:9/page")
    assert result.outcome == "refused" and "sources.toml" in result.message


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_body_over_the_limit_is_too_large_and_not_kept(site, archive, declare_length):
    site.route("/big", Reply(200, b"x" * (FAST_FETCH["max_body_bytes"] + 1), {"Content-Type": "text/html"},
                             declare_length=declare_length))
    result = fetcher_for(archive).fetch(site.url("/big"))
    assert result.outcome == "too_large" and result.body is None
    state = archive.state(site.url("/big"))
    assert state.outcome == "too_large" and state.content_sha256 is None


def test_a_wrong_charset_reaches_the_archive_byte_for_byte(site, archive):
    body = PAGE.encode("utf-8")
    site.route("/latin", Reply(200, body, {"Content-Type": "text/html; charset=ISO-8859-1"}))
    result = fetcher_for(archive).fetch(site.url("/latin"))
    assert result.body == body and result.content_type == "text/html; charset=ISO-8859-1"
    assert archive.body(result.content_sha256) == body


def test_robots_disallow_is_respected_and_crawl_delay_read(archive):
    with loopback("127.0.0.1") as site:
        site.route("/robots.txt", Reply(200, "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n",
                                        {"Content-Type": "text/plain"}))
        site.page("/private/report.html", PAGE)
        site.page("/public.html", PAGE)
        fetcher = fetcher_for(archive)
        blocked = fetcher.fetch(site.url("/private/report.html"))
        allowed = fetcher.fetch(site.url("/public.html"))
        assert blocked.outcome == "robots_disallowed"
        assert site.requests_for("/private/report.html") == []
        assert archive.state(site.url("/private/report.html")).outcome == "robots_disallowed"
        assert allowed.outcome == "fetched"
        assert fetcher.delay_for("127.0.0.1") == pytest.approx(0.3)
        assert len(site.requests_for("/robots.txt")) == 1  # read once per run


def test_robots_txt_failing_with_5xx_means_do_not_crawl(archive):
    with loopback("127.0.0.1") as site:
        site.route("/robots.txt", Reply(500, b"down"))
        site.page("/a.html", PAGE)
        result = fetcher_for(archive).fetch(site.url("/a.html"))
        assert result.outcome == "robots_disallowed"
        assert site.requests_for("/a.html") == []


def test_the_user_agent_names_the_project(site, archive):
    site.page("/a.html", PAGE)
    fetcher_for(archive).fetch(site.url("/a.html"))
    assert site.requests_for("/a.html")[0].headers["user-agent"] == FAST_FETCH["user_agent"]
    assert site.requests_for("/robots.txt")[0].headers["user-agent"] == FAST_FETCH["user_agent"]


def test_fetching_works_without_an_archive(site):
    site.page("/a.html", PAGE)
    fetcher = Fetcher(FAST_FETCH, {"127.0.0.1"}, None, min_delay=0.0)
    assert fetcher.fetch(site.url("/a.html")).outcome == "fetched"
    assert fetcher.fetch(site.url("/a.html")).outcome == "fetched"  # nothing stored, nothing conditional
    assert not any(s.conditional for s in site.requests_for("/a.html"))


def test_content_encoding_gzip_is_unpacked_and_truncation_is_a_failure(site, archive):
    import gzip
    whole = gzip.compress((PAGE * 50).encode())
    site.route("/gz", Reply(200, whole, {"Content-Encoding": "gzip", "Content-Type": "text/html"}))
    site.route("/cut", Reply(200, whole[: len(whole) // 2], {"Content-Encoding": "gzip"}))
    site.route("/liar", Reply(200, b"plain text, not gzip", {"Content-Encoding": "gzip"}))
    fetcher = fetcher_for(archive)
    assert fetcher.fetch(site.url("/gz")).body == (PAGE * 50).encode()
    cut = fetcher.fetch(site.url("/cut"))
    assert cut.outcome == "failed" and "truncated gzip" in cut.message and cut.body is None
    assert len(site.requests_for("/cut")) == FAST_FETCH["max_retries"] + 1   # like a cut connection
    liar = fetcher.fetch(site.url("/liar"))
    assert liar.outcome == "failed" and "not valid gzip" in liar.message
    assert len(site.requests_for("/liar")) == 1


def test_a_gzip_body_unpacking_past_the_limit_is_too_large(site, archive):
    import gzip
    bomb = gzip.compress(b"\x00" * (FAST_FETCH["max_body_bytes"] * 20))
    assert len(bomb) < FAST_FETCH["max_body_bytes"]
    site.route("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip", "Content-Type": "text/html"}))
    assert fetcher_for(archive).fetch(site.url("/bomb")).outcome == "too_large"
