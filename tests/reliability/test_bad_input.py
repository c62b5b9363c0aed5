"""Bad input, served over loopback and run through fetch → extract → parse → load in one run.

Every bad page ends with a recorded status and a message saying what is wrong — a fetch
outcome in the archive or a document status in the database — and the good page of the same
run loads. Feeds (malformed, huge, entity expansion) go through discovery, URLs with odd
characters through the fetcher, a sources.toml with typos through its loader.
"""
from __future__ import annotations

import gzip
import logging
import random
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tasks.archive import Archive
from tasks.discover import discover
from tasks.extract import extracted_from_body
from tasks.fetch import Fetcher
from tasks.sources import SourcesError, load_sources
from tests.load.builders import fresh_database
from tests.reliability.kit import (
    FAULT_FETCH, GOOD_SENTENCES, article, docx_declaring, docx_dense, docx_lying_small, endless_page, listing,
    raw_site, report_title, stage_run,
)
from tests.support.loopback import Reply, loopback

FIFTY_MB = 50_000_000
GOOD = article(report_title(1), GOOD_SENTENCES).encode("utf-8")
NO_ARTICLE = ("<html><head><title>Tin tức</title></head><body><nav><a href='/'>Trang chủ</a>"
              "<a href='/tin'>Tin tức</a></nav><div class='menu'>Giới thiệu | Liên hệ</div></body></html>")
NESTED = (b"<html><body>" + b"<div>" * 100_000 + GOOD_SENTENCES[0].encode() + b"</div>" * 100_000
          + b"</body></html>")
