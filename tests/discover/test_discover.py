"""Discovery over a paginated listing, feeds and a sitemap served on loopback."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tasks.archive import Archive
from tasks.discover import PageRef, discover, is_report_title, kind_of
from tasks.fetch import Fetcher
from tasks.sources import Source
from tests.support.documents import FAST_FETCH
from tests.support.loopback import Reply, loopback

KEYWORDS = ("kinh tế - xã hội", "KT-XH", "ước thực hiện", "tháng đầu năm", "quý I")

# Twelve items, newest first, 3 per page over 4 pages; every third is not a report.
ITEMS = []
for i in range(12):
    day = date(2023, 6, 30) - timedelta(days=20 * i)
    title = (f"Tin văn hóa số {i}: lễ hội hoa phượng đỏ" if i % 3 == 2
             else f"Quận Kiến An: Tình hình kinh tế - xã hội tháng {day.month}/{day.year} (bài {i})")
    ITEMS.append((f"/tin-tuc/bai-{i}.html", title, day))


def listing_page(number: int, pages: int = 4, style: str = "rel") -> str:
    rows = []
    for path, title, day in ITEMS[(number - 1) * 3: number * 3]:
        rows.append(f'<div class="item"><a href="{path}"><img src="/i.png"></a>'
                    f'<h3><a href="{path}">{title}</a></h3>'
                    f'<span class="date">{day:%d/%m/%Y} 17:35</span><p>Tóm tắt bài.</p></div>')
    nav = []
    for n in range(1, pages + 1):
        nav.append(f'<span class="current">{n}</span>' if n == number else f'<a href="/list/{n}">{n}</a>')
    if number < pages:
        if style == "rel":
            nav.append(f'<a rel="next" href="/list/{number + 1}">Trang sau</a>')
        elif style == "raquo":
            nav.append(f'<a href="/list/{number + 1}">»</a>')
    menu = '<nav><a href="/chuyen-muc/kinh-te-xa-hoi">Kinh tế - xã hội tháng này và các năm</a></nav>'
    side = ('<aside><a href="/tin-tuc/moi-nhat.html">Kinh tế - xã hội tháng 6 nổi bật</a>'
            '<span class="date">30/06/2023 08:00</span></aside>')   # fresh on every page
    return (f"<html><head><meta charset='utf-8'></head><body>{menu}<main>{''.join(rows)}</main>{side}"
            f"<div class='paging'>{' '.join(nav)}</div></body></html>")


@pytest.fixture
def site():
    with loopback("127.0.0.1") as s:
        s.route("/robots.txt", Reply(404, b""))
        yield s


def make(site, tmp_path, start_path="/list/1", **kw):
    source = Source("demo", (site.url(start_path),), title_keywords=KEYWORDS, min_delay=0.0, **kw)
    fetcher = Fetcher(FAST_FETCH, source.hosts, Archive(tmp_path / "archive"), min_delay=0.0)
    return source, fetcher


def serve_listing(site, style="rel"):
    for n in range(1, 5):
        site.page(f"/list/{n}", listing_page(n, style=style))


@pytest.mark.parametrize("style", ["rel", "raquo", "numbers"])
def test_a_listing_is_walked_to_the_end_and_only_reports_kept(site, tmp_path, style):
    serve_listing(site, style)
    source, fetcher = make(site, tmp_path)
    refs = discover(source, fetcher)

    reports = [(p, t, d) for p, t, d in ITEMS if "kinh tế - xã hội" in t]
    assert [r.url for r in refs] == [site.url(p) for p, _, _ in reports]
    assert [r.title for r in refs] == [t for _, t, _ in reports]
    assert [r.published for r in refs] == [d for _, _, d in reports]
    assert all(isinstance(r, PageRef) and r.source == "demo" for r in refs)
    assert all(len(site.requests_for(f"/list/{n}")) == 1 for n in range(1, 5))
    assert not any("chuyen-muc" in r.url or "moi-nhat" in r.url for r in refs)  # menu, side box


def test_since_stops_the_walk_at_the_first_page_of_older_items(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path)
    since = ITEMS[4][2]  # on page 2
    refs = discover(source, fetcher, since=since)

    assert refs and all(r.published >= since for r in refs)
    assert [r.url for r in refs] == [site.url(p) for p, t, d in ITEMS[:5] if "kinh tế" in t]
    # Page 2 still held newer items, page 3 is all older: walking stops there.
    assert [len(site.requests_for(f"/list/{n}")) for n in range(1, 5)] == [1, 1, 1, 0]


def test_max_pages_bounds_one_run(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path)
    refs = discover(source, fetcher, max_pages=2)
    assert {r.url for r in refs} == {site.url(p) for p, t, _ in ITEMS[:6] if "kinh tế" in t}
    assert [len(site.requests_for(f"/list/{n}")) for n in range(1, 5)] == [1, 1, 0, 0]


def test_the_source_page_bound_applies_when_the_call_gives_none(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path, max_pages=1)
    discover(source, fetcher)
    assert [len(site.requests_for(f"/list/{n}")) for n in range(1, 5)] == [1, 0, 0, 0]


def test_include_and_exclude_patterns_filter_urls(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path, include=(r"/tin-tuc/bai-\d+\.html$",), exclude=(r"bai-1\.html$",))
    refs = discover(source, fetcher, max_pages=1)
    assert [r.url for r in refs] == [site.url("/tin-tuc/bai-0.html")]


def test_a_second_run_reads_unchanged_listings_from_the_archive(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path)
    first = discover(source, fetcher)
    second = discover(source, fetcher)
    assert [r.url for r in second] == [r.url for r in first]
    assert all(s.conditional for s in site.requests_for("/list/1")[1:])
    assert fetcher.archive.state(site.url("/list/1")).outcome == "not_modified"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Tin</title>
<item><title>Kiến An: KT-XH tháng 5 năm 2023</title><link>/tin/5.html</link>
  <pubDate>Wed, 31 May 2023 17:35:00 +0700</pubDate></item>
<item><title>Lễ hội hoa phượng đỏ</title><link>/tin/hoa.html</link>
  <pubDate>Fri, 12 May 2023 21:10:00 +0700</pubDate></item>
<item><title>Lê Chân ước thực hiện tháng 4</title><link>http://{host}/tin/4.html</link>
  <pubDate>Wed, 03 May 2023 00:30:00 GMT</pubDate></item>
<item><title>Kinh tế - xã hội quý I/2023</title><link>/tin/q1.html</link>
  <dc:date>2023-03-31T10:00:00+07:00</dc:date></item>
<item><title>Kinh tế - xã hội tháng 1</title><link>/tin/1.html</link>
  <pubDate>Tue, 31 Jan 2023 08:00:00 +0700</pubDate></item>
</channel></rss>"""


