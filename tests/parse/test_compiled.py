"""The compiled parser (tasks/parse/compiled.py) gives the records the Python sources
give, and is used only while it was built from the sources as they are."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tasks.parse
from tasks.parse import compiled, grammar, records_from

HERE = Path(__file__).parent
REPO = HERE.parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

# Every text the parse is scored on, and the same in NFD and with CRLF line ends: the
# paths normalisation takes for each.
_DUMP = """
import json, sys, unicodedata
from pathlib import Path
import tasks.parse
from tasks.parse import records_from
out = {"compiled": tasks.parse.COMPILED, "records": {}}
for name in sys.argv[1:]:
    text = Path(name).read_text(encoding="utf-8")
    for form, t in (("", text), ("nfd", unicodedata.normalize("NFD", text)), ("crlf", text.replace("\\n", "\\r\\n"))):
        out["records"][name + "#" + form] = [r.to_dict() for r in records_from(t)]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def _texts() -> list[str]:
    files = sorted((HERE / "corpus").glob("*.txt")) + sorted((HERE / "corpus2").glob("*.txt"))
    files += sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return [str(f) for f in files]


def _dump(pure: bool) -> dict:
    env = dict(os.environ)
    env.pop(compiled.PURE_ENV, None)
    if pure:
        env[compiled.PURE_ENV] = "1"
    done = subprocess.run([sys.executable, "-c", _DUMP, *_texts()], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _require_compiled() -> None:
    if tasks.parse.COMPILED:
        return
    why = ("the parser is not compiled here (no build from these sources in build/parser: "
           "`make test` builds it; without a C compiler it stays Python)")
    if os.environ.get("BAOCAO_REQUIRE_COMPILED"):
        pytest.fail(why)
    pytest.skip(why)


def test_the_compiled_modules_are_those_in_use():
    _require_compiled()
    assert Path(grammar.__file__).suffix == ".so"
    assert Path(grammar.__file__).is_relative_to(compiled.BUILD_DIR)
    assert records_from("Năm 2024, quận Lê Chân thu ngân sách đạt 1.000 tỷ đồng.")[0].year == 2024


def test_compiled_and_pure_give_the_same_records():
    _require_compiled()
    built, pure = _dump(pure=False), _dump(pure=True)
    assert built["compiled"] is True and pure["compiled"] is False
    assert sum(len(v) for v in pure["records"].values()) > 300      # the corpora say something
    for name, records in pure["records"].items():
        assert built["records"][name] == records, name


def _package_copy(tmp_path: Path) -> Path:
    pkg = tmp_path / "src"
    pkg.mkdir()
    for name in compiled.MODULES:
        shutil.copy(compiled.PACKAGE_DIR / f"{name}.py", pkg / f"{name}.py")
    return pkg


def test_a_build_is_used_only_while_the_sources_are_those_it_was_built_from(tmp_path, monkeypatch):
    monkeypatch.delenv(compiled.PURE_ENV, raising=False)
    pkg, build = _package_copy(tmp_path), tmp_path / "build"
    assert compiled.current_build(pkg, build) is None                # nothing built
    build.mkdir()
    (build / compiled.STAMP).write_text(compiled.sources_digest(pkg) + "\n")
    assert compiled.current_build(pkg, build) == build / "tasks" / "parse"
    grammar_py = pkg / "grammar.py"
    grammar_py.write_text(grammar_py.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert compiled.current_build(pkg, build) is None                # edited since: the sources
    (build / compiled.STAMP).write_text(compiled.sources_digest(pkg) + "\n")
    assert compiled.current_build(pkg, build) is not None
    monkeypatch.setenv(compiled.PURE_ENV, "1")
    assert compiled.current_build(pkg, build) is None                # asked for the sources


def test_the_digest_follows_every_compiled_module(tmp_path):
    pkg = _package_copy(tmp_path)
    before = compiled.sources_digest(pkg)
    for name in compiled.MODULES:
        path = pkg / f"{name}.py"
        source = path.read_bytes()
        path.write_bytes(source + b" ")
        assert compiled.sources_digest(pkg) != before, name
        path.write_bytes(source)
    assert compiled.sources_digest(pkg) == before


def test_the_vocabulary_is_read_beside_the_sources():
    from tasks.parse import vocab
    assert vocab.VOCAB_DIR == compiled.PACKAGE_DIR / "vocab"
    assert (vocab.VOCAB_DIR / "indicators.toml").is_file()
