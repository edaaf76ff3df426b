-- a decision is written in one statement that applies only while the mission's version is the one its read saw
alter table mission add column version bigint not null default 0;
