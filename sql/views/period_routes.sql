-- One row is one route to the value of one month range of one additive amount: the range as reported, or a longer reported range minus a nested one sharing its start or its end.
CREATE OR REPLACE VIEW period_routes AS
WITH

chosen AS (
    SELECT * FROM indicator_values
),

indicators AS (
    SELECT * FROM main.indicators
),

-- Only amounts are summed or differenced: actual figures of additive indicators in the
-- indicator's canonical unit (money in million VND; a figure in another unit is left out).
amounts AS (
    SELECT c.area, c.indicator, c.year, c.month_from, c.month_to, c.value, c.unit, c.estimate, c.doc_id
    FROM chosen AS c
    JOIN indicators AS i ON i.code = c.indicator AND i.unit = c.unit
    WHERE c.measure = 'actual' AND i.additive
),

reported AS (
    SELECT area, indicator, year, month_from, month_to, value, unit, estimate,
           'reported' AS method,
           '[' || month_from || '..' || month_to || ']' AS route,
           doc_id,
           CAST(NULL AS VARCHAR) AS doc_id_subtracted,
           month_from AS longer_from, month_to AS longer_to
    FROM amounts
),

-- [f..t] − [g..t] = [f..g−1] when f < g: e.g. [1..2] − [2..2] = [1..1].
same_end AS (
    SELECT longer.area, longer.indicator, longer.year,
           longer.month_from AS month_from,
           shorter.month_from - 1 AS month_to,
           longer.value - shorter.value AS value,
           longer.unit,
           longer.estimate OR shorter.estimate AS estimate,
           'derived_range' AS method,
           '[' || longer.month_from || '..' || longer.month_to || '] − ['
               || shorter.month_from || '..' || shorter.month_to || ']' AS route,
           longer.doc_id,
           shorter.doc_id AS doc_id_subtracted,
           longer.month_from AS longer_from, longer.month_to AS longer_to
    FROM amounts AS longer
    JOIN amounts AS shorter
      ON shorter.area = longer.area AND shorter.indicator = longer.indicator
     AND shorter.year = longer.year AND shorter.month_to = longer.month_to
     AND shorter.month_from > longer.month_from
),

-- [f..t] − [f..s] = [s+1..t] when s < t: e.g. [1..8] − [1..7] = [8..8], [1..6] − [1..3] = [4..6].
-- From the start of the year this is the usual cumulative (year-to-date) difference.
same_start AS (
    SELECT longer.area, longer.indicator, longer.year,
           shorter.month_to + 1 AS month_from,
           longer.month_to AS month_to,
           longer.value - shorter.value AS value,
           longer.unit,
           longer.estimate OR shorter.estimate AS estimate,
           CASE WHEN longer.month_from = 1 THEN 'derived_ytd' ELSE 'derived_range' END AS method,
           '[' || longer.month_from || '..' || longer.month_to || '] − ['
               || shorter.month_from || '..' || shorter.month_to || ']' AS route,
           longer.doc_id,
           shorter.doc_id AS doc_id_subtracted,
           longer.month_from AS longer_from, longer.month_to AS longer_to
    FROM amounts AS longer
    JOIN amounts AS shorter
      ON shorter.area = longer.area AND shorter.indicator = longer.indicator
     AND shorter.year = longer.year AND shorter.month_from = longer.month_from
     AND shorter.month_to < longer.month_to
),

final AS (
    SELECT * FROM reported
    UNION ALL
    SELECT * FROM same_end
    UNION ALL
    SELECT * FROM same_start
)

SELECT * FROM final;

COMMENT ON VIEW period_routes IS 'Every route to the value of a month range of an additive amount: reported, or derived by difference of two nested chosen values sharing a start or an end. period_values picks one route per range.';
COMMENT ON COLUMN period_routes.method IS 'reported; derived_ytd (a cumulative figure minus a shorter cumulative one, [1..8] − [1..7]); derived_range (any other nested difference, [1..2] − [2..2]).';
COMMENT ON COLUMN period_routes.route IS 'The ranges used, e.g. [1..8] − [1..7].';
COMMENT ON COLUMN period_routes.doc_id IS 'Document of the reported range, or of the longer range of a difference.';
COMMENT ON COLUMN period_routes.doc_id_subtracted IS 'Document of the range subtracted (NULL when reported).';
COMMENT ON COLUMN period_routes.estimate IS 'True when any figure used is an estimate.';
