"""The parser's modules compiled to C, and when they are used.

    .venv/bin/python -c 'import tasks.parse.compiled as c; c.main()'    # build (make does it)

mypyc compiles the parser's modules, as written and type-checked, into extension
modules under build/parser/ (never committed), with a stamp of the sources they were
built from. tasks.parse puts that directory ahead of its own only while the stamp
matches the sources, so a source edited since the build is read as Python until the
next build, never an older compiled copy. BAOCAO_PURE_PARSER=1 reads the sources
whatever was built. Both give the same records (tests/parse/test_compiled.py).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR.parents[1] / "build" / "parser"
# Every module but the package's own __init__ (which chooses), this one (which builds)
# and record.py (the Record class every other step builds, copies and compares).
MODULES = ("blocks", "context", "grammar", "normalize", "numbers", "periods", "records", "tables", "vocab")
STAMP = "SOURCES.sha256"
GROUP = "baocao_parser"             # the name of the shared library the modules link to
PURE_ENV = "BAOCAO_PURE_PARSER"


def sources_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """What the compiled modules were built from: each module's name and source, and the
    interpreter they were built for."""
    h = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in MODULES:
        h.update(b"\0" + name.encode() + b"\0")
        h.update((package_dir / f"{name}.py").read_bytes())
    return h.hexdigest()


def current_build(package_dir: Path = PACKAGE_DIR, build_dir: Path = BUILD_DIR) -> Path | None:
    """The directory of compiled modules to read ahead of the sources: None when none
    was built, when it was built from other sources, or when BAOCAO_PURE_PARSER is set."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    try:
        stamp = (build_dir / STAMP).read_text().strip()
    except OSError:
        return None
    if stamp != sources_digest(package_dir):
        return None
    return build_dir / "tasks" / "parse"


def build(build_dir: Path = BUILD_DIR, package_dir: Path = PACKAGE_DIR) -> Path:
    """Compile MODULES into build_dir, replacing what was there; the stamp is written
    last, so a build that fails half-way is never used."""
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution  # type: ignore[import-untyped]
    except ImportError as e:
        raise SystemExit(f"compiling the parser needs mypy and setuptools ({e}); "
                         "install them with: .venv/bin/pip install -e '.[dev]'") from e
    repo = package_dir.parents[1]
    digest = sources_digest(package_dir)
    build_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="parser-", dir=build_dir.parent))
    cwd = os.getcwd()
    try:
        # mypyc names modules by their paths from the working directory.
        os.chdir(repo)
        paths = [str((package_dir / f"{m}.py").relative_to(repo)) for m in MODULES]
        extensions = mypycify(paths, opt_level="3", group_name=GROUP, target_dir=str(work / "c"), multi_file=True)
        dist = Distribution({"name": GROUP, "ext_modules": extensions})
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib = str(work / "out")
        cmd.build_temp = str(work / "tmp")
        cmd.parallel = os.cpu_count() or 1
        cmd.ensure_finalized()
        cmd.run()
        if sources_digest(package_dir) != digest:
            raise SystemExit("the parser's sources changed while they were compiled: build again")
        out = work / "out"
        (out / STAMP).write_text(digest + "\n")
        old = build_dir.with_name(build_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if build_dir.exists():
            build_dir.rename(old)
        out.rename(build_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        os.chdir(cwd)
        shutil.rmtree(work, ignore_errors=True)
    return build_dir


def main() -> None:
    try:
        built = build()
    except Exception as e:                  # the C compiler's own message is above
        raise SystemExit(f"the parser was not compiled ({type(e).__name__}: {e}); it runs as Python, "
                         "slower. A C compiler (gcc) and Python's headers are needed: install them "
                         "and run make again.") from None
    print(f"parser compiled: {len(MODULES)} modules in {built}")
