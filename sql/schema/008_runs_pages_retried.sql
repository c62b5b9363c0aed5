-- One row is one pipeline run; this file gives it the count of pages it fetched again because earlier runs failed them.
--
-- Why: the run's summary already says how many failed pages it retried; the `runs`
-- table is where an analyst looks back over scheduled runs, so the count belongs there
-- too. Rows written before this column existed keep NULL (not known), not 0.
ALTER TABLE runs ADD COLUMN pages_retried INTEGER;

COMMENT ON COLUMN runs.pages_retried IS 'Pages that had failed in earlier runs and were fetched again by this one (counted in pages_fetched or pages_failed too).';
