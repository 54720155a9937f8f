-- Visits and 回访 answered from indexes (measured at 5万 households, 37万 visits and 7万 steps
-- of 诉求 by `benches/grid.rs`):
-- a household's visits by day, covering whether each was binned: its last visit, which the
-- due list takes for every household cared for, without reading a visit row (67 ms → 27 ms);
DROP INDEX visit_household;
CREATE INDEX visit_household ON visit(household_id, visited_on, deleted_at);
-- the month's visits by day, covering the household (the 网格工作月报: 24 ms → 2 ms);
DROP INDEX visit_day;
CREATE INDEX visit_day ON visit(visited_on, household_id, deleted_at);
-- the month's 回访, the steps with a verdict, by day (8 ms → 1 ms).
CREATE INDEX appeal_step_call_back ON appeal_step(on_day) WHERE satisfaction IS NOT NULL;
