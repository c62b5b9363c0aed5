-- One row is the value of one month range of one additive amount in one area and year: reported when a document states it, else the best derivation.
CREATE OR REPLACE VIEW period_values AS
WITH

routes AS NOT MATERIALIZED (
    SELECT * FROM period_routes
),

-- A negative difference means the two figures used are inconsistent (reconciliation and
-- the negative_derivation check show them); it never becomes a value.
usable AS NOT MATERIALIZED (
    SELECT * FROM routes
    WHERE method = 'reported' OR value >= 0
),

ranked AS NOT MATERIALIZED (
    SELECT *,
           row_number() OVER (
               PARTITION BY area, indicator, year, month_from, month_to
               -- reported beats derived; a cumulative difference beats other differences;
               -- then the narrowest inputs, then fixed order so the choice is stable.
               ORDER BY CASE method WHEN 'reported' THEN 0 WHEN 'derived_ytd' THEN 1 ELSE 2 END,
                        longer_to - longer_from, longer_from, route, doc_id, doc_id_subtracted
           ) AS preference
    FROM usable
),

final AS NOT MATERIALIZED (
    SELECT area, indicator, year, month_from, month_to, value, unit, estimate,
           method, route, doc_id, doc_id_subtracted
    FROM ranked
    WHERE preference = 1
)

SELECT * FROM final;

COMMENT ON VIEW period_values IS 'The value of each month range of each additive amount: reported, else derived from two nested chosen values (derived_ytd before derived_range). Ranges with no route are absent, never zero.';
COMMENT ON COLUMN period_values.method IS 'reported, derived_ytd or derived_range (see period_routes).';