def test_an_rss_feed_with_a_since_cutoff(site, tmp_path):
    site.page("/rss.xml", RSS.replace("{host}", site.base.split("//")[1]), "application/rss+xml")
    source, fetcher = make(site, tmp_path, start_path="/rss.xml")
    refs = discover(source, fetcher, since=date(2023, 3, 1))
    assert [(r.url.rsplit("/", 1)[1], r.published) for r in refs] == [
        ("5.html", date(2023, 5, 31)), ("4.html", date(2023, 5, 3)), ("q1.html", date(2023, 3, 31))]


def test_an_atom_feed_and_its_next_page(site, tmp_path):
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<link rel="next" href="/atom-2.xml"/>'
            '<entry><title>Kinh tế - xã hội tháng 6</title><link href="/a/6.html"/>'
            '<published>2023-06-30T09:00:00+07:00</published></entry></feed>')
    atom2 = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
             '<entry><title>Kinh tế - xã hội tháng 5</title><link rel="alternate" href="/a/5.html"/>'
             '<updated>2023-05-31T09:00:00Z</updated></entry></feed>')
    site.page("/atom.xml", atom, "application/atom+xml")
    site.page("/atom-2.xml", atom2, "application/atom+xml")
    source, fetcher = make(site, tmp_path, start_path="/atom.xml")
    refs = discover(source, fetcher)
    assert [(r.url.rsplit("/", 1)[1], r.published) for r in refs] == [
        ("6.html", date(2023, 6, 30)), ("5.html", date(2023, 5, 31))]


