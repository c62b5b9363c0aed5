-- One row is a difference of two nested figures that came out negative: the two figures cannot both be right, and the range stays without a derived value.
SELECT area, indicator, year, month_from, month_to, value, route, doc_id, doc_id_subtracted
FROM period_routes
WHERE method <> 'reported' AND value < 0
