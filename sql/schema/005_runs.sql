-- One row is one pipeline run (ingest, backfill, reparse, add): its parameters, counts and outcome.
CREATE TABLE runs (
    run_id              VARCHAR PRIMARY KEY,
    flow                VARCHAR NOT NULL,
    parameters          JSON,
    started             TIMESTAMP,
    finished            TIMESTAMP,
    status              VARCHAR,
    pages_discovered    INTEGER,
    pages_fetched       INTEGER,
    pages_unchanged     INTEGER,
    pages_failed        INTEGER,
    documents_parsed    INTEGER,
    records_loaded      INTEGER,
    quarantined         INTEGER,
    conflicts           INTEGER,
    message             VARCHAR
);

COMMENT ON TABLE runs IS 'One pipeline run and what it did; written at the end of each run.';
COMMENT ON COLUMN runs.parameters IS 'The run''s parameters as JSON.';
COMMENT ON COLUMN runs.conflicts IS 'Rows in the reconciliation view when the run finished.';
