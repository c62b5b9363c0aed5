-- One row is one month of one additive amount (actual figure) in one area: its value, how it was obtained, and the cumulative value and reported percentages for that month.
CREATE OR REPLACE VIEW monthly AS
WITH

ranges AS NOT MATERIALIZED (
    SELECT * FROM period_values
    WHERE month_from = month_to OR month_from = 1
),

chosen AS NOT MATERIALIZED (
    SELECT * FROM indicator_values
),

-- Month m and the range [1..m] end on the same month: one pass over the ranges gives both
-- (the month's own value, and January..m when that range is known).
by_month AS NOT MATERIALIZED (
    SELECT area, indicator, year, month_to AS month,
           max(struct_pack(value := value, unit := unit, method := method, estimate := estimate,
                           route := route, doc_id := doc_id, doc_id_subtracted := doc_id_subtracted))
               FILTER (WHERE month_from = month_to) AS own,
           max(struct_pack(value := value, method := method)) FILTER (WHERE month_from = 1) AS ytd
    FROM ranges
    GROUP BY area, indicator, year, month_to
),

-- The value from January to the month: the range [1..m] when known (reported or derived),
-- else the sum of months 1..m when every one of them is known.
months AS NOT MATERIALIZED (
    SELECT area, indicator, year, month,
           own.value, own.unit, own.method, own.estimate, own.route, own.doc_id, own.doc_id_subtracted,
           ytd.value AS ytd_range_value, ytd.method AS ytd_range_method,
           sum(own.value) OVER running_window AS running_sum,
           count(*) OVER running_window AS months_so_far
    FROM by_month
    WHERE own IS NOT NULL
    WINDOW running_window AS (PARTITION BY area, indicator, year ORDER BY month
                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),

-- Percentages as reported (never computed): for the month alone and for January..month.
percentages AS NOT MATERIALIZED (
    SELECT area, indicator, year, month_to AS month,
           max(value) FILTER (WHERE measure = 'yoy_pct' AND month_from = month_to) AS month_yoy_pct,
           max(value) FILTER (WHERE measure = 'yoy_pct' AND month_from = 1) AS ytd_yoy_pct,
           max(value) FILTER (WHERE measure = 'plan_pct' AND month_from = month_to) AS month_plan_pct,
           max(value) FILTER (WHERE measure = 'plan_pct' AND month_from = 1) AS ytd_plan_pct
    FROM chosen
    WHERE measure IN ('yoy_pct', 'plan_pct') AND (month_from = month_to OR month_from = 1)
    GROUP BY area, indicator, year, month_to
),

final AS NOT MATERIALIZED (
    SELECT m.area, m.indicator, m.year, m.month, m.value, m.unit, m.method, m.estimate,
           m.route, m.doc_id, m.doc_id_subtracted,
           coalesce(m.ytd_range_value, CASE WHEN m.months_so_far = m.month THEN m.running_sum END) AS ytd_value,
           coalesce(m.ytd_range_method, CASE WHEN m.months_so_far = m.month THEN 'sum_of_months' END) AS ytd_method,
           p.month_yoy_pct, p.ytd_yoy_pct, p.month_plan_pct, p.ytd_plan_pct
    FROM months AS m
    LEFT JOIN percentages AS p USING (area, indicator, year, month)
)

SELECT * FROM final;

COMMENT ON VIEW monthly IS 'One month of one additive amount in one area: reported, or derived from two nested cumulative/ranged figures ([1..8] − [1..7] = month 8). A month with no route is absent, never zero.';
COMMENT ON COLUMN monthly.month IS 'Month of the year, 1-12.';
COMMENT ON COLUMN monthly.value IS 'The month''s amount in unit (money in million VND).';
COMMENT ON COLUMN monthly.method IS 'reported (a document states this month), derived_ytd ([1..m] − [1..m−1]) or derived_range (another nested difference, e.g. [1..2] − [2..2]).';
COMMENT ON COLUMN monthly.estimate IS 'True when any figure used is an estimate.';
COMMENT ON COLUMN monthly.route IS 'The ranges used, e.g. [8..8] or [1..8] − [1..7].';
COMMENT ON COLUMN monthly.doc_id IS 'Document of the reported month, or of the longer range of a derivation.';
COMMENT ON COLUMN monthly.doc_id_subtracted IS 'Document of the range subtracted in a derivation.';
COMMENT ON COLUMN monthly.ytd_value IS 'Cumulative amount January..month (reported or derived range, else the sum of all months so far); NULL when unknown.';
COMMENT ON COLUMN monthly.ytd_method IS 'How ytd_value was obtained: reported, derived_ytd, derived_range or sum_of_months.';
COMMENT ON COLUMN monthly.month_yoy_pct IS 'Reported: the month as a percent of the same month a year earlier.';
COMMENT ON COLUMN monthly.ytd_yoy_pct IS 'Reported: January..month as a percent of the same months a year earlier.';
COMMENT ON COLUMN monthly.month_plan_pct IS 'Reported: share of the plan reached in the month.';
COMMENT ON COLUMN monthly.ytd_plan_pct IS 'Reported: share of the plan reached January..month.';
