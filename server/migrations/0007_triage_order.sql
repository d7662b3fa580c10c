-- Triage ranks ties by the potential saving: within the same points, the request with the larger
-- recomputed saving (VND a year) first, then the newest. The list still reads this index alone
-- (the filters, the count and the page's ids), and its ORDER BY walks it with no sorting.
DROP INDEX requests_triage;
CREATE INDEX requests_triage ON requests (triage_points, potential_vnd, received_at, id, status,
    sector, assessor_id, key_energy_user, company, receipt, tax_code);
