-- One row is one indicator code: its Vietnamese name, canonical unit and whether its amounts add up over months.
-- The loader refills this table from tasks/parse/vocab/indicators.toml whenever that file changes.
CREATE TABLE indicators (
    code      VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,
    unit      VARCHAR NOT NULL,
    additive  BOOLEAN NOT NULL
);

COMMENT ON TABLE indicators IS 'The indicator table shared with the parser; the rollup views join it to know which amounts may be summed or differenced.';
COMMENT ON COLUMN indicators.code IS 'Indicator code used in observations.indicator.';
COMMENT ON COLUMN indicators.name IS 'Vietnamese name, for titles and labels.';
COMMENT ON COLUMN indicators.unit IS 'Canonical unit of the actual/target amounts (million_vnd, million_usd, percent, persons).';
COMMENT ON COLUMN indicators.additive IS 'True when months add up to quarters and years (amounts); false for rates, indices and percentages, which are never summed.';