def test_a_sitemap_index_uses_url_words_when_there_is_no_title(site, tmp_path):
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             '<sitemap><loc>/sm-2023.xml</loc><lastmod>2023-07-01</lastmod></sitemap>'
             '<sitemap><loc>/sm-2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap></sitemapindex>')
    sm = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          '<url><loc>/tin/tinh-hinh-kinh-te-xa-hoi-thang-6-2023.html</loc><lastmod>2023-06-30</lastmod></url>'
          '<url><loc>/tin/le-hoi-hoa-phuong.html</loc><lastmod>2023-05-12</lastmod></url></urlset>')
    site.page("/sitemap.xml", index, "application/xml")
    site.page("/sm-2023.xml", sm, "application/xml")
    site.page("/sm-2019.xml", sm, "application/xml")
    source, fetcher = make(site, tmp_path, start_path="/sitemap.xml")
    refs = discover(source, fetcher, since=date(2023, 1, 1))
    assert [r.url for r in refs] == [site.url("/tin/tinh-hinh-kinh-te-xa-hoi-thang-6-2023.html")]
    assert refs[0].title is None and refs[0].published == date(2023, 6, 30)
    assert site.requests_for("/sm-2019.xml") == []


def test_a_feed_with_entity_expansion_is_refused_not_expanded(site, tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            '<rss><channel><item><title>Kinh tế - xã hội &b;</title><link>/x.html</link></item></channel></rss>')
    site.page("/bomb.xml", bomb, "application/rss+xml")
    source, fetcher = make(site, tmp_path, start_path="/bomb.xml")
    assert discover(source, fetcher) == []


def test_an_unreachable_start_url_gives_nothing_and_is_recorded(site, tmp_path):
    site.route("/list/1", Reply(404, b"no"))
    source, fetcher = make(site, tmp_path)
    assert discover(source, fetcher) == []
    assert fetcher.archive.failed_urls() == [site.url("/list/1")]


@pytest.mark.parametrize("title, expected", [
    ("Quận Kiến An: Tình hình kinh tế - xã hội tháng 3", True),
    ("QUẬN LÊ CHÂN: KINH TẾ – XÃ HỘI QUÝ I/2023", True),          # upper case, en dash
    ("Kien An: tinh hinh kinh te xa hoi", True),                   # no accents
    ("Lê Chân ước thực hiện nhiệm vụ tháng 4", True),
    ("Báo cáo KT-XH 6 tháng", True),
    ("Kiến An: Kinh tế 2 tháng đầu năm 2023 duy trì đà tăng trưởng", True),
    ("Lễ hội hoa phượng đỏ", False),
    ("Quý khách lưu ý lịch nghỉ lễ", False),                      # "quý" alone is not "quý I"
    ("", False),
    (None, False),
])
def test_is_report_title(title, expected):
    assert is_report_title(title, KEYWORDS) is expected, title


def test_keywords_joined_with_ampersand_need_every_part():
    assert is_report_title("Hải Phòng: kinh tế - xã hội tháng 5", ["Hải Phòng & kinh tế - xã hội"])
    assert not is_report_title("Đà Nẵng: kinh tế - xã hội tháng 5", ["Hải Phòng & kinh tế - xã hội"])
    assert is_report_title("anything at all", [])


@pytest.mark.parametrize("body, kind", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "rss"),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>', "atom"),
    (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "sitemap"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
])
def test_kind_of(body, kind):
    assert kind_of(body) == kind


