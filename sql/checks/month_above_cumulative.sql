-- One row is a chosen month figure of an additive amount larger (by more than 0.5 %) than the chosen cumulative figure ending that month.
SELECT m.area, m.indicator, m.year, m.month_to AS month,
       m.value AS month_value, c.value AS cumulative_value, m.doc_id AS month_doc, c.doc_id AS cumulative_doc
FROM indicator_values AS m
JOIN indicator_values AS c
  ON c.area = m.area AND c.indicator = m.indicator AND c.year = m.year AND c.measure = m.measure
 AND c.month_from = 1 AND c.month_to = m.month_to
JOIN indicators AS i ON i.code = m.indicator
WHERE m.measure = 'actual' AND i.additive
  AND m.month_from = m.month_to AND m.month_to > 1
  AND m.value > c.value * 1.005
