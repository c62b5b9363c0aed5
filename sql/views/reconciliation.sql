-- One row is one place where two routes to the same figure disagree by more than 0.5 %: a reported range against its derivation, a quarter against its months, a year against its quarters, two documents for one key.
CREATE OR REPLACE VIEW reconciliation AS
WITH

routes AS NOT MATERIALIZED (
    SELECT * FROM period_routes
),

ranges AS NOT MATERIALIZED (
    SELECT * FROM period_values
),

quarter_candidates AS NOT MATERIALIZED (
    SELECT * FROM quarter_routes
),

quarters AS NOT MATERIALIZED (
    SELECT * FROM quarterly
),

chosen AS NOT MATERIALIZED (
    SELECT * FROM indicator_values
),

observations AS NOT MATERIALIZED (
    SELECT * FROM main.observations
),

-- A reported month (or range) against each derivation of it from other reported figures.
range_vs_derivation AS NOT MATERIALIZED (
    SELECT CASE WHEN r.month_from = r.month_to THEN 'month_vs_derivation' ELSE 'range_vs_derivation' END AS kind,
           r.area, r.indicator, r.year, r.month_from, r.month_to, 'actual' AS measure,
           r.value AS value_a, d.value AS value_b,
           'reported ' || r.route AS route_a, d.method || ' ' || d.route AS route_b,
           r.doc_id AS doc_a,
           d.doc_id || coalesce(',' || d.doc_id_subtracted, '') AS doc_b
    FROM routes AS r
    JOIN routes AS d USING (area, indicator, year, month_from, month_to)
    WHERE r.method = 'reported' AND d.method <> 'reported'
),

quarter_vs_months AS NOT MATERIALIZED (
    SELECT 'quarter_vs_months' AS kind,
           q.area, q.indicator, q.year, q.month_from, q.month_to, 'actual' AS measure,
           q.value AS value_a, s.value AS value_b,
           q.method || ' ' || q.route AS route_a, 'sum_of_months ' || s.route AS route_b,
           q.doc_id || coalesce(',' || q.doc_id_subtracted, '') AS doc_a, s.doc_id AS doc_b
    FROM ranges AS q
    JOIN quarter_candidates AS s USING (area, indicator, year, month_from, month_to)
    WHERE s.method = 'sum_of_months'
),

year_vs_quarters AS NOT MATERIALIZED (
    SELECT 'year_vs_quarters' AS kind,
           y.area, y.indicator, y.year, 1 AS month_from, 12 AS month_to, 'actual' AS measure,
           y.value AS value_a, q.value AS value_b,
           y.method || ' ' || y.route AS route_a, 'sum_of_quarters' AS route_b,
           y.doc_id AS doc_a, q.doc_id AS doc_b
    FROM ranges AS y
    JOIN (SELECT area, indicator, year, sum(value ORDER BY quarter) AS value,      -- as yearly adds them
                 array_to_string(list_sort(list_distinct(flatten(list(string_split(doc_id, ','))))), ',') AS doc_id
          FROM quarters GROUP BY area, indicator, year HAVING count(*) = 4) AS q
      USING (area, indicator, year)
    WHERE y.month_from = 1 AND y.month_to = 12
),

-- Every measure, amounts and percentages alike: the chosen figure against each other document's.
between_documents AS NOT MATERIALIZED (
    SELECT 'documents' AS kind,
           c.area, c.indicator, c.year, c.month_from, c.month_to, c.measure,
           c.value AS value_a, o.value AS value_b,
           CASE WHEN c.estimate THEN 'chosen estimate' ELSE 'chosen final' END AS route_a,
           CASE WHEN o.estimate THEN 'other estimate' ELSE 'other final' END AS route_b,
           c.doc_id AS doc_a, o.doc_id AS doc_b
    FROM chosen AS c
    JOIN observations AS o USING (area, indicator, year, month_from, month_to, measure)
    WHERE o.doc_id <> c.doc_id AND c.n_sources > 1
),

candidates AS NOT MATERIALIZED (
    SELECT * FROM range_vs_derivation
    UNION ALL SELECT * FROM quarter_vs_months
    UNION ALL SELECT * FROM year_vs_quarters
    UNION ALL SELECT * FROM between_documents
),

final AS NOT MATERIALIZED (
    SELECT kind, area, indicator, year, month_from, month_to, measure,
           value_a, value_b, route_a, route_b, doc_a, doc_b,
           round(100 * abs(value_a - value_b) / greatest(abs(value_a), abs(value_b)), 2) AS difference_pct
    FROM candidates
    WHERE abs(value_a - value_b) > 0.005 * greatest(abs(value_a), abs(value_b))
)

SELECT * FROM final;

COMMENT ON VIEW reconciliation IS 'Every place where two routes to the same figure disagree by more than 0.5 %: a reported month/range against its derivation, a quarter against the sum of its months, a year against its quarters, and two documents stating one key.';
COMMENT ON COLUMN reconciliation.kind IS 'month_vs_derivation, range_vs_derivation, quarter_vs_months, year_vs_quarters or documents.';
COMMENT ON COLUMN reconciliation.value_a IS 'The figure in use (reported, or the chosen document''s).';
COMMENT ON COLUMN reconciliation.value_b IS 'The figure by the other route.';
COMMENT ON COLUMN reconciliation.route_a IS 'How value_a was obtained.';
COMMENT ON COLUMN reconciliation.route_b IS 'How value_b was obtained (e.g. derived_ytd [1..8] − [1..7]).';
COMMENT ON COLUMN reconciliation.doc_a IS 'Document(s) behind value_a.';
COMMENT ON COLUMN reconciliation.doc_b IS 'Document(s) behind value_b.';
COMMENT ON COLUMN reconciliation.difference_pct IS 'abs(a − b) as a percent of the larger of the two.';
