-- One row is a disagreement of more than 0.5 % between two routes to one figure (the reconciliation view).
SELECT * FROM reconciliation
