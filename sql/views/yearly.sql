-- One row is one year of one additive amount (actual figure) in one area: reported for the whole year, or the sum of a complete set of four quarters.
CREATE OR REPLACE VIEW yearly AS
WITH

ranges AS NOT MATERIALIZED (
    SELECT * FROM period_values
),

quarters AS NOT MATERIALIZED (
    SELECT * FROM quarterly
),

chosen AS NOT MATERIALIZED (
    SELECT * FROM indicator_values
),

whole_year AS NOT MATERIALIZED (
    SELECT area, indicator, year, value, unit, method, estimate, route, doc_id, 0 AS method_rank
    FROM ranges
    WHERE month_from = 1 AND month_to = 12
),

-- Quarters already fall back to the sum of their months, so this covers twelve known months too.
sum_of_quarters AS NOT MATERIALIZED (
    SELECT area, indicator, year, sum(value ORDER BY quarter) AS value, min(unit) AS unit,   -- in quarter order: one float sum
           'sum_of_quarters' AS method, bool_or(estimate) AS estimate,
           array_to_string(list_transform(list_sort(list(struct_pack(q := quarter, m := method))),
                                          lambda x: 'Q' || x.q || ' ' || x.m), ' + ') AS route,
           array_to_string(list_sort(list_distinct(flatten(list(string_split(doc_id, ','))))), ',') AS doc_id,
           1 AS method_rank
    FROM quarters
    GROUP BY area, indicator, year
    HAVING count(*) = 4
),

-- A reported (or derived) whole year beats the sum of quarters (grouped arg_min, no sort).
best AS NOT MATERIALIZED (
    SELECT area, indicator, year,
           arg_min(value, method_rank) AS value,
           arg_min(unit, method_rank) AS unit,
           arg_min(method, method_rank) AS method,
           arg_min(estimate, method_rank) AS estimate,
           arg_min(route, method_rank) AS route,
           arg_min(doc_id, method_rank) AS doc_id
    FROM (SELECT * FROM whole_year UNION ALL SELECT * FROM sum_of_quarters)
    GROUP BY area, indicator, year
),

year_figures AS NOT MATERIALIZED (
    SELECT area, indicator, year,
           max(value) FILTER (WHERE measure = 'yoy_pct') AS yoy_pct,
           max(value) FILTER (WHERE measure = 'plan_pct') AS plan_pct,
           max(value) FILTER (WHERE measure = 'target') AS target
    FROM chosen
    WHERE month_from = 1 AND month_to = 12 AND measure IN ('yoy_pct', 'plan_pct', 'target')
    GROUP BY area, indicator, year
),

final AS NOT MATERIALIZED (
    SELECT r.area, r.indicator, r.year, r.value, r.unit, r.method, r.estimate, r.route, r.doc_id,
           f.yoy_pct, f.plan_pct, f.target
    FROM best AS r
    LEFT JOIN year_figures AS f USING (area, indicator, year)
)

SELECT * FROM final;

COMMENT ON VIEW yearly IS 'One year of one additive amount in one area: reported (or derived) for months 1..12, else the sum of four known quarters (sum_of_quarters). Absent when neither exists.';
COMMENT ON COLUMN yearly.method IS 'reported, derived_ytd/derived_range (rare), or sum_of_quarters.';
COMMENT ON COLUMN yearly.yoy_pct IS 'Reported: the year as a percent of the year before.';
COMMENT ON COLUMN yearly.plan_pct IS 'Reported: share of the year''s plan reached.';
COMMENT ON COLUMN yearly.target IS 'Reported: the year''s planned amount (same unit as value).';
