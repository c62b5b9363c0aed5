-- One row is a document id that observations or quarantine use but documents does not hold.
SELECT 'observations' AS in_table, o.doc_id, count(*) AS n
FROM observations AS o ANTI JOIN documents AS d USING (doc_id)
GROUP BY o.doc_id
UNION ALL
SELECT 'quarantine' AS in_table, q.doc_id, count(*) AS n
FROM quarantine AS q ANTI JOIN documents AS d USING (doc_id)
GROUP BY q.doc_id