def test_discovery_leaves_title_and_date_hints_in_the_archive(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path)
    refs = discover(source, fetcher, max_pages=1)
    state = fetcher.archive.state(refs[0].url)
    assert (state.title, state.published, state.source) == (refs[0].title, refs[0].published, "demo")
    assert state.parent_url == site.url("/list/1") and state.outcome is None   # known, not yet fetched
    assert fetcher.archive.pages() == [fetcher.archive.state(site.url("/list/1"))]  # no body yet: not listed


def test_a_gzipped_sitemap_is_read(site, tmp_path):
    import gzip
    sm = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          '<url><loc>/tin/kinh-te-xa-hoi-thang-6.html</loc><lastmod>2023-06-30</lastmod></url></urlset>')
    site.page("/sitemap.xml.gz", gzip.compress(sm.encode()), "application/x-gzip")
    source, fetcher = make(site, tmp_path, start_path="/sitemap.xml.gz")
    assert [r.url for r in discover(source, fetcher)] == [site.url("/tin/kinh-te-xa-hoi-thang-6.html")]


def test_malformed_and_foreign_links_are_skipped(site, tmp_path):
    rss = ('<?xml version="1.0"?><rss><channel>'
           '<item><title>Kinh tế - xã hội tháng 1</title><link>http://[bad/x.html</link></item>'
           '<item><title>Kinh tế - xã hội tháng 2</title><link>javascript:alert(1)</link></item>'
           '<item><title>Kinh tế - xã hội tháng 3</title><link>http://127.0.0.9/x.html</link></item>'
           '<item><title>Kinh tế - xã hội tháng 4</title><link>/ok.html</link></item>'
           '</channel></rss>')
    site.page("/rss.xml", rss, "application/rss+xml")
    listing = ('<html><body><div><a href="http://[bad/y.html">Kinh tế - xã hội tháng 5 năm nay</a></div>'
               '<div><a href="/ok2.html">Kinh tế - xã hội tháng 6 năm nay</a></div>'
               '<a rel="next" href="http://[bad/page2">Trang sau</a></body></html>')
    site.page("/list", listing)
    source, fetcher = make(site, tmp_path, start_path="/rss.xml")
    source = Source("demo", (site.url("/rss.xml"), site.url("/list")), title_keywords=KEYWORDS)
    assert [r.url for r in discover(source, fetcher)] == [site.url("/ok.html"), site.url("/ok2.html")]


def test_a_bounded_backfill_resumes_where_the_last_run_stopped(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path)
    pages_requested = lambda: [len(site.requests_for(f"/list/{n}")) for n in range(1, 5)]  # noqa: E731

    first = discover(source, fetcher, max_pages=2)
    assert pages_requested() == [1, 1, 0, 0]
    assert fetcher.archive.frontier(site.url("/list/1"))[:2] == (site.url("/list/3"), 3)

    second = discover(source, fetcher, max_pages=2)     # page 1 is all known: jump to page 3
    assert pages_requested() == [2, 1, 1, 0]
    assert {r.url for r in second} - {r.url for r in first} == {
        site.url(p) for p, t, _ in ITEMS[6:9] if "kinh tế" in t}

    third = discover(source, fetcher, max_pages=2)      # page 4 is the last: the walk is complete
    assert pages_requested() == [3, 1, 1, 1]
    assert site.url("/tin-tuc/bai-10.html") in {r.url for r in third}
    assert fetcher.archive.frontier(site.url("/list/1")) is None


def test_a_recent_run_does_not_jump_to_a_frontier_older_than_since(site, tmp_path):
    serve_listing(site)
    source, fetcher = make(site, tmp_path)
    discover(source, fetcher, max_pages=2)               # frontier at page 3, oldest seen ITEMS[5]
    discover(source, fetcher, since=ITEMS[1][2], max_pages=3)
    # Page 1 is all known but the frontier lies before `since`: walk on to page 2 (all older), stop.
    assert [len(site.requests_for(f"/list/{n}")) for n in range(1, 5)] == [2, 2, 0, 0]
    assert fetcher.archive.frontier(site.url("/list/1"))[0] == site.url("/list/3")   # kept for the backfill
