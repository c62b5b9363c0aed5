-- One row is one figure as one document states it (a record of spec/records.md plus where it was read).
CREATE TABLE observations (
    doc_id          VARCHAR NOT NULL,      -- documents.doc_id
    area            VARCHAR NOT NULL,
    indicator       VARCHAR NOT NULL,      -- indicators.code
    year            INTEGER NOT NULL,
    month_from      INTEGER NOT NULL,
    month_to        INTEGER NOT NULL,
    measure         VARCHAR NOT NULL,      -- actual, target, plan_pct, yoy_pct, mom_pct
    value           DOUBLE NOT NULL,       -- money in million VND (million USD for *_usd units)
    unit            VARCHAR NOT NULL,
    estimate        BOOLEAN NOT NULL,
    snippet         VARCHAR,
    char_start      INTEGER,
    char_end        INTEGER,
    span            VARCHAR,
    parser_version  VARCHAR,
    PRIMARY KEY (doc_id, area, indicator, year, month_from, month_to, measure)
);

COMMENT ON TABLE observations IS 'One figure as one document states it; every alternative for a key stays here, indicator_values picks one.';
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
