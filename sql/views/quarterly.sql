-- One row is one quarter of one additive amount (actual figure) in one area: reported, derived from cumulative figures, or the sum of its three months.
CREATE OR REPLACE VIEW quarterly AS
WITH

routes AS NOT MATERIALIZED (
    SELECT * FROM quarter_routes
),

chosen AS NOT MATERIALIZED (
    SELECT * FROM indicator_values
),

ranked AS NOT MATERIALIZED (
    SELECT *,
           row_number() OVER (
               PARTITION BY area, indicator, year, quarter
               ORDER BY CASE method WHEN 'reported' THEN 0 WHEN 'derived_ytd' THEN 1
                                    WHEN 'derived_range' THEN 2 ELSE 3 END, route
           ) AS preference
    FROM routes
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
    FROM ranked AS r
    LEFT JOIN percentages AS p USING (area, indicator, year, month_from, month_to)
    WHERE r.preference = 1
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