TRUNCATED_GZIP = gzip.compress(GOOD)[: len(gzip.compress(GOOD)) // 2]


@dataclass
class Case:
    path: str
    reply: Reply | None = None         # served by the Loopback; None: by the raw server (`raw`)
    raw: object = None
    fetch: str = "fetched"             # the fetch outcome recorded in the archive
    status: str | None = None          # the document status recorded in the database
    words: tuple[str, ...] = ()        # what the recorded message must say


CASES = {
    "empty body": Case("/empty.html", Reply(200, b"", {"Content-Type": "text/html"}),
                       status="no_text", words=("empty body",)),
    "HTML with no article": Case("/menu.html", Reply(200, NO_ARTICLE, {"Content-Type": "text/html; charset=utf-8"}),
                                 status="not_article", words=("no main text",)),
    "50 MB page, declared": Case("/huge-declared.html", raw=endless_page(FIFTY_MB, declare_length=True),
                                 fetch="too_large", words=("max_body_bytes=20000000",)),
    "50 MB page, streamed": Case("/huge-streamed.html", raw=endless_page(FIFTY_MB, declare_length=False),
                                 fetch="too_large", words=("max_body_bytes=20000000",)),
    "binary served as text/html": Case("/binary.html", Reply(200, random.Random(7).randbytes(30_000),
                                                             {"Content-Type": "text/html"}),
                                       status="corrupt", words=("binary body served as text/html",)),
    "truncated gzip coding": Case("/cut-coding.html", Reply(200, TRUNCATED_GZIP, {
        "Content-Type": "text/html", "Content-Encoding": "gzip"}), fetch="failed", words=("truncated gzip",)),
    "truncated .gz file": Case("/report.html.gz", Reply(200, TRUNCATED_GZIP, {"Content-Type": "application/gzip"}),
                               status="corrupt", words=("truncated gzip body",)),
    "100,000 nested divs": Case("/nested.html", Reply(200, NESTED, {"Content-Type": "text/html"}),
                                status="not_article", words=("no main text",)),
    "PDF that is HTML": Case("/report.pdf", Reply(200, NO_ARTICLE, {"Content-Type": "application/pdf"}),
                             status="corrupt", words=("declared a pdf", "no %pdf- header")),
    "PDF header, garbage after": Case("/garbage.pdf", Reply(200, b"%PDF-1.7\n" + random.Random(8).randbytes(5000),
                                                            {"Content-Type": "application/pdf"}),
                                      status="corrupt", words=("pdf",)),
    "DOCX declaring 3 GB": Case("/bomb-declared.docx", Reply(200, docx_declaring(3_000_000_000)),
                                status="corrupt", words=("declares 3,000,000,", "zip bomb")),
    "DOCX member lying small": Case("/bomb-lying.docx", Reply(200, docx_lying_small(30_000_000)),
                                    status="corrupt", words=("does not unpack to its declared size",)),
    "DOCX packed 1000:1": Case("/bomb-dense.docx", Reply(200, docx_dense(20_000_000)),
                               status="corrupt", words=("packs 20,000,000 bytes", "zip bomb")),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One run over the good page and every bad one; what the archive and the database recorded."""
    tmp = tmp_path_factory.mktemp("bad-input")
    db = fresh_database(tmp)
    with loopback() as site, raw_site() as raw:
        site.route("/robots.txt", Reply(404))
        site.page("/good.html", GOOD)
        urls = {"good": site.url("/good.html")}
        for name, case in CASES.items():
            if case.raw is not None:
                raw.on(case.path, case.raw)
                urls[name] = raw.url(case.path)
            else:
                site.route(case.path, case.reply)
                urls[name] = site.url(case.path)
        with Archive(tmp / "archive") as archive:
            result = stage_run(list(urls.values()), Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0), db)
            states = {name: archive.state(url) for name, url in urls.items()}
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = {url: (status, message) for url, status, message in
                     con.execute("SELECT url, status, message FROM documents").fetchall()}
        observed = dict(con.execute("SELECT d.url, count(*) FROM observations o JOIN documents d USING (doc_id) "
                                    "GROUP BY d.url").fetchall())
    finally:
        con.close()
    return {"urls": urls, "result": result, "states": states, "documents": documents, "observed": observed}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_recorded_with_a_status_and_a_clear_message(run, name):
    case = CASES[name]
    url = run["urls"][name]
    state = run["states"][name]
    assert state.outcome == case.fetch, (state.outcome, state.message)
    if case.status is None:
        assert url not in run["documents"]
        message = state.message
    else:
        status, message = run["documents"][url]
        assert status == case.status, message
    assert message and all(w.lower() in message.lower() for w in case.words), message
    assert url not in run["observed"]


def test_the_good_page_of_the_same_run_loads(run):
    assert run["documents"][run["urls"]["good"]] == ("ok", "")
    assert run["observed"][run["urls"]["good"]] == 5
    assert run["result"].summary.documents == 1 + sum(1 for c in CASES.values() if c.status)


def test_a_docx_lying_about_its_size_is_refused_without_inflating_it():
    """30 MB hide behind a 20 kB header: refused while holding far less than the hidden size."""
    body = docx_lying_small(30_000_000)
    tracemalloc.start()
    try:
        extracted = extracted_from_body(body, url="http://127.0.0.1/x.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert extracted.status == "corrupt"
    assert peak < 5_000_000, f"extraction held {peak:,} bytes at once"


def test_a_50_mb_body_given_to_extraction_is_refused_not_parsed():
    extracted = extracted_from_body(b"<html><body>" + b"<p>x</p>" * (FIFTY_MB // 8), content_type="text/html")
    assert extracted.status == "unsupported" and "extraction limit" in extracted.message


# ---- feeds -------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">""" + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + """]>
<rss version="2.0"><channel><item><title>Tình hình kinh tế - xã hội &lol9;</title><link>/tin/lol.html</link>
</item></channel></rss>"""
MALFORMED = ("<?xml version='1.0'?><rss version='2.0'><channel><item><title>Tình hình kinh tế - xã hội"
             "</title><link>/tin/a.html</link></item><item><title>Báo cáo")


def huge_feed(n: int) -> str:
    items = "".join(f"<item><title>{report_title(i)}</title><link>/tin/{i}.html</link>"
                    f"<pubDate>Thu, 07 Sep 2023 08:00:00 +0700</pubDate></item>" for i in range(n))
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>{items}</channel></rss>"


@pytest.mark.parametrize("feed, words", [
    (BILLION_LAUGHS, ("refused", "EntitiesForbidden")),
    (MALFORMED, ("not well-formed XML",)),
])
def test_a_bad_feed_gives_no_items_a_recorded_message_and_discovery_goes_on(tmp_path, caplog, feed, words):
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.page("/feed.xml", feed, "application/rss+xml")
        site.page("/tin", listing([(report_title(1), "/tin/good.html")]))
        source = _source(tmp_path, site, "/feed.xml", "/tin")
        with Archive(tmp_path / "archive") as archive, caplog.at_level(logging.WARNING, "tasks.discover"):
            refs = discover(source, Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0))
            state = archive.state(site.url("/feed.xml"))
    assert [r.url for r in refs] == [site.url("/tin/good.html")]      # the next start URL was still read
    assert state.outcome == "fetched" and all(w in state.message for w in words), state.message
    assert any(site.url("/feed.xml") in r.getMessage() and words[0] in r.getMessage() for r in caplog.records)


def test_a_huge_feed_is_read_within_the_body_limit(tmp_path):
    n = 10_000                      # ~1.7 MB of items, under the 20 MB body limit
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.page("/feed.xml", huge_feed(n), "application/rss+xml")
        source = _source(tmp_path, site, "/feed.xml")
        with Archive(tmp_path / "archive") as archive:
            refs = discover(source, Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0))
    assert len(refs) == n and len({r.url for r in refs}) == n


def test_a_feed_over_the_body_limit_is_too_large_and_recorded(tmp_path):
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.page("/feed.xml", huge_feed(2_000), "application/rss+xml")
        source = _source(tmp_path, site, "/feed.xml")
        with Archive(tmp_path / "archive") as archive:
            refs = discover(source, Fetcher({**FAULT_FETCH, "max_body_bytes": 100_000}, {"127.0.0.1"}, archive,
                                            min_delay=0.0))
            state = archive.state(site.url("/feed.xml"))
    assert refs == [] and state.outcome == "too_large" and "max_body_bytes" in state.message


