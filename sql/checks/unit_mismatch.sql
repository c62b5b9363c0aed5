-- One row is an actual or target figure whose unit is not its indicator's canonical unit; rollups leave it out.
SELECT o.doc_id, o.area, o.indicator, o.year, o.month_from, o.month_to, o.measure, o.value,
       o.unit, i.unit AS expected_unit
FROM observations AS o
JOIN indicators AS i ON i.code = o.indicator
WHERE o.measure IN ('actual', 'target') AND o.unit <> i.unit
