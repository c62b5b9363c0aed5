"""Finding report pages: walk a source's listings and feeds back in time.

From each start URL (a listing page, an RSS/Atom feed or a sitemap — told
apart by what the server sends), discovery reads the items (link, title,
date), follows pagination (rel=next, "Trang sau", "»", the next page number)
and stops when every dated item on a page is older than `since`, when there
is no next page, or after a bounded number of pages. Items are kept when
their URL passes the source's include/exclude patterns and their title (or,
lacking one, the words of the URL) carries a report keyword.
"""
from __future__ import annotations

import email.utils
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from tasks.extract import VIETNAM, date_from_iso, date_in, decoded, gunzipped
from tasks.fetch import Fetcher, FetchResult, RedactingFilter, redacted
from tasks.sources import Source

log = logging.getLogger(__name__)
log.addFilter(RedactingFilter())   # every line here names URLs; credentials in them stay out of logs

# Link texts that point to the next (older) page of a listing, accents and case folded.
NEXT_TEXTS = frozenset({"trang sau", "sau", "tiep", "tiep theo", "trang tiep", "xem tiep", "cu hon",
                        "tin cu hon", "»", "›", ">", ">>", "next", "next page", "older"})
# Containers whose links are site chrome or side boxes, not items of this listing (side boxes
# carry fresh dates on every page and would keep the walk from ever reaching "all older").
_CHROME = re.compile(r"menu|nav|breadcrumb|footer|header|pagination|paging|phan-trang|phantrang|pager"
                     r"|sidebar|side-box|col-side|noi-bat|noibat|xem-nhieu|xemnhieu|most-read|widget", re.I)
MIN_TITLE_CHARS = 12


class Unreadable(Exception):
    """A listing or feed that was fetched but cannot be read; the message says why."""


@dataclass
class PageRef:
    url: str
    title: str | None
    published: date | None
    source: str


def discover(source: Source, fetcher: Fetcher, *, since: date | None = None,
             max_pages: int | None = None) -> list[PageRef]:
    """Report pages of a source, newest listing first, each URL once."""
    limit = max_pages or source.max_pages or int(fetcher.settings.get("max_listing_pages", 20))
    found: dict[str, PageRef] = {}
    for start in source.start_urls:
        for ref in _walk(start, source, fetcher, since, limit):
            found.setdefault(ref.url, ref)
    for ref in _pages_to_retry(source, fetcher, since):
        found.setdefault(ref.url, ref)
    return list(found.values())


def _pages_to_retry(source: Source, fetcher: Fetcher, since: date | None) -> list[PageRef]:
    """Pages of earlier walks still without a body (a fault, a run that died), fetched again.

    The listing may no longer show them (a newer item pushed them to a page
    this run does not read), so they come from the archive, with what the
    listing said of them then.
    """
    if fetcher.archive is None:
        return []
    limit = int(fetcher.settings.get("retry_failed_runs", 5))
    refs = []
    for page in fetcher.archive.pages_to_retry(source.name, max_failures=limit):
        if since is not None and page.published is not None and page.published < since:
            continue
        if (urlsplit(page.url).hostname or "") in fetcher.allowed_hosts and source.wants_url(page.url):
            refs.append(PageRef(page.url, page.title, page.published, source.name))
    if refs:
        log.info("%s: %d page(s) without a body from earlier runs fetched again", source.name, len(refs))
    return refs


def is_report_title(title: str | None, keywords) -> bool:
    """True when the title holds one of the keywords ("a & b": all parts), ignoring accents, case, dashes."""
    if not keywords:
        return True
    if not title:
        return False
    text = f" {_folded(title)} "
    for keyword in keywords:
        parts = [_folded(p) for p in keyword.split("&")]
        if all(p and f" {p} " in text for p in parts):
            return True
    return False


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# ---- walking ----------------------------------------------------------------------

@dataclass
class _Item:
    url: str
    title: str | None
    published: date | None


