"""Prefect flows (ingest, backfill) and the `baocao` command line.

Every Prefect process this project starts keeps its telemetry at home: set here,
before anything imports Prefect, so flows run by a worker get it too.
"""
import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
