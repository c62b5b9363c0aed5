"""`baocao demo`: the bundled sample site served on loopback, ingested, its rollups printed."""
from __future__ import annotations

import importlib.util
import socket
import tempfile
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "demo" / "site"
# A fixed address keeps the pages' URLs — hence their document ids — the same from
# one demo to the next, so a second demo updates the first one's rows.
DEMO_HOST, DEMO_PORT = "127.0.0.1", 8765

DEMO_SOURCES = """\
# The bundled sample site (demo/site), served on loopback by `baocao demo`.
[source.demo]
start_urls = ["{base}/index.html", "{base}/rss.xml"]
include = ['^{base_re}/tin-tuc/']
min_delay = 0.0
max_pages = 10
"""


# The columns that fit a terminal; `baocao query "SELECT * FROM monthly"` shows them all.
DEMO_QUERIES = {
    "monthly": """SELECT area, indicator, year, month, round(value, 1) AS value, method,
                         round(ytd_value, 1) AS ytd_value, ytd_yoy_pct
                  FROM monthly ORDER BY area, indicator, year, month""",
    "quarterly": """SELECT area, indicator, year, quarter, round(value, 1) AS value, method, yoy_pct
                    FROM quarterly ORDER BY area, indicator, year, quarter""",
}


def _server_module():
    spec = importlib.util.spec_from_file_location("baocao_demo_server", REPO / "demo" / "server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
            return True
        except OSError:
            return False


@contextmanager
def sample_site(port: int | None = None):
    """Serve demo/site; yields the base URL."""
    if port is None:
        port = DEMO_PORT if _port_free(DEMO_HOST, DEMO_PORT) else 0
    with _server_module().serve(SITE, host=DEMO_HOST, port=port) as base:
        yield base


def write_demo_sources(base: str, directory: Path) -> Path:
    path = directory / "sources.toml"
    path.write_text(DEMO_SOURCES.format(base=base, base_re=base.replace(".", r"\.")), encoding="utf-8")
    return path


def run_demo(db: str) -> None:
    from flows.ingest import ingest
    from flows.show import console, print_rows, print_summary
    from tasks.db import connect
    from tasks.settings import settings

    archive = str(Path(db).parent / "archive") if db != str(settings().db) else str(settings().archive)
    with sample_site() as base, tempfile.TemporaryDirectory() as tmp:
        console.print(f"Serving the sample site at {base}")
        row = ingest(sources_file=str(write_demo_sources(base, Path(tmp))), db=db, archive=archive)
    print_summary(row)
    con = connect(db, read_only=True)
    try:
        for view, sql in DEMO_QUERIES.items():
            rel = con.sql(sql)
            print_rows(rel.columns, rel.fetchall(), title=f"{view} rollups (million VND)")
    finally:
        con.close()
    console.print(f"Database: {Path(db).resolve()}")
    console.print('Query it: baocao query "SELECT * FROM quarterly" — or open it with DuckDB (see README).')
