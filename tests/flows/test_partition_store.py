"""Partitions without Prefect: months, bucketing, claims between runs, and the months coverage knows."""
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from tasks.partitions import Partition, PartitionStore, months_between, partitions_for


def page(url, published):
    return SimpleNamespace(url=url, published=published)


def test_months_between_crosses_years_and_includes_both_ends():
    assert months_between(date(2022, 11, 1), date(2023, 2, 1)) == ["2022-11", "2022-12", "2023-01", "2023-02"]
    assert months_between(date(2023, 5, 1), date(2023, 5, 1)) == ["2023-05"]
    assert months_between(date(2023, 5, 1), date(2023, 4, 1)) == []


def test_pages_are_bucketed_by_published_month_and_undated_pages_get_their_own_partition():
    parts = partitions_for({"a": [page("u1", date(2023, 1, 31)), page("u2", date(2023, 2, 1)),
                                  page("u3", None), page("u4", date(2022, 12, 31))],
                            "b": []},
                           ["2023-01", "2023-02", "2023-03"])
    assert sorted(parts) == ["backfill:a:2023-01", "backfill:a:2023-02", "backfill:a:2023-03", "backfill:a:undated",
                             "backfill:b:2023-01", "backfill:b:2023-02", "backfill:b:2023-03"]
    assert [p.url for p in parts["backfill:a:2023-01"].pages] == ["u1"]
    assert [p.url for p in parts["backfill:a:undated"].pages] == ["u3"]
    assert parts["backfill:a:2023-03"].pages == [] and parts["backfill:b:2023-01"].pages == []
    assert all("u4" not in [p.url for p in part.pages] for part in parts.values())   # before the range


def test_a_partition_claimed_by_one_run_is_refused_to_another_and_rerunning_updates_one_row(tmp_path):
    p = Partition("a", "2023-01", [page("u1", date(2023, 1, 5))])
    with PartitionStore(tmp_path / "archive") as store:
        assert store.claim(p, "run-1") is None
        refused = store.claim(p, "run-2")
        assert refused and "run-1" in refused
        store.finish(p.key, "run-2", status="completed")          # not run-2's claim: nothing changes
        assert store.get(p.key)["status"] == "running"
        store.finish(p.key, "run-1", status="failed", pages_failed=1, message="1 pages failed to fetch")
        assert store.statuses([p.key]) == {p.key: "failed"}
        assert store.claim(p, "run-2") is None                    # finished: anyone may run it again
        store.finish(p.key, "run-2", status="completed", pages_fetched=1)
        [row] = store.all()
        assert (row["status"], row["attempts"], row["run_id"], row["pages"]) == ("completed", 2, "run-2", 1)
        with pytest.raises(ValueError, match="completed or failed"):
            store.finish(p.key, "run-2", status="running")


def test_rows_the_database_could_not_take_wait_in_the_archive_until_recorded(tmp_path):
    with PartitionStore(tmp_path / "archive") as store:
        started = datetime(2026, 1, 2, 3, 4, 5, 6)
        store.save_pending_run(str(tmp_path / "x.duckdb"), {"run_id": "r1", "status": "failed", "started": started,
                                                            "finished": None})
        assert store.pending_runs(str(tmp_path / "other.duckdb")) == []
        assert store.pending_runs(str(tmp_path / "x.duckdb")) == [{"run_id": "r1", "status": "failed",
                                                                   "started": started, "finished": None}]
        store.forget_pending_run("r1")
        assert store.pending_runs(str(tmp_path / "x.duckdb")) == []
