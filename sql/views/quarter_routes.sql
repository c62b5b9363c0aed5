-- One row is one route to the value of one quarter of one additive amount in one area: the quarter's range value (reported or derived) or the sum of its three months.
CREATE OR REPLACE VIEW quarter_routes AS
WITH

ranges AS NOT MATERIALIZED (
    SELECT * FROM period_values
),

quarters AS NOT MATERIALIZED (
    SELECT CAST(q AS INTEGER) AS quarter, CAST(3 * q - 2 AS INTEGER) AS month_from,
           CAST(3 * q AS INTEGER) AS month_to
    FROM range(1, 5) AS t(q)
),

-- One pass over the ranges inside each quarter: the quarter's own range, and its single months.
per_quarter AS NOT MATERIALIZED (
    SELECT r.area, r.indicator, r.year, q.quarter, q.month_from, q.month_to,
           max(struct_pack(value := r.value, unit := r.unit, method := r.method, estimate := r.estimate,
                           route := r.route, doc_id := r.doc_id, doc_id_subtracted := r.doc_id_subtracted))
               FILTER (WHERE r.month_from = q.month_from AND r.month_to = q.month_to) AS whole,
           count(*) FILTER (WHERE r.month_from = r.month_to) AS months_known,
           -- Added in month order: a float sum in another order can differ in its last bit.
           sum(r.value ORDER BY r.month_from) FILTER (WHERE r.month_from = r.month_to) AS months_value,
           min(r.unit) FILTER (WHERE r.month_from = r.month_to) AS months_unit,
           bool_or(r.estimate) FILTER (WHERE r.month_from = r.month_to) AS months_estimate,
           list(struct_pack(month := r.month_from, route := r.route, doc_id := r.doc_id))
               FILTER (WHERE r.month_from = r.month_to) AS months
    FROM ranges AS r
    JOIN quarters AS q ON r.month_from >= q.month_from AND r.month_to <= q.month_to
    GROUP BY r.area, r.indicator, r.year, q.quarter, q.month_from, q.month_to
),

kinds AS NOT MATERIALIZED (
    SELECT * FROM (VALUES ('range'), ('sum_of_months')) AS k(kind)
),

-- The sum of months only when all three are known: a missing month leaves it to other routes.
final AS NOT MATERIALIZED (
    SELECT p.area, p.indicator, p.year, p.quarter, p.month_from, p.month_to,
           CASE k.kind WHEN 'range' THEN p.whole.value ELSE p.months_value END AS value,
           CASE k.kind WHEN 'range' THEN p.whole.unit ELSE p.months_unit END AS unit,
           CASE k.kind WHEN 'range' THEN p.whole.method ELSE 'sum_of_months' END AS method,
           CASE k.kind WHEN 'range' THEN p.whole.estimate ELSE p.months_estimate END AS estimate,
           CASE k.kind WHEN 'range' THEN p.whole.route
                       ELSE array_to_string(list_transform(list_sort(p.months), lambda m: m.route), ' + ')
                       END AS route,
           CASE k.kind WHEN 'range' THEN p.whole.doc_id
                       ELSE array_to_string(list_sort(list_distinct(list_transform(p.months, lambda m: m.doc_id))), ',')
                       END AS doc_id,
           CASE k.kind WHEN 'range' THEN p.whole.doc_id_subtracted END AS doc_id_subtracted
    FROM per_quarter AS p
    CROSS JOIN kinds AS k
    WHERE (k.kind = 'range' AND p.whole IS NOT NULL)
       OR (k.kind = 'sum_of_months' AND p.months_known = 3)
)

SELECT * FROM final;

COMMENT ON VIEW quarter_routes IS 'Every route to a quarter''s value: the quarter range (reported, derived_ytd, derived_range) and the sum of its three months (sum_of_months). quarterly picks one.';
