"""The sample site (demo/site) through discovery and extraction, with the shipped title keywords."""
from __future__ import annotations

import json

import pytest

from demo.server import serve
from tasks.archive import Archive
from tasks.discover import discover
from tasks.extract import extracted_from_body
from tasks.fetch import Fetcher
from tasks.sources import Source, load_sources
from tests.support.documents import FAST_FETCH


@pytest.fixture(scope="module")
def demo(repo):
    site, gold = repo / "demo" / "site", repo / "demo" / "site_gold.jsonl"
    if not (site / "index.html").exists() or not gold.exists():
        pytest.skip("demo/site or its gold file is absent")
    report_pages = {json.loads(line)["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()}
    return site, report_pages


@pytest.mark.parametrize("start", ["/", "/rss.xml"])
def test_discovery_finds_exactly_the_report_pages(demo, repo, tmp_path, start):
    site, report_pages = demo
    keywords = load_sources(repo / "sources.toml")["kienan-portal"].title_keywords
    with serve(site) as base:
        fetcher = Fetcher(FAST_FETCH, {"127.0.0.1"}, Archive(tmp_path), min_delay=0.0)
        refs = discover(Source("demo", (base + start,), title_keywords=keywords), fetcher)
        found = {r.url.removeprefix(base + "/") for r in refs}
        assert found == report_pages
        assert all(r.published and r.title for r in refs)

        for ref in refs:
            page = fetcher.fetch(ref.url)
            x = extracted_from_body(page.body, content_type=page.content_type, url=page.final_url)
            assert x.status == "ok", (ref.url, x.message)
            assert x.published == ref.published, ref.url     # the page's date line agrees with the listing
            assert "01/01/2020" not in x.text and "Dữ liệu mẫu" not in x.text   # no footer
