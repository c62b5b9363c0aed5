-- One row is one route to the value of one month range of one additive amount: the range as reported, or a reported range minus the next shorter one nested in it sharing its start or its end.
CREATE OR REPLACE VIEW period_routes AS
WITH

chosen AS NOT MATERIALIZED (
    SELECT * FROM indicator_values
),

indicators AS NOT MATERIALIZED (
    SELECT * FROM main.indicators
),

-- Only amounts are summed or differenced: actual figures of additive indicators in the
-- indicator's canonical unit (money in million VND; a figure in another unit is left out).
amounts AS NOT MATERIALIZED (
    SELECT c.area, c.indicator, c.year, c.month_from, c.month_to, c.value, c.unit, c.estimate, c.doc_id
    FROM chosen AS c
    JOIN indicators AS i ON i.code = c.indicator AND i.unit = c.unit
    WHERE c.measure = 'actual' AND i.additive
),

-- For each range, the next shorter range nested in it (set-based: windows, not a self-join, so
-- the chosen values are read once):
--   same start: [f..t] and the longest [f..s], s < t   → [s+1..t]   ([1..8] − [1..7] = [8..8])
--   same end:   [f..t] and the longest [g..t], g > f   → [f..g−1]   ([1..2] − [2..2] = [1..1])
--   quarter:    [f..t] and the longest [f..s] ending a quarter, t and s quarter ends, when that is
--               not already the same-start neighbour → [s+1..t]   ([1..6] − [1..3] = [4..6])
neighbours AS NOT MATERIALIZED (
    SELECT *,
           lag(month_to) OVER same_start AS start_to,
           lag(value) OVER same_start AS start_value,
           lag(estimate) OVER same_start AS start_estimate,
           lag(doc_id) OVER same_start AS start_doc_id,
           lead(month_from) OVER same_end AS end_from,
           lead(value) OVER same_end AS end_value,
           lead(estimate) OVER same_end AS end_estimate,
           lead(doc_id) OVER same_end AS end_doc_id,
           lag(month_to) OVER quarter_start AS quarter_to,
           lag(value) OVER quarter_start AS quarter_value,
           lag(estimate) OVER quarter_start AS quarter_estimate,
           lag(doc_id) OVER quarter_start AS quarter_doc_id
    FROM amounts
    WINDOW same_start AS (PARTITION BY area, indicator, year, month_from ORDER BY month_to),
           same_end AS (PARTITION BY area, indicator, year, month_to ORDER BY month_from),
           quarter_start AS (PARTITION BY area, indicator, year, month_from, month_to % 3 = 0 ORDER BY month_to)
),

-- One row per route: each range crossed with the three kinds, kept where the neighbour exists.
kinds AS NOT MATERIALIZED (
    SELECT * FROM (VALUES ('reported'), ('same_start'), ('same_end'), ('quarter')) AS k(kind)
),

routes AS NOT MATERIALIZED (
    SELECT n.*, k.kind,
           CASE k.kind WHEN 'same_start' THEN n.start_to WHEN 'quarter' THEN n.quarter_to END AS shorter_to,
           CASE k.kind WHEN 'same_start' THEN n.start_value WHEN 'same_end' THEN n.end_value
                       WHEN 'quarter' THEN n.quarter_value END AS shorter_value,
           CASE k.kind WHEN 'same_start' THEN n.start_estimate WHEN 'same_end' THEN n.end_estimate
                       WHEN 'quarter' THEN n.quarter_estimate END AS shorter_estimate,
           CASE k.kind WHEN 'same_start' THEN n.start_doc_id WHEN 'same_end' THEN n.end_doc_id
                       WHEN 'quarter' THEN n.quarter_doc_id END AS shorter_doc_id
    FROM neighbours AS n
    CROSS JOIN kinds AS k
    WHERE k.kind = 'reported'
       OR (k.kind = 'same_start' AND n.start_to IS NOT NULL)
       OR (k.kind = 'same_end' AND n.end_from IS NOT NULL)
       OR (k.kind = 'quarter' AND n.month_to % 3 = 0 AND n.quarter_to IS NOT NULL
           AND n.quarter_to IS DISTINCT FROM n.start_to)
),

final AS NOT MATERIALIZED (
    SELECT area, indicator, year,
           CASE kind WHEN 'reported' THEN month_from WHEN 'same_end' THEN month_from
                     ELSE shorter_to + 1 END AS month_from,
           CASE kind WHEN 'same_end' THEN end_from - 1 ELSE month_to END AS month_to,
           CASE kind WHEN 'reported' THEN value ELSE value - shorter_value END AS value,
           unit,
           CASE kind WHEN 'reported' THEN estimate ELSE estimate OR shorter_estimate END AS estimate,
           CASE WHEN kind = 'reported' THEN 'reported'
                WHEN kind IN ('same_start', 'quarter') AND month_from = 1 THEN 'derived_ytd'
                ELSE 'derived_range' END AS method,
           '[' || month_from || '..' || month_to || ']'
               || CASE kind WHEN 'reported' THEN ''
                            WHEN 'same_end' THEN ' − [' || end_from || '..' || month_to || ']'
                            ELSE ' − [' || month_from || '..' || shorter_to || ']' END AS route,
           doc_id,
           CASE kind WHEN 'reported' THEN CAST(NULL AS VARCHAR) ELSE shorter_doc_id END AS doc_id_subtracted,
           month_from AS longer_from,
           month_to AS longer_to
    FROM routes
)

SELECT * FROM final;

COMMENT ON VIEW period_routes IS 'Every route to the value of a month range of an additive amount: reported, or derived as a chosen range minus the next shorter chosen range nested in it (same start, same end, or the previous quarter end). period_values picks one route per range.';
COMMENT ON COLUMN period_routes.method IS 'reported; derived_ytd (a cumulative figure minus a shorter cumulative one, [1..8] − [1..7], [1..6] − [1..3]); derived_range (any other nested difference, [1..2] − [2..2]).';
COMMENT ON COLUMN period_routes.route IS 'The ranges used, e.g. [1..8] − [1..7].';
COMMENT ON COLUMN period_routes.doc_id IS 'Document of the reported range, or of the longer range of a difference.';
COMMENT ON COLUMN period_routes.doc_id_subtracted IS 'Document of the range subtracted (NULL when reported).';
COMMENT ON COLUMN period_routes.estimate IS 'True when any figure used is an estimate.';
COMMENT ON COLUMN period_routes.longer_from IS 'First month of the reported range the route starts from.';
COMMENT ON COLUMN period_routes.longer_to IS 'Last month of the reported range the route starts from.';
