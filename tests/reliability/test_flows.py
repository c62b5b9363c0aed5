"""The promises through the real flows (one Prefect test API for the session).

- ingest twice and backfill --reparse twice: identical observations, no duplicate documents;
- a run with a 5xx storm, a reset halfway through a body and a page of bad figures: the run
  completes, its summary (and its row in `runs`) counts the failed pages and the quarantined
  records and names the failing checks; the next run fetches the failed pages again although
  the listing no longer shows them;
- a sources.toml with a typo stops the flow with an error naming the line (the command line's
  message: test_bad_input.py).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tasks.sources import SourcesError
from tests.reliability.kit import (
    ATTEMPTS, BAD_SENTENCES, FAULT_FETCH, GOOD_SENTENCES, article, listing, plain, raw_site, report_title,
    reset_halfway, scalar, snapshot,
)
from tests.support.loopback import Reply, loopback

pytestmark = pytest.mark.slow


@pytest.fixture
def fast_settings(tmp_path, monkeypatch):
    """The flows read [fetch] from the settings: tiny timeouts and backoff, no delay between requests."""
    config = tmp_path / "settings.toml"
    config.write_text("[fetch]\n" + "\n".join(f"{k} = {v!r}".replace("'", '"') for k, v in FAULT_FETCH.items()
                                               if k != "user_agent") + "\n", encoding="utf-8")
    monkeypatch.setenv("BAOCAO_CONFIG", str(config))
    return config


def write_sources(tmp_path: Path, start: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f'[source.kien-an]\nstart_urls = ["{start}"]\nmin_delay = 0\ndefault_area = "Kiến An"\n',
                    encoding="utf-8")
    return path


def test_ingest_twice_and_reparse_twice_give_identical_observations(tmp_path, prefect_harness, fast_settings):
    from flows.backfill import backfill
    from flows.ingest import ingest

    db, archive = tmp_path / "flow.duckdb", tmp_path / "archive"
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.page("/tin", listing([(report_title(n), f"/tin/{n}.html") for n in (1, 2, 3)]))
        for n in (1, 2, 3):
            site.page(f"/tin/{n}.html", article(report_title(n), GOOD_SENTENCES[: 1 + n % 2]))
        sources = write_sources(tmp_path, site.url("/tin"))
        args = dict(sources_file=str(sources), db=str(db), archive=str(archive))

        first = ingest(**args)
        rows = snapshot(db)
        assert first["pages_fetched"] == 3 and first["records_loaded"] == len(rows) > 0, first
        second = ingest(**args)
        assert snapshot(db) == rows
        assert second["pages_failed"] == 0 and second["pages_fetched"] == 0, second

    # With the site gone: re-extract and re-parse everything from the archive, twice.
    documents = snapshot(db, "documents")
    for _ in range(2):
        row = backfill(reparse=True, **args)
        assert row["documents_parsed"] == 3, row
        assert snapshot(db) == rows
        assert snapshot(db, "documents") == documents
    assert scalar(db, "SELECT count(*) FROM documents") == scalar(db, "SELECT count(DISTINCT url) FROM documents") == 3
    assert scalar(db, "SELECT count(*) FROM runs") == 4


def test_a_faulty_run_completes_counts_its_failures_and_the_next_run_retries_them(
        tmp_path, prefect_harness, fast_settings):
    from flows.ingest import ingest

    db, archive = tmp_path / "flow.duckdb", tmp_path / "archive"
    body = article(report_title(3), GOOD_SENTENCES).encode("utf-8")
    with loopback() as site, raw_site() as raw:
        site.route("/robots.txt", Reply(404))
        site.page("/tin", listing([(report_title(1), "/tin/1.html"), (report_title(2), "/tin/2.html"),
                                   (report_title(3), raw.url("/tin/3.html")), (report_title(4), "/tin/4.html")]))
        site.page("/tin/1.html", article(report_title(1), GOOD_SENTENCES))
        site.route("/tin/2.html", Reply(503, b"busy"))
        raw.on("/tin/3.html", reset_halfway(body))
        site.page("/tin/4.html", article(report_title(4), list(BAD_SENTENCES.values())))
        sources = write_sources(tmp_path, site.url("/tin"))
        args = dict(sources_file=str(sources), db=str(db), archive=str(archive))

        first = ingest(**args)
        assert (first["status"], first["pages_discovered"], first["pages_fetched"], first["pages_failed"]) == \
            ("completed", 4, 2, 2), first
        assert first["quarantined"] == 4, first
        assert "quarantined_values (4)" in first["message"], first["message"]
        assert len(site.requests_for("/tin/2.html")) == ATTEMPTS and raw.hits["/tin/3.html"] == ATTEMPTS
        assert scalar(db, "SELECT pages_failed FROM runs") == 2

        # The faults end; the listing has moved on and shows only the first page.
        site.page("/tin", listing([(report_title(1), "/tin/1.html")]))
        site.page("/tin/2.html", article(report_title(2), GOOD_SENTENCES[:1]))
        raw.on("/tin/3.html", plain(200, body, {"Content-Type": "text/html; charset=utf-8"}))
        second = ingest(**args)
    assert (second["pages_fetched"], second["pages_failed"]) == (2, 0), second
    assert scalar(db, "SELECT count(DISTINCT doc_id) FROM observations") == 4
    assert scalar(db, "SELECT list(pages_failed ORDER BY started) FROM runs") == [2, 0]


def test_a_sources_file_with_a_typo_stops_the_flow_naming_the_line(tmp_path, prefect_harness, fast_settings):
    from flows.ingest import ingest

    sources = tmp_path / "sources.toml"
    sources.write_text('[source.kien-an]\nstart_urls = ["http://127.0.0.1/tin"]\nmax_page = 3\n', encoding="utf-8")
    with pytest.raises(SourcesError, match=r"sources.toml:3: unknown key 'max_page'.*did you mean 'max_pages'"):
        ingest(sources_file=str(sources), db=str(tmp_path / "x.duckdb"), archive=str(tmp_path / "archive"))

