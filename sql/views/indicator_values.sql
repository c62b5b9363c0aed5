-- One row is the chosen value for one (area, indicator, year, month_from, month_to, measure): a final figure beats an estimate, then the latest published document wins.
CREATE OR REPLACE VIEW indicator_values AS
WITH

observations AS NOT MATERIALIZED (
    SELECT * FROM main.observations
),

documents AS NOT MATERIALIZED (
    SELECT doc_id, published, fetched_at, loaded_at FROM main.documents
),

ranked AS NOT MATERIALIZED (
    SELECT
        o.area, o.indicator, o.year, o.month_from, o.month_to, o.measure,
        o.value, o.unit, o.estimate, o.doc_id, o.snippet,
        d.published,
        count(*) OVER key_window AS n_sources,
        -- Order of preference: final before estimate, then the newest document
        -- (published, then fetched, then loaded; undated documents last), then doc_id so ties are stable.
        row_number() OVER (key_window ORDER BY o.estimate ASC,
                                               d.published DESC NULLS LAST,
                                               d.fetched_at DESC NULLS LAST,
                                               d.loaded_at DESC NULLS LAST,
                                               o.doc_id ASC) AS preference
    FROM observations AS o
    LEFT JOIN documents AS d USING (doc_id)
    WINDOW key_window AS (PARTITION BY o.area, o.indicator, o.year, o.month_from, o.month_to, o.measure)
),

final AS NOT MATERIALIZED (
    SELECT area, indicator, year, month_from, month_to, measure,
           value, unit, estimate, doc_id, n_sources, published, snippet
    FROM ranked
    WHERE preference = 1
)

SELECT * FROM final;

COMMENT ON VIEW indicator_values IS 'The chosen value for each (area, indicator, year, month_from, month_to, measure): final beats estimate, then the latest published document, then the latest fetched; every alternative stays in observations.';
COMMENT ON COLUMN indicator_values.value IS 'The chosen figure, in unit (money in million VND).';
COMMENT ON COLUMN indicator_values.estimate IS 'True when the chosen figure is an estimate (no document gives a final figure yet).';
COMMENT ON COLUMN indicator_values.doc_id IS 'The document the chosen figure comes from.';
COMMENT ON COLUMN indicator_values.n_sources IS 'How many documents state a figure for this key (alternatives are in observations).';
COMMENT ON COLUMN indicator_values.published IS 'Publication date of the chosen document.';
COMMENT ON COLUMN indicator_values.snippet IS 'The sentence the chosen figure was read from.';
