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

-- One route per range. Preference: reported beats derived; a cumulative difference beats other
-- differences; then the narrowest inputs; then the earliest start. Those three numbers already
-- tell any two routes to one range apart, so they pack into one integer rank, and a grouped
-- arg_min picks the route (much cheaper than sorting every route in a window).
ranked AS NOT MATERIALIZED (
    SELECT *,
           (CASE method WHEN 'reported' THEN 0 WHEN 'derived_ytd' THEN 1 ELSE 2 END) * 10000
               + (longer_to - longer_from) * 100 + longer_from AS preference
    FROM usable
),

final AS NOT MATERIALIZED (
    SELECT area, indicator, year, month_from, month_to,
           arg_min(value, preference) AS value,
           arg_min(unit, preference) AS unit,
           arg_min(estimate, preference) AS estimate,
           arg_min(method, preference) AS method,
           arg_min(route, preference) AS route,
           arg_min(doc_id, preference) AS doc_id,
           arg_min(doc_id_subtracted, preference) AS doc_id_subtracted
    FROM ranked
    GROUP BY area, indicator, year, month_from, month_to
)

SELECT * FROM final;

COMMENT ON VIEW period_values IS 'The value of each month range of each additive amount: reported, else derived from two nested chosen values (derived_ytd before derived_range). Ranges with no route are absent, never zero.';
COMMENT ON COLUMN period_values.method IS 'reported, derived_ytd or derived_range (see period_routes).';
