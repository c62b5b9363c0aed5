-- One row is a key of indicator_values that the view returns more than once (must never happen).
SELECT area, indicator, year, month_from, month_to, measure, count(*) AS n
FROM indicator_values
GROUP BY area, indicator, year, month_from, month_to, measure
HAVING count(*) > 1
