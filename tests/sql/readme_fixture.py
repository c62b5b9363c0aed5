"""Build the small database sql/README.md queries: the five seed reports and their gold records,
plus one illustrative July report so that derivations and a conflict show.

    .venv/bin/python tests/sql/readme_fixture.py SHARED_DIR OUT.duckdb
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tasks.db import connect  # noqa: E402
from tasks.documents import Document, doc_id_for, sha256_hex  # noqa: E402
from tasks.load import load_documents  # noqa: E402
from tasks.parse.record import Record  # noqa: E402

# Publication dates the seed texts state (None where they state none).
PUBLISHED = {"001_831a63858a03152d.txt": date(2022, 12, 9), "002_8e5128a4a4ec66d1.txt": date(2023, 3, 9)}
# Not a real report: figures made up for the examples (a July cumulative figure that disagrees with
# the August report's own month, and a six-month figure that gives quarter II).
ILLUSTRATIVE = [
    ("industrial_output", 1, 7, 415000.0),
    ("industrial_output", 1, 6, 350000.0),
]


def build(shared: Path, out: Path) -> None:
    batch = []
    for seed in sorted((shared / "seeds").glob("*.txt")):
        body = seed.read_bytes()
        url = f"file:seeds/{seed.name}"
        doc = Document(doc_id=doc_id_for(url), url=url, title=seed.name, published=PUBLISHED.get(seed.name),
                       fetched_at=None, content_sha256=sha256_hex(body), text=body.decode("utf-8"),
                       source="seeds")
        records = []
        for line in (shared / "gold" / seed.with_suffix(".jsonl").name).read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            if g.get("optional"):
                continue
            records.append(Record(area=g["area"], indicator=g["indicator"], year=g["year"],
                                  month_from=g["month_from"], month_to=g["month_to"], measure=g["measure"],
                                  value=g["value"], unit=g["unit"], estimate=g["estimate"]))
        batch.append((doc, records))
    url = "file:illustrative/kien-an-7-thang-2023"
    july = Document(doc_id=doc_id_for(url), url=url, title="Illustrative: Kiến An, 7 tháng 2023",
                    published=date(2023, 8, 5), fetched_at=None, content_sha256="", text="", source="example")
    batch.append((july, [Record(area="Kiến An", indicator=i, year=2023, month_from=f, month_to=t,
                                measure="actual", value=v, unit="million_vnd", estimate=True)
                         for i, f, t, v in ILLUSTRATIVE]))
    con = connect(out, wait_seconds=5)
    try:
        print(load_documents(con, batch, version="gold"))
    finally:
        con.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