def _source(tmp_path: Path, site, *paths: str):
    sources = tmp_path / "sources.toml"
    starts = ", ".join(f'"{site.url(p)}"' for p in paths)
    sources.write_text(f"[source.site]\nstart_urls = [{starts}]\nmin_delay = 0\n", encoding="utf-8")
    return load_sources(sources)["site"]


# ---- URLs with odd characters ------------------------------------------------------------------

ODD = {  # the URL as a listing or a user writes it -> the path the server must see
    "/tin/báo cáo tháng 8.html": "/tin/b%C3%A1o%20c%C3%A1o%20th%C3%A1ng%208.html",
    "/tin/b%C3%A1o-c%C3%A1o.html": "/tin/b%C3%A1o-c%C3%A1o.html",
    "/tin/kinh-te.html#muc-2": "/tin/kinh-te.html",
    "/tin/xem.html?id=8&khu=Kiến An": "/tin/xem.html?id=8&khu=Ki%E1%BA%BFn%20An",
    "/tin/100%.html": "/tin/100%25.html",
    "/tin/a%20b.html": "/tin/a%20b.html",
}


def test_urls_with_odd_characters_are_fetched_and_recorded_as_given(tmp_path):
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        for written, path in ODD.items():
            site.route(path, Reply(200, article(f"Báo cáo {path}", GOOD_SENTENCES),
                                   {"Content-Type": "text/html; charset=utf-8"}))
        with Archive(tmp_path / "archive") as archive:
            f = Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0)
            results = {w: f.fetch(site.url(w)) for w in ODD}
            states = {w: archive.state(site.url(w)) for w in ODD}
        seen = {s.path for s in site.seen}
    for written, path in ODD.items():
        assert results[written].outcome == "fetched", (written, results[written].message)
        assert path.encode() in results[written].body or f"Báo cáo {path}".encode() in results[written].body
        assert states[written].outcome == "fetched"
    assert set(ODD.values()) <= seen, seen


def test_a_listing_with_odd_links_leads_to_fetchable_pages(tmp_path):
    db = fresh_database(tmp_path)
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.page("/tin", listing([(report_title(1), "/tin/báo cáo 1.html#binh-luan"),
                                   (report_title(2), "/tin/b%C3%A1o-c%C3%A1o-2.html")]))
        site.route("/tin/b%C3%A1o%20c%C3%A1o%201.html", Reply(200, GOOD, {"Content-Type": "text/html; charset=utf-8"}))
        site.route("/tin/b%C3%A1o-c%C3%A1o-2.html", Reply(200, article(report_title(2), GOOD_SENTENCES[:1]),
                                                          {"Content-Type": "text/html; charset=utf-8"}))
        source = _source(tmp_path, site, "/tin")
        with Archive(tmp_path / "archive") as archive:
            f = Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0)
            refs = discover(source, f)
            run = stage_run([r.url for r in refs], f, db)
    assert len(refs) == 2 and not any("#" in r.url for r in refs)
    assert sorted(r.outcome for r in run.results.values()) == ["fetched", "fetched"]
    assert run.summary.observations == 5 + 3


# ---- sources.toml with typos -------------------------------------------------------------------

GOOD_SOURCE = '[source.kien-an]\nstart_urls = ["http://127.0.0.1/tin"]\nmin_delay = 0\n'


@pytest.mark.parametrize("text, line, words", [
    ("[defaults]\nmin_delay = 1\n\n[source.kien-an]\nstrat_urls = [\"http://127.0.0.1/tin\"]\n",
     5, ("unknown key 'strat_urls'", "did you mean 'start_urls'")),
    (GOOD_SOURCE + "\n[sourse.le-chan]\nstart_urls = [\"http://127.0.0.1/x\"]\n",
     5, ("unknown table [sourse]", "did you mean 'source'")),
    (GOOD_SOURCE + 'title_keywords = ["kinh tế - xã hội]\n', 4, ("TOML syntax error", "line 4")),
    (GOOD_SOURCE + "max_pages = 0\n", 4, ("max_pages must be a whole number",)),
    (GOOD_SOURCE + 'include = ["(unclosed"]\n', 4, ("bad regex", "escape")),
    ('[source.kien-an]\nstart_urls = ["ftp://127.0.0.1/tin"]\n', 2, ("not an http(s) URL",)),
])
def test_a_sources_file_with_a_typo_names_the_line_and_the_fix(tmp_path, text, line, words):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError) as raised:
        load_sources(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:{line}") or f"line {line}" in message, message
    assert all(w in message for w in words), message


def test_the_ingest_command_stops_on_a_sources_typo_naming_the_line(tmp_path):
    """Before any flow starts: the user sees the file, the line and the fix, not a traceback."""
    from typer.testing import CliRunner

    from flows.cli import app

    sources = tmp_path / "sources.toml"
    sources.write_text(GOOD_SOURCE + "max_page = 3\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--sources", str(sources), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert f"\nError: {sources}:4: unknown key 'max_page'" in "\n" + result.output
    assert "did you mean 'max_pages'" in result.output and "Traceback" not in result.output