def _walk(start: str, source: Source, fetcher: Fetcher, since: date | None, limit: int):
    """PageRefs from one start URL, at most `limit` listing pages.

    A walk stopped by the page bound leaves a frontier in the archive; the
    next run walks the newest pages again and, on reaching a page whose items
    are all known, jumps to the frontier, so a backfill goes further back on
    every run instead of re-reading the same first pages.
    """
    archive = fetcher.archive
    frontier = archive.frontier(start) if archive is not None else None
    pending = [(start, 1)]
    visited: set[str] = set()
    pages = 0
    oldest: date | None = None
    reached_end = False
    while pending and pages < limit:
        url, number = pending.pop(0)
        if url in visited:
            continue
        visited.add(url)
        pages += 1
        result = fetcher.fetch(url, source=source.name)
        if archive is not None:
            archive.mark_listing(url)   # so that --reparse never takes a listing for a report
        body = _body_of(result, fetcher)
        if body is None:
            log.warning("%s: listing %s not read (%s: %s)", source.name, redacted(url), result.outcome,
                        result.message)
            continue
        base = result.final_url or url
        try:
            if kind_of(body, result.content_type) == "html":
                items, next_urls = _listing_items(body, result.content_type, base, number)
            else:
                items, next_urls = _feed_items(body, base, since)
        except Unreadable as e:
            log.warning("%s: %s", source.name, e)
            if archive is not None:   # the fetch succeeded; the page's state says why it gave nothing
                archive.note(url, str(e))
            continue
        kept = [i for i in items if _wanted(i, source, fetcher, since)]
        all_known = bool(kept) and archive is not None and archive.all_known([i.url for i in kept])
        if archive is not None:  # what the listing said, kept beside the page's own state
            archive.hint_many([(i.url, i.title, i.published) for i in kept], source=source.name, parent_url=url)
        for item in kept:
            yield PageRef(item.url, item.title, item.published, source.name)
        dated = [i.published for i in items if i.published]
        if dated:
            oldest = min([*dated, oldest] if oldest else dated)
        if since is not None and dated and all(d < since for d in dated):
            log.info("%s: %s holds only items older than %s; stopping", source.name, url, since)
            continue
        next_pages = [u for u in filter(None, (_absolute(base, u) for u in next_urls))
                      if u not in visited and urlsplit(u).hostname in fetcher.allowed_hosts]
        if not next_pages and not pending:
            reached_end = True
        pending += [(u, number + 1) for u in next_pages]
        if all_known and frontier is not None and frontier[0] not in visited and (
                since is None or frontier[2] is None or frontier[2] >= since):
            log.info("%s: %s already known; resuming at %s", source.name, url, frontier[0])
            pending = [(frontier[0], frontier[1])]
            frontier = None
    if archive is not None:
        if pending:
            next_url, next_number = pending[0]
            archive.set_frontier(start, next_url, next_number, oldest)
            log.info("%s: stopped after %d listing pages (max_pages); the next run resumes at %s",
                     source.name, pages, next_url)
        elif reached_end:
            archive.set_frontier(start, None)


def _body_of(result: FetchResult, fetcher: Fetcher) -> bytes | None:
    body = None
    if result.body is not None and result.outcome in ("fetched", "unchanged"):
        body = result.body
    elif result.outcome == "not_modified" and fetcher.archive is not None and result.content_sha256:
        body = fetcher.archive.body(result.content_sha256)
    if body is not None and body[:2] == b"\x1f\x8b":  # sitemap.xml.gz
        body, problem = gunzipped(body)
        if problem:
            log.warning("%s: %s", result.url, problem)
            return None
    return body


def _wanted(item: _Item, source: Source, fetcher: Fetcher, since: date | None) -> bool:
    try:
        parts = urlsplit(item.url)
        parts.hostname  # noqa: B018 - raises on a malformed host
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in fetcher.allowed_hosts:
        return False
    if not source.wants_url(item.url):
        return False
    if since is not None and item.published is not None and item.published < since:
        return False
    words = item.title or re.sub(r"[-_/.]+", " ", parts.path)  # a sitemap gives no title: use the slug
    return is_report_title(words, source.title_keywords)


