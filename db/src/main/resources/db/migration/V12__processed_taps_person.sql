-- A tap's stored answer may hold the name of whoever tapped, staff as well as children: the row names that person,
-- so that erasing a person finds every answer that names them (before, staff taps had no one here).
ALTER TABLE iot.processed_taps RENAME COLUMN student_id TO person_id;
ALTER INDEX iot.processed_taps_student_idx RENAME TO processed_taps_person_idx;
