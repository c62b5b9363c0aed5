-- One row is a figure the loader refused, with its reason (see the quarantine table).
SELECT doc_id, area, indicator, year, month_from, month_to, measure, value, unit, reason
FROM quarantine