def kind_of(body: bytes, content_type: str | None = None) -> str:
    """"rss", "atom", "sitemap" or "html", from the body's first element."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed") \
            or head.startswith(b"<urlset") or head.startswith(b"<sitemapindex") or head.startswith(b"<rdf"):
        if b"<rss" in head or b"<rdf:rdf" in head:
            return "rss"
        if b"<feed" in head:
            return "atom"
        if b"<urlset" in head or b"<sitemapindex" in head:
            return "sitemap"
        if b"<html" not in head:
            return "rss" if "rss" in (content_type or "") else "sitemap"
    return "html"


# ---- feeds and sitemaps -------------------------------------------------------------

def _absolute(base: str, href: str | None) -> str | None:
    """href resolved against base; None for a malformed one (a feed is not trusted to be well formed)."""
    if not href:
        return None
    try:
        url = urljoin(base, href.strip())
        urlsplit(url).hostname  # raises on a malformed host such as "[bad"
    except ValueError:
        return None
    return url


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el, *names: str) -> str | None:
    for child in el:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def _feed_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        stamp = email.utils.parsedate_to_datetime(text)
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(VIETNAM)
        return stamp.date()
    except (TypeError, ValueError, IndexError):
        return date_from_iso(text) or date_in(text)


def _feed_items(body: bytes, base: str, since: date | None) -> tuple[list[_Item], list[str]]:
    """Items of an RSS/Atom feed or a sitemap, and the further feeds/sitemaps to read."""
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException
    try:
        root = ET.fromstring(body)
    except DefusedXmlException as e:
        raise Unreadable(f"feed at {redacted(base)} refused: {type(e).__name__} ({e}); "
                         "entity declarations are never expanded") from None
    except (ET.ParseError, ValueError) as e:
        raise Unreadable(f"feed at {redacted(base)} is not well-formed XML ({e}); no items read from it") from None
    items, more = [], []
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "item":  # RSS 2.0 and RSS 1.0
            link = _child_text(el, "link")
            if not link:
                guid = _child_text(el, "guid")
                link = guid if guid and guid.startswith("http") else None
            url = _absolute(base, link)
            if url:
                items.append(_Item(url, _nfc(_child_text(el, "title")),
                                   _feed_date(_child_text(el, "pubdate", "date", "published", "updated"))))
        elif tag == "entry":  # Atom
            href = None
            for link in el:
                if _local(link.tag) == "link" and link.get("rel", "alternate") == "alternate" and link.get("href"):
                    href = link.get("href")
                    break
            url = _absolute(base, href)
            if url:
                items.append(_Item(url, _nfc(_child_text(el, "title")),
                                   _feed_date(_child_text(el, "published", "updated"))))
        elif tag == "url":  # sitemap entry, maybe with Google News title and date
            loc = _absolute(base, _child_text(el, "loc"))
            if loc:
                news_title = news_date = None
                for sub in el.iter():
                    if _local(sub.tag) == "title" and sub.text:
                        news_title = sub.text.strip()
                    elif _local(sub.tag) == "publication_date" and sub.text:
                        news_date = sub.text.strip()
                items.append(_Item(loc, _nfc(news_title),
                                   _feed_date(news_date or _child_text(el, "lastmod"))))
        elif tag == "sitemap":  # sitemap index: read the children changed since `since`
            loc = _absolute(base, _child_text(el, "loc"))
            modified = _feed_date(_child_text(el, "lastmod"))
            if loc and (since is None or modified is None or modified >= since):
                more.append(loc)
        elif tag == "link" and el.get("rel") == "next" and _absolute(base, el.get("href")):  # paged Atom feed
            more.append(_absolute(base, el.get("href")))
    return items, more


def _nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", " ".join(text.split())) if text else None


# ---- HTML listings -----------------------------------------------------------------

def _listing_items(body: bytes, content_type: str | None, base: str, number: int) -> tuple[list[_Item], list[str]]:
    import lxml.html
    from lxml import etree
    try:
        doc = lxml.html.document_fromstring(decoded(body, content_type))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as e:
        raise Unreadable(f"listing {redacted(base)} unreadable as HTML ({e}); no items read from it") from None
    doc.make_links_absolute(base, resolve_base_href=True, handle_failures="discard")
    anchors = [a for a in doc.iter("a") if (a.get("href") or "").startswith(("http://", "https://"))]
    chrome = {a for a in anchors if _in_chrome(a)}
    by_url: dict[str, list] = {}
    for a in anchors:
        if a in chrome:
            continue
        href = a.get("href").split("#")[0]
        if href and href != base.split("#")[0]:
            by_url.setdefault(href, []).append(a)
    items = []
    for href, links in by_url.items():
        title = max((_nfc(a.text_content()) or _nfc(a.get("title")) or "" for a in links), key=len)
        if len(title) < MIN_TITLE_CHARS:
            continue
        items.append(_Item(href, title, _item_date(links, by_url)))
    return items, _next_pages(doc, anchors, base, number)


def _in_chrome(a) -> bool:
    for el in a.iterancestors():
        if el.tag in ("nav", "header", "footer", "aside") or _CHROME.search(f"{el.get('class', '')} {el.get('id', '')}"):
            return True
    return False


def _item_date(links, by_url) -> date | None:
    """The date written in the item's own box: the largest ancestor holding no other item link."""
    own = {id(a) for a in links}
    for a in links:
        node = a
        for _ in range(6):
            parent = node.getparent()
            if parent is None:
                break
            others = [x for x in parent.iter("a") if id(x) not in own and (x.get("href") or "").split("#")[0] in by_url]
            if others:
                break
            node = parent
            for t in node.iter("time"):
                found = date_from_iso(t.get("datetime"))
                if found:
                    return found
            found = date_in(node.text_content())
            if found:
                return found
    return None


def _next_pages(doc, anchors, base: str, number: int) -> list[str]:
    for el in doc.iter("a", "link"):
        if "next" in (el.get("rel") or "").lower().split() and el.get("href"):
            return [el.get("href")]
    for a in anchors:
        label = _folded(a.text_content() or "") or (a.text_content() or "").strip()
        title = _folded(a.get("title") or a.get("aria-label") or "")
        if label in NEXT_TEXTS or title in NEXT_TEXTS or title in ("trang sau", "trang tiep", "next page"):
            return [a.get("href")]
    for a in anchors:
        if (a.text_content() or "").strip() == str(number + 1):
            return [a.get("href")]
    return []
