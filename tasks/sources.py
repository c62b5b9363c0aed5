"""Where reports are published: the named sources of sources.toml.

A source is a site (the city portal, a district portal, a newspaper section)
with the pages discovery starts from (listing pages, RSS/Atom feeds, sitemaps;
the kind of each is recognised from what the server sends), URL patterns that
keep or drop links, the title keywords that mark a socio-economic report, the
area a district's own portal speaks for, and how politely to fetch from it.

The file has an optional [defaults] table whose keys every [source.NAME]
inherits, and one [source.NAME] table per source. Mistakes are reported with
the file, the line and what to write instead.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

KEYS = {  # key -> what it holds (also the text of "did you mean")
    "start_urls": "listing pages, RSS/Atom feeds or sitemaps to start from",
    "include": "regexes; a link is kept only if one matches its URL (none = keep all)",
    "exclude": "regexes; a link matching any of them is dropped",
    "title_keywords": "a title containing one of them marks a report ('a & b' = both)",
    "default_area": "the area a district's own portal reports on",
    "min_delay": "seconds between two requests to one host of this source",
    "max_pages": "listing pages walked per start URL per run",
}
DEFAULT_MIN_DELAY = 1.0


class SourcesError(Exception):
    """sources.toml cannot be used; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Source:
    name: str
    start_urls: tuple[str, ...]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    title_keywords: tuple[str, ...] = ()
    default_area: str | None = None
    min_delay: float = DEFAULT_MIN_DELAY
    max_pages: int | None = None

    @property
    def hosts(self) -> frozenset[str]:
        """Host names (lowercase, without port) the source may be fetched from."""
        return frozenset(h for h in (urlsplit(u).hostname for u in self.start_urls) if h)

    def wants_url(self, url: str) -> bool:
        """True when the URL passes the include and exclude patterns."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


def load_sources(path) -> dict[str, Source]:
    """The sources named in a sources.toml file, by name."""
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such file (set BAOCAO_SOURCES or [sources] file in settings)") from None
    except UnicodeDecodeError as e:
        raise SourcesError(f"{path}: not UTF-8 ({e}); save the file as UTF-8") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as e:
        raise SourcesError(f"{path}: TOML syntax error: {e}; fix the syntax at that line") from None
    lines = raw_text.splitlines()

    def where(table: str, key: str | None = None) -> str:
        return f"{path}:{_line_of(lines, table, key)}"

    for top in data:
        if top not in ("defaults", "source"):
            hint = _did_you_mean(top, ("defaults", "source"))
            raise SourcesError(f"{where(top)}: unknown table [{top}]{hint}; "
                               "write [defaults] or [source.NAME]")
    defaults = data.get("defaults", {})
    _check_keys(defaults, "defaults", where)
    sources_table = data.get("source", {})
    if not isinstance(sources_table, dict) or not sources_table:
        raise SourcesError(f"{path}: no sources; add a table like [source.my-site] with start_urls = [...]")

    sources = {}
    for name, table in sources_table.items():
        if not isinstance(table, dict):
            raise SourcesError(f"{where(f'source.{name}')}: source.{name} must be a table "
                               f"([source.{name}] followed by keys)")
        table_name = f"source.{name}"
        _check_keys(table, table_name, where)
        merged = {**defaults, **table}
        sources[name] = _source_from(name, merged, table_name, where)
    return sources


def _source_from(name: str, values: dict, table: str, where) -> Source:
    start_urls = values.get("start_urls")
    if not start_urls:
        raise SourcesError(f"{where(table)}: [{table}] has no start_urls; "
                           "add start_urls = [\"https://…/listing\"]")
    start_urls = _strings(values, "start_urls", table, where)
    for url in start_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{where(table, 'start_urls')}: {url!r} is not an http(s) URL; "
                               "write the full address, e.g. https://host/path")
    patterns = {}
    for key in ("include", "exclude"):
        patterns[key] = _strings(values, key, table, where)
        for pattern in patterns[key]:
            try:
                re.compile(pattern)
            except re.error as e:
                raise SourcesError(f"{where(table, key)}: bad regex {pattern!r} in {key} ({e}); "
                                   "escape special characters such as . ? ( with a backslash") from None
    min_delay = values.get("min_delay", DEFAULT_MIN_DELAY)
    if not isinstance(min_delay, (int, float)) or isinstance(min_delay, bool) or min_delay < 0:
        raise SourcesError(f"{where(table, 'min_delay')}: min_delay must be a number of seconds ≥ 0")
    max_pages = values.get("max_pages")
    if max_pages is not None and (not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1):
        raise SourcesError(f"{where(table, 'max_pages')}: max_pages must be a whole number ≥ 1")
    area = values.get("default_area")
    if area is not None and not isinstance(area, str):
        raise SourcesError(f"{where(table, 'default_area')}: default_area must be a string such as \"Kiến An\"")
    return Source(
        name=name,
        start_urls=start_urls,
        include=patterns["include"],
        exclude=patterns["exclude"],
        title_keywords=_strings(values, "title_keywords", table, where),
        default_area=area or None,
        min_delay=float(min_delay),
        max_pages=max_pages,
    )


def _strings(values: dict, key: str, table: str, where) -> tuple[str, ...]:
    value = values.get(key, ())
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise SourcesError(f"{where(table, key)}: {key} must be a list of strings, e.g. {key} = [\"…\"]")
    return tuple(value)


def _check_keys(table: dict, table_name: str, where) -> None:
    for key in table:
        if key not in KEYS:
            hint = _did_you_mean(key, KEYS)
            raise SourcesError(f"{where(table_name, key)}: unknown key {key!r} in [{table_name}]{hint}; "
                               f"known keys: {', '.join(KEYS)}")


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")


def _line_of(lines: list[str], table: str, key: str | None) -> int:
    """The 1-based line of `key` inside [table] (or of the header itself).

    tomllib reports no positions for valid documents, so the text is scanned:
    headers are compared with quotes removed, keys by their leading name.
    """
    wanted = table.replace('"', "").replace("'", "")
    current = ""
    header_line = None
    first_inside = None   # a top-level name such as "sourse" appears only in headers like [sourse.x]
    for number, line in enumerate(lines, start=1):
        m = _HEADER.match(line)
        if m:
            current = m.group(1).replace('"', "").replace("'", "").replace(" ", "")
            if current == wanted.replace(" ", ""):
                header_line = number
                if key is None:
                    return number
            elif first_inside is None and current.startswith(wanted.replace(" ", "") + "."):
                first_inside = number
            continue
        if key is not None and current == wanted.replace(" ", ""):
            if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
                return number
    return header_line or first_inside or 1
