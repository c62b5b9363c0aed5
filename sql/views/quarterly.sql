-- One row is one quarter of one additive amount (actual figure) in one area: reported, derived from cumulative figures, or the sum of its three months.
CREATE OR REPLACE VIEW quarterly AS
WITH

routes AS NOT MATERIALIZED (
    SELECT * FROM quarter_routes
),

chosen AS NOT MATERIALIZED (
    SELECT * FROM indicator_values
),

-- One route per quarter: reported, derived_ytd, derived_range, then sum_of_months. A quarter has
-- at most one route of each kind, so the rank alone decides (grouped arg_min, no sort).
ranked AS NOT MATERIALIZED (
    SELECT *,
           CASE method WHEN 'reported' THEN 0 WHEN 'derived_ytd' THEN 1
                       WHEN 'derived_range' THEN 2 ELSE 3 END AS preference
    FROM routes
),

best AS NOT MATERIALIZED (
    SELECT area, indicator, year, quarter, month_from, month_to,
           arg_min(value, preference) AS value,
           arg_min(unit, preference) AS unit,
           arg_min(method, preference) AS method,
           arg_min(estimate, preference) AS estimate,
           arg_min(route, preference) AS route,
           arg_min(doc_id, preference) AS doc_id,
           arg_min(doc_id_subtracted, preference) AS doc_id_subtracted
    FROM ranked
    GROUP BY area, indicator, year, quarter, month_from, month_to
),

percentages AS NOT MATERIALIZED (
    SELECT area, indicator, year, month_from, month_to,
           max(value) FILTER (WHERE measure = 'yoy_pct') AS yoy_pct,
           max(value) FILTER (WHERE measure = 'plan_pct') AS plan_pct
    FROM chosen
    WHERE measure IN ('yoy_pct', 'plan_pct') AND month_to - month_from = 2 AND month_to % 3 = 0
    GROUP BY area, indicator, year, month_from, month_to
),

final AS NOT MATERIALIZED (
    SELECT r.area, r.indicator, r.year, r.quarter, r.month_from, r.month_to, r.value, r.unit,
           r.method, r.estimate, r.route, r.doc_id, r.doc_id_subtracted, p.yoy_pct, p.plan_pct
    FROM best AS r
    LEFT JOIN percentages AS p USING (area, indicator, year, month_from, month_to)
)

SELECT * FROM final;

COMMENT ON VIEW quarterly IS 'One quarter of one additive amount in one area. method: reported, derived_ytd ([1..6] − [1..3] = quarter II), derived_range, or sum_of_months (all three months known). Absent when no route exists, never zero.';
COMMENT ON COLUMN quarterly.quarter IS 'Quarter 1-4 (months month_from..month_to).';
COMMENT ON COLUMN quarterly.value IS 'The quarter''s amount in unit (money in million VND).';
COMMENT ON COLUMN quarterly.method IS 'reported, derived_ytd, derived_range or sum_of_months.';
COMMENT ON COLUMN quarterly.route IS 'The ranges used, e.g. [1..6] − [1..3], or the three months added.';
COMMENT ON COLUMN quarterly.doc_id IS 'Document(s) the value comes from (comma-separated for sum_of_months).';
COMMENT ON COLUMN quarterly.yoy_pct IS 'Reported: the quarter as a percent of the same quarter a year earlier.';
COMMENT ON COLUMN quarterly.plan_pct IS 'Reported: share of the plan reached in the quarter (for quarter I also the cumulative share).';
