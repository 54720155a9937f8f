-- A search finds persons, then their households: with (person_id) alone each match read the
-- household_member row for its household_id; (person_id, household_id) answers from the index
-- (issue 25: a one-character search at 5万 households, 4,700 matching residents, 5 -> 2.4 ms).
DROP INDEX household_member_person;
CREATE INDEX household_member_person ON household_member(person_id, household_id);
