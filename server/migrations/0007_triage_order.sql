-- Triage ranks ties by the potential saving: within the same points, the request with the larger
-- recomputed saving (VND a year) first, then the newest. The list still reads this index alone
-- (the filters, the count and the page's ids), and its ORDER BY walks it with no sorting.
DROP INDEX requests_triage;
CREATE INDEX requests_triage ON requests (triage_points, potential_vnd, received_at, id, status,
    sector, assessor_id, key_energy_user, company, receipt, tax_code);
-- The count of a list filtered by status (and often sector): a range of this index instead of a
-- walk of the whole sort index (at 100,000 requests about 1 ms instead of 40 ms, sqlite3 on a
-- synthetic database). It holds every column a filter reads, so the count reads it alone.
CREATE INDEX requests_filters ON requests (status, sector, assessor_id, key_energy_user,
    received_at, company, receipt, tax_code);
