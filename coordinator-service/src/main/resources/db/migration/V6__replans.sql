-- bounded re-planning: how many re-plans a mission used, and why one is due (set while the mission is PLANNING)
alter table mission add column replans       int not null default 0;
alter table mission add column replan_reason text;
create index mission_replan_due on mission (id) where replan_reason is not null;

-- a re-plan sets the subtasks it drops to REPLACED and may reuse their keys: a key is unique among the live ones
drop index subtask_plan_key;
create unique index subtask_plan_key on subtask (mission_id, plan_key) where status <> 'REPLACED';
