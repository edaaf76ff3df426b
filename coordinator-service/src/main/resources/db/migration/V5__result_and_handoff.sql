-- what a finished mission delivered, kept with it; and whether a person approved the hand-off
alter table mission add column result           text;
alter table mission add column handoff_approved boolean not null default false;
