-- One row is one route to the value of one quarter of one additive amount in one area: the quarter's range value (reported or derived) or the sum of its three months.
CREATE OR REPLACE VIEW quarter_routes AS
WITH

ranges AS (
    SELECT * FROM period_values
),

months AS (
    SELECT * FROM monthly
),

quarters AS (
    SELECT CAST(q AS INTEGER) AS quarter, CAST(3 * q - 2 AS INTEGER) AS month_from, CAST(3 * q AS INTEGER) AS month_to
    FROM range(1, 5) AS t(q)
),

from_ranges AS (
    SELECT r.area, r.indicator, r.year, q.quarter, r.month_from, r.month_to, r.value, r.unit,
           r.method, r.estimate, r.route, r.doc_id, r.doc_id_subtracted
    FROM ranges AS r
    JOIN quarters AS q USING (month_from, month_to)
),

-- Only when all three months are known: a missing month leaves the quarter to other routes.
sum_of_months AS (
    SELECT m.area, m.indicator, m.year, q.quarter, q.month_from, q.month_to,
           sum(m.value) AS value, min(m.unit) AS unit,
           'sum_of_months' AS method,
           bool_or(m.estimate) AS estimate,
           string_agg(m.route, ' + ' ORDER BY m.month) AS route,
           string_agg(DISTINCT m.doc_id, ',' ORDER BY m.doc_id) AS doc_id,
           CAST(NULL AS VARCHAR) AS doc_id_subtracted
    FROM months AS m
    JOIN quarters AS q ON m.month BETWEEN q.month_from AND q.month_to
    GROUP BY m.area, m.indicator, m.year, q.quarter, q.month_from, q.month_to
    HAVING count(*) = 3
),

final AS (
    SELECT * FROM from_ranges
    UNION ALL
    SELECT * FROM sum_of_months
)

SELECT * FROM final;

COMMENT ON VIEW quarter_routes IS 'Every route to a quarter''s value: the quarter range (reported, derived_ytd, derived_range) and the sum of its three months (sum_of_months). quarterly picks one.';
