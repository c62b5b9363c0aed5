"""A corpus of report pages for the benchmark, made from the sample site's own pages.

The sample site (demo/site, written by demo/generator/gen.py) has a dozen report
pages in a portal's layout. Page i of the corpus is one of them with its area,
its years and its figures changed: the area becomes one of AREAS, 2023/2022
become a year between 2009 and 2024 and the one before, and every amount written
with thousands separators (483.595, 1.138,4) is scaled by a factor drawn for the
page — so the parser reads different numbers, areas and periods on every page
while the HTML stays that of a real portal page. Pages are spread over hosts;
each host gets listing pages (50 items a page, rel=next) that discovery walks.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PAGES = REPO / "demo" / "site" / "tin-tuc"
ITEMS_PER_LISTING = 50
AREAS = ["Kiến An", "Lê Chân", "Ngô Quyền", "Hồng Bàng", "Hải An", "Dương Kinh", "Đồ Sơn", "An Dương",
         "Thủy Nguyên", "Tiên Lãng", "Vĩnh Bảo", "Kiến Thụy", "An Lão", "Cát Hải", "Ba Đình", "Hoàn Kiếm",
         "Đống Đa", "Cầu Giấy", "Thanh Xuân", "Hai Bà Trưng", "Long Biên", "Tây Hồ", "Hoàng Mai", "Gia Lâm"]
TEMPLATE_AREAS = ("Kiến An", "Lê Chân")
_AMOUNT = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+)(,\d+)?(?![\d/])")
_TITLE = re.compile(r'<h1 class="title">(.*?)</h1>', re.S)


@dataclass(frozen=True)
class CorpusPage:
    host: str
    path: str          # /tin-tuc/….html on its host
    title: str
    published: datetime
    size: int          # bytes of HTML


def template_pages() -> list[tuple[str, str]]:
    """(name, html) of the sample site's report pages (listings left out)."""
    pages = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SAMPLE_PAGES.glob("*.html"))
             if not p.stem.startswith("trang-")]
    if not pages:
        raise SystemExit(f"no sample pages in {SAMPLE_PAGES}: run demo/generator/gen.py")
    return pages


def varied_page(html: str, *, area: str, year: int, scale: float) -> str:
    """The template with its area, years and amounts changed."""
    for old in TEMPLATE_AREAS:
        html = html.replace(old, area)
    html = html.replace("2022", "\x00PREV\x00").replace("2023", str(year)).replace("\x00PREV\x00", str(year - 1))

    def scaled(m: re.Match) -> str:
        digits = int(m.group(1).replace(".", ""))
        new = max(1000, int(digits * scale))
        return f"{new:,}".replace(",", ".") + (m.group(2) or "")
    return _AMOUNT.sub(scaled, html)


def write_corpus(root: Path, n: int, hosts: list[str], seed: int = 8) -> list[CorpusPage]:
    """N pages spread over the hosts (a directory per host under root), with their listings."""
    rng = random.Random(seed)
    templates = template_pages()
    pages: list[CorpusPage] = []
    per_host: dict[str, list[CorpusPage]] = {h: [] for h in hosts}
    for i in range(n):
        name, html = templates[i % len(templates)]
        area = AREAS[(i // len(templates)) % len(AREAS)]
        year = 2009 + (i // (len(templates) * len(AREAS))) % 16
        text = varied_page(html, area=area, year=year, scale=rng.uniform(0.6, 1.6))
        host = hosts[i % len(hosts)]
        path = f"/tin-tuc/{name}-{i:05d}.html"
        target = root / host / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        title = _TITLE.search(text)
        page = CorpusPage(host, path, (title.group(1) if title else name).strip(),
                          datetime(year, 1 + i % 12, 1 + i % 28, 8, 0), len(data))
        pages.append(page)
        per_host[host].append(page)
    for host, items in per_host.items():
        _write_listings(root / host, items)
        (root / host / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return pages


def _listing_name(number: int) -> str:
    return "/index.html" if number == 1 else f"/tin-tuc/trang-{number}.html"


def _write_listings(site: Path, items: list[CorpusPage]) -> None:
    chunks = [items[i:i + ITEMS_PER_LISTING] for i in range(0, len(items), ITEMS_PER_LISTING)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        has_next = number < len(chunks)
        rows = "\n".join(
            f'    <div class="item">\n      <h3><a href="{p.path}">{escape(p.title)}</a></h3>\n'
            f'      <span class="date">{p.published:%d/%m/%Y %H:%M}</span>\n    </div>' for p in chunk)
        nav = f'<a href="{_listing_name(number + 1)}" rel="next">Trang sau »</a>' if has_next else ""
        head_next = f'<link rel="next" href="{_listing_name(number + 1)}">' if has_next else ""
        page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tin kinh tế - xã hội – trang {number}</title>{head_next}</head>
<body>
<main class="container">
  <h1>Tin kinh tế - xã hội</h1>
  <div class="list-news">
{rows}
  </div>
  <nav class="pagination"> <span class="current">{number}</span> {nav}</nav>
</main>
</body></html>
"""
        target = site / _listing_name(number).lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def sources_toml(bases: list[str], listing_pages: int) -> str:
    """A sources.toml with one source per served host (no delay: loopback measures the pipeline)."""
    out = []
    for i, base in enumerate(bases):
        out.append(f"""[source.bench{i:02d}]
start_urls = ["{base}/index.html"]
include = ['^{re.escape(base)}/tin-tuc/']
exclude = ['/trang-\\d+\\.html$']
min_delay = 0.0
max_pages = {listing_pages}
""")
    return "\n".join(out)
