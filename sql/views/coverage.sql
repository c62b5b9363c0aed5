-- One row is one year of one additive amount in one area: which months are known (reported or derived) and which are missing up to the last month any figure covers.
CREATE OR REPLACE VIEW coverage AS
WITH

chosen AS NOT MATERIALIZED (
    SELECT * FROM indicator_values
),

indicators AS NOT MATERIALIZED (
    SELECT * FROM main.indicators
),

months AS NOT MATERIALIZED (
    SELECT * FROM monthly
),

-- Every year an amount has any actual figure for, and the last month those figures reach.
years AS NOT MATERIALIZED (
    SELECT c.area, c.indicator, c.year, max(c.month_to) AS latest_month
    FROM chosen AS c
    JOIN indicators AS i ON i.code = c.indicator AND i.unit = c.unit
    WHERE c.measure = 'actual' AND i.additive
    GROUP BY c.area, c.indicator, c.year
),

known AS NOT MATERIALIZED (
    SELECT area, indicator, year,
           list(month ORDER BY month) AS months_known,
           list(month ORDER BY month) FILTER (WHERE method = 'reported') AS months_reported,
           list(month ORDER BY month) FILTER (WHERE method <> 'reported') AS months_derived
    FROM months
    GROUP BY area, indicator, year
),

final AS NOT MATERIALIZED (
    SELECT y.area, y.indicator, y.year, y.latest_month,
           coalesce(k.months_known, []) AS months_known,
           coalesce(k.months_reported, []) AS months_reported,
           coalesce(k.months_derived, []) AS months_derived,
           list_filter(CAST(range(1, y.latest_month + 1) AS INTEGER[]),
                       lambda m: NOT list_contains(coalesce(k.months_known, []), m)) AS months_missing,
           len(coalesce(k.months_known, [])) AS n_known
    FROM years AS y
    LEFT JOIN known AS k USING (area, indicator, year)
)

SELECT * FROM final;

COMMENT ON VIEW coverage IS 'For each area, additive amount and year: the months known in monthly (reported or derived) and the months missing up to latest_month. Check it before trusting a chart.';
COMMENT ON COLUMN coverage.latest_month IS 'The last month any actual figure of that year reaches (e.g. 8 for a [1..8] cumulative figure).';
COMMENT ON COLUMN coverage.months_known IS 'Months with a value in monthly.';
COMMENT ON COLUMN coverage.months_reported IS 'Months a document states directly.';
COMMENT ON COLUMN coverage.months_derived IS 'Months derived by difference of two ranges.';
COMMENT ON COLUMN coverage.months_missing IS 'Months 1..latest_month with no value: monthly has no row for them (never zero).';
COMMENT ON COLUMN coverage.n_known IS 'How many months are known.';
