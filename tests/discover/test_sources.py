"""sources.toml: the shipped file loads; mistakes are named with their file and line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tasks.sources import Source, SourcesError, load_sources

GOOD = """\
[defaults]
title_keywords = ["kinh tế - xã hội"]
min_delay = 2.0

[source.kienan]
start_urls = ["https://kienan.example.vn/tin-tuc/", "https://kienan.example.vn/rss.xml"]
include = ['/tin-tuc/']
default_area = "Kiến An"

[source.paper]
start_urls = ["https://paper.example.vn/kinh-te/"]
min_delay = 3.5
max_pages = 5
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_sources_file_loads(repo):
    sources = load_sources(repo / "sources.toml")
    assert len(sources) >= 4
    hosts = set().union(*(s.hosts for s in sources.values()))
    assert "haiphong.gov.vn" in hosts
    districts = [s for s in sources.values() if s.default_area]
    assert len(districts) >= 3
    assert all(s.title_keywords and s.min_delay > 0 for s in sources.values())


def test_defaults_are_inherited_and_overridden(tmp_path):
    sources = load_sources(write(tmp_path, GOOD))
    k, p = sources["kienan"], sources["paper"]
    assert isinstance(k, Source) and k.default_area == "Kiến An"
    assert k.title_keywords == p.title_keywords == ("kinh tế - xã hội",)
    assert (k.min_delay, p.min_delay, p.max_pages, k.max_pages) == (2.0, 3.5, 5, None)
    assert k.hosts == frozenset({"kienan.example.vn"})
    assert k.wants_url("https://kienan.example.vn/tin-tuc/a.html")
    assert not k.wants_url("https://kienan.example.vn/video/a.html")


def line_of(message: str) -> int:
    m = re.search(r"sources\.toml:(\d+)", message)
    assert m, message
    return int(m.group(1))


def test_a_typo_in_a_key_names_the_line_and_the_right_key(tmp_path):
    path = write(tmp_path, GOOD.replace("max_pages = 5", "max_page = 5"))
    with pytest.raises(SourcesError) as e:
        load_sources(path)
    message = str(e.value)
    assert line_of(message) == 13
    assert "max_page" in message and "did you mean 'max_pages'?" in message


def test_a_typo_in_the_defaults_names_its_line(tmp_path):
    path = write(tmp_path, GOOD.replace("min_delay = 2.0", "min_dealy = 2.0"))
    with pytest.raises(SourcesError, match="did you mean 'min_delay'") as e:
        load_sources(path)
    assert line_of(str(e.value)) == 3


def test_toml_syntax_errors_name_the_line(tmp_path):
    path = write(tmp_path, GOOD.replace('default_area = "Kiến An"', 'default_area = "Kiến An'))
    with pytest.raises(SourcesError, match=r"line 8") as e:
        load_sources(path)
    assert str(path) in str(e.value) and "syntax" in str(e.value)


def test_a_source_without_start_urls_names_its_table(tmp_path):
    path = write(tmp_path, GOOD + '\n[source.empty]\ndefault_area = "Lê Chân"\n')
    with pytest.raises(SourcesError, match=r"\[source\.empty\] has no start_urls") as e:
        load_sources(path)
    assert line_of(str(e.value)) == 15


def test_a_bad_regex_names_its_line(tmp_path):
    path = write(tmp_path, GOOD.replace("include = ['/tin-tuc/']", "include = ['/tin-tuc/(']"))
    with pytest.raises(SourcesError, match="bad regex") as e:
        load_sources(path)
    assert line_of(str(e.value)) == 7


@pytest.mark.parametrize("text, fix", [
    (GOOD.replace("[source.paper]", "[sources.paper]"), "did you mean 'source'"),
    (GOOD.replace('"https://paper.example.vn/kinh-te/"', '"paper.example.vn/kinh-te/"'), "not an http"),
    (GOOD.replace("min_delay = 3.5", 'min_delay = "fast"'), "min_delay must be a number"),
    ("[defaults]\nmin_delay = 1\n", "no sources"),
])
def test_other_mistakes_say_how_to_fix_them(tmp_path, text, fix):
    with pytest.raises(SourcesError, match=fix):
        load_sources(write(tmp_path, text))


def test_a_missing_file_says_where_to_point(tmp_path):
    with pytest.raises(SourcesError, match="BAOCAO_SOURCES"):
        load_sources(tmp_path / "nope.toml")
