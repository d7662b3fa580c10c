-- What the assessor asks for before the visit (bills, main equipment, working schedule),
-- as the widget's `request::Production`; requests stored before this migration have none.
ALTER TABLE requests ADD COLUMN production_json TEXT NOT NULL DEFAULT '{}';
