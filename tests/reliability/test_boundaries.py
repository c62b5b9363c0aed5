"""Boundaries: only the hosts of sources.toml are reached, only over http(s); `baocao query` cannot
change anything; credentials in URLs never reach a message, a stored header or a log line.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tasks.archive import Archive
from tasks.db import query
from tasks.discover import discover
from tasks.fetch import Fetcher
from tasks.sources import load_sources
from tests.load.builders import document, fresh_database, record
from tests.reliability.kit import FAULT_FETCH, GOOD_SENTENCES, article, closed_port, listing, report_title, stage_run
from tests.support.loopback import Reply, loopback

REPO = Path(__file__).resolve().parents[2]


# ---- hosts and schemes -------------------------------------------------------------------------

def test_only_hosts_named_in_sources_toml_are_ever_contacted(tmp_path):
    """A listing, a redirect and attachments pointing at a host of no source: it sees no request at all."""
    db = fresh_database(tmp_path)
    with loopback("127.0.0.1") as site, loopback("127.0.0.2") as foreign:
        foreign.route("/robots.txt", Reply(404))
        foreign.route("/tin/x.html", Reply(200, article(report_title(9), GOOD_SENTENCES)))
        site.route("/robots.txt", Reply(404))
        site.page("/tin", listing([(report_title(1), "/tin/1.html"), (report_title(2), foreign.url("/tin/x.html")),
                                   (report_title(3), "/tin/go.html")]))
        page = article(report_title(1), GOOD_SENTENCES).replace(
            "</article>", f'<p>File đính kèm: <a href="{foreign.url("/files/bc.pdf")}">bc.pdf</a> '
                          '<a href="file:///etc/passwd.pdf">passwd.pdf</a></p></article>')
        site.page("/tin/1.html", page)
        site.route("/tin/go.html", Reply(302, b"", {"Location": foreign.url("/tin/x.html")}))
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[source.site]\nstart_urls = ["{site.url("/tin")}"]\nmin_delay = 0\n', encoding="utf-8")

        with Archive(tmp_path / "archive") as archive:
            fetcher = Fetcher.for_sources(load_sources(sources).values(), FAULT_FETCH, archive)
            refs = discover(load_sources(sources)["site"], fetcher)
            run = stage_run([r.url for r in refs], fetcher, db)
            states = {url: archive.state(url) for url in run.results}
        assert foreign.seen == []

    # The foreign link on the listing is not even a candidate; the redirect and attachments are refused.
    assert sorted(r.url for r in refs) == [site.url("/tin/1.html"), site.url("/tin/go.html")]
    redirect = states[site.url("/tin/go.html")]
    assert redirect.outcome == "refused"
    assert f"redirected to {foreign.url('/tin/x.html')}" in redirect.message
    assert "host '127.0.0.2' is not a host of a configured source" in redirect.message
    assert states[foreign.url("/files/bc.pdf")].outcome == "refused"
    assert states["file:///etc/passwd.pdf"].outcome == "refused"
    assert "scheme 'file' is not http(s)" in states["file:///etc/passwd.pdf"].message
    assert run.documents[site.url("/tin/1.html")].status == "ok"


@pytest.mark.parametrize("url, why", [
    ("file:///etc/passwd", "scheme 'file' is not http(s)"),
    ("ftp://127.0.0.1/bao-cao.pdf", "scheme 'ftp' is not http(s)"),
    ("data:text/html,<p>Báo cáo</p>", "scheme 'data' is not http(s)"),
    ("gopher://127.0.0.1/1", "scheme 'gopher' is not http(s)"),
    ("javascript:alert(1)", "scheme 'javascript' is not http(s)"),
    ("//127.0.0.1/no-scheme.html", "scheme '(none)' is not http(s)"),
    ("http://[::1/broken", "malformed URL"),
    ("http://127.0.0.2/other-host.html", "not a host of a configured source"),
])
def test_other_schemes_and_hosts_are_refused_and_recorded(tmp_path, url, why):
    with Archive(tmp_path / "archive") as archive:
        result = Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0).fetch(url)
        state = archive.state(url)
        failed = archive.failed_urls()
    assert result.outcome == "refused" and why in result.message
    assert state.outcome == "refused" and why in state.message
    assert url in failed


# ---- baocao query ------------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path):
    path = fresh_database(tmp_path)
    from tasks.db import connect
    from tasks.load import load_documents
    con = connect(path, wait_seconds=5)
    try:
        load_documents(con, [(document("report.html"), [record("retail_sales", 1, 8, 483_595.0)])])
    finally:
        con.close()
    return path


@pytest.mark.parametrize("sql", [
    "DELETE FROM observations",
    "INSERT INTO observations SELECT * FROM observations",
    "UPDATE observations SET value = 0",
    "DROP TABLE quarantine",
    "CREATE TABLE notes (a INTEGER)",
    "CREATE OR REPLACE VIEW monthly AS SELECT 1 AS x",
    "ALTER TABLE documents ADD COLUMN x INTEGER",
    "ATTACH '{tmp}/new.duckdb' AS other",
    "ATTACH '{db}' AS again (READ_WRITE)",
    # DuckDB's read_only still writes these; the query connection has no file access at all.
    "COPY observations TO '{tmp}/leak.csv'",
    "EXPORT DATABASE '{tmp}/export'",
    "COPY (SELECT snippet FROM observations) TO '{tmp}/leak.parquet' (FORMAT parquet)",
    "SET enable_external_access = true",
])
def test_query_refuses_every_write(db, tmp_path, sql):
    before = sorted(os.listdir(tmp_path))
    checksum = db.read_bytes()
    with pytest.raises(duckdb.Error):
        query(db, sql.format(tmp=tmp_path, db=db))
    assert db.read_bytes() == checksum
    assert sorted(os.listdir(tmp_path)) == before, "a file was written"


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('{secret}')",
    "SELECT * FROM read_text('{secret}')",
    "SELECT * FROM glob('{tmp}/*')",
    "INSTALL httpfs",
])
def test_query_reads_no_file_but_the_database(db, tmp_path, sql):
    secret = tmp_path / "elsewhere.csv"
    secret.write_text("a,b\n1,2\n")
    with pytest.raises(duckdb.Error, match="disabled|Permission"):
        query(db, sql.format(secret=secret, tmp=tmp_path))
    columns, rows = query(db, "SELECT count(*) AS n FROM observations")
    assert columns == ["n"] and rows == [(1,)]


def test_the_query_command_refuses_writes_in_its_own_process(db):
    result = subprocess.run([sys.executable, "-m", "flows.cli", "query", "DELETE FROM observations", "--db", str(db)],
                            cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                            timeout=120)
    assert result.returncode == 1
    assert "read-only" in result.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM observations").fetchall()[0][0] == 1
    finally:
        con.close()


def test_the_query_command_says_how_to_write_files_when_copy_is_refused(db, tmp_path):
    result = subprocess.run([sys.executable, "-m", "flows.cli", "query",
                             f"COPY observations TO '{tmp_path}/leak.csv'", "--db", str(db)],
                            cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                            timeout=120)
    assert result.returncode == 1
    assert "baocao export" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "leak.csv").exists()


# ---- secrets -----------------------------------------------------------------------------------

SECRETS = ("s3cret-pw", "tok-9f8e7d", "key-1a2b3c", "session-77aa")


def test_credentials_in_urls_never_reach_messages_stored_headers_or_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    with loopback("127.0.0.1") as site:
        site.route("/robots.txt", Reply(404))
        site.route("/storm.html", Reply(503, b"busy"))
        site.route("/away.html", Reply(302, b"", {"Location": "http://127.0.0.2/x.html?access_token=tok-9f8e7d"}))
        site.route("/ok.html", Reply(200, article(report_title(1), GOOD_SENTENCES),
                                     {"Content-Type": "text/html; charset=utf-8",
                                      "Set-Cookie": "PHPSESSID=session-77aa; HttpOnly"}))
        base = site.base.replace("http://", "http://ann:s3cret-pw@")
        urls = [f"{base}/storm.html?token=tok-9f8e7d&page=2",
                f"{site.base}/away.html?api_key=key-1a2b3c",
                f"{base}/ok.html?sig=key-1a2b3c",
                f"http://ann:s3cret-pw@127.0.0.1:{closed_port()}/x.html?token=tok-9f8e7d"]
        with Archive(tmp_path / "archive") as archive:
            fetcher = Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0)
            outcomes = {u: fetcher.fetch(u).outcome for u in urls}
            logs = [archive.fetch_log(u) for u in urls]
            messages = [archive.state(u).message for u in urls]
    assert list(outcomes.values()) == ["failed", "refused", "fetched", "failed"], outcomes
    # The URL itself stays the page's key in the index; what is said about it is what must be clean.
    stored = json.dumps([[(f["message"], f["headers"]) for f in log] for log in logs]) + json.dumps(messages)
    lines = "\n".join(r.getMessage() for r in caplog.records)
    assert "REDACTED" in stored and "127.0.0.2" in stored      # messages still say what happened
    assert '"set-cookie": "REDACTED"' in stored
    assert "GET /storm.html?token=REDACTED" in lines           # urllib3's request line, cleaned
    for secret in SECRETS:
        assert secret not in stored, f"{secret} stored"
        assert secret not in lines, f"{secret} logged"
