-- One row is one figure as one document states it; this file rebuilds observations without its PRIMARY KEY index (the loader keeps the key itself).
--
-- Why: maintaining the ART index of a seven-column key (four of them text) was about
-- 60 % of the cost of inserting an observation (1,000,000 rows in 10 batches: 7.4 s with
-- the index, 3.0 s without, bench/RESULTS.md), and nothing ever looks a row up by that key.
-- The key still holds: tasks.load refuses a key stated twice in one document (quarantine,
-- "duplicate key in document") and replaces a document's observations as a whole, and it
-- is the only writer. The table is rebuilt with the same columns, types and NOT NULLs.
CREATE TABLE observations_unindexed (
    doc_id          VARCHAR NOT NULL,
    area            VARCHAR NOT NULL,
    indicator       VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    month_from      INTEGER NOT NULL,
    month_to        INTEGER NOT NULL,
    measure         VARCHAR NOT NULL,
    value           DOUBLE NOT NULL,
    unit            VARCHAR NOT NULL,
    estimate        BOOLEAN NOT NULL,
    snippet         VARCHAR,
    char_start      INTEGER,
    char_end        INTEGER,
    span            VARCHAR,
    parser_version  VARCHAR
);
INSERT INTO observations_unindexed SELECT * FROM observations;
DROP TABLE observations;
ALTER TABLE observations_unindexed RENAME TO observations;

COMMENT ON TABLE observations IS 'One figure as one document states it; every alternative for a key stays here, indicator_values picks one. Key (kept by the loader, not indexed): doc_id, area, indicator, year, month_from, month_to, measure.';
COMMENT ON COLUMN observations.doc_id IS 'The document stating the figure (documents.doc_id).';
COMMENT ON COLUMN observations.area IS 'Reporting area without administrative prefix, Unicode NFC (Kiến An, Hải Phòng).';
COMMENT ON COLUMN observations.indicator IS 'Indicator code (indicators.code).';
COMMENT ON COLUMN observations.year IS 'Calendar year of the period.';
COMMENT ON COLUMN observations.month_from IS 'First month of the period (1-12).';
COMMENT ON COLUMN observations.month_to IS 'Last month of the period (1-12); [1..8] is the 8-month cumulative figure, [4..6] quarter II.';
COMMENT ON COLUMN observations.measure IS 'actual, target, plan_pct (share of plan reached), yoy_pct (percent of the same period a year earlier), mom_pct (percent of the month before).';
COMMENT ON COLUMN observations.value IS 'The number in the canonical unit: money in million VND (million_vnd) or million USD (million_usd); percentages as 108.2 for 108.2 %.';
COMMENT ON COLUMN observations.unit IS 'million_vnd, million_usd, percent, persons, count, ...';
COMMENT ON COLUMN observations.estimate IS 'True when the text calls the figure an estimate (ước, ước tính, dự ước).';
COMMENT ON COLUMN observations.snippet IS 'The sentence the figure was read from.';
COMMENT ON COLUMN observations.char_start IS 'Offset of the snippet in documents.text (characters).';
COMMENT ON COLUMN observations.char_end IS 'End offset of the snippet in documents.text (characters, exclusive).';
COMMENT ON COLUMN observations.span IS 'The number as written, e.g. 483.595 triệu đồng.';
COMMENT ON COLUMN observations.parser_version IS 'Version of the parser that read the figure.';
