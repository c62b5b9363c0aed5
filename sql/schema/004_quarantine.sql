-- One row is one figure the parser produced that the loader refused, with the reason; the rest of its document loads.
CREATE SEQUENCE quarantine_id_seq;
CREATE TABLE quarantine (
    quarantine_id   BIGINT PRIMARY KEY DEFAULT nextval('quarantine_id_seq'),
    doc_id          VARCHAR NOT NULL,
    area            VARCHAR,
    indicator       VARCHAR,
    year            INTEGER,
    month_from      INTEGER,
    month_to        INTEGER,
    measure         VARCHAR,
    value           DOUBLE,
    unit            VARCHAR,
    estimate        BOOLEAN,
    snippet         VARCHAR,
    char_start      INTEGER,
    char_end        INTEGER,
    span            VARCHAR,
    parser_version  VARCHAR,
    reason          VARCHAR NOT NULL,
    quarantined_at  TIMESTAMP NOT NULL
);

COMMENT ON TABLE quarantine IS 'Figures refused by the loader (implausible, inconsistent or duplicated), with the reason; replaced whenever their document is loaded again.';
COMMENT ON COLUMN quarantine.reason IS 'Why the figure was refused, in words (e.g. duplicate key in document, month figure larger than the cumulative figure ending that month).';
COMMENT ON COLUMN quarantine.value IS 'The figure as parsed (NULL when it was not a finite number).';
COMMENT ON COLUMN quarantine.quarantined_at IS 'When the loader refused it (UTC).';
