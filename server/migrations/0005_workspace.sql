-- Issue 23: the staff workspace.
--
-- Roles: an officer handles requests, an assessor the requests assigned to them, an
-- administrator the accounts. The accounts there before are officers.
ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'officer'
    CHECK (role IN ('officer', 'assessor', 'admin'));
-- The assessor an officer assigned to the request (none at first).
ALTER TABLE requests ADD COLUMN assessor_id INTEGER REFERENCES staff (id);
-- The enterprise's tax code (mã số thuế) as sent, '' when not given. It names the enterprise,
-- not a person: anonymisation keeps it.
ALTER TABLE requests ADD COLUMN tax_code TEXT NOT NULL DEFAULT '';
-- Triage, computed when a request is stored and, for requests stored before, when the service
-- starts (`triaged_at` NULL: not yet). The company's name normalised (NFC, lower case, without
-- the legal-form words, single spaces) finds duplicates when no tax code is given. The
-- potentials are the midpoints of the core's recomputed savings a year; `annual_toe` is the
-- factory's own consumption in TOE (NULL when it gave none).
ALTER TABLE requests ADD COLUMN company_key TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN potential_vnd REAL NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN potential_toe REAL NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN potential_tco2 REAL NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN annual_toe REAL;
ALTER TABLE requests ADD COLUMN key_energy_user INTEGER NOT NULL DEFAULT 0;
-- Depends on the Department's triage file (content/triage.toml) as well: recomputed for every
-- row when that file changes (`triage_policy` keeps the digest of the file the points follow).
ALTER TABLE requests ADD COLUMN pollution_risk INTEGER NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN triage_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN triaged_at TEXT;
CREATE TABLE triage_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    digest TEXT NOT NULL
);
-- The list, sorted by date or by triage: the filters, the search and the page's ids read these
-- indexes alone, never the rows with their large JSON columns (the columns above sit after
-- them in each row).
DROP INDEX requests_list;
CREATE INDEX requests_list ON requests (received_at, id, status, sector, assessor_id,
    key_energy_user, company, receipt, tax_code);
CREATE INDEX requests_triage ON requests (triage_points, received_at, id, status, sector,
    assessor_id, key_energy_user, company, receipt, tax_code);
CREATE INDEX requests_untriaged ON requests (triaged_at) WHERE triaged_at IS NULL;
-- Possible duplicates: the same tax code, or else the same normalised name.
CREATE INDEX requests_by_tax_code ON requests (tax_code) WHERE tax_code <> '';
CREATE INDEX requests_by_company_key ON requests (company_key);
CREATE INDEX requests_by_assessor ON requests (assessor_id, received_at);
