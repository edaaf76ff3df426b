-- budgets (null = unlimited) and usage, per mission; usage per subtask adds up to usage per role
alter table mission add column budget_max_tokens             bigint;
alter table mission add column budget_max_cost_usd           double precision;
alter table mission add column budget_max_wall_clock_seconds bigint;
alter table mission add column input_tokens  bigint           not null default 0;
alter table mission add column output_tokens bigint           not null default 0;
alter table mission add column cached_tokens bigint           not null default 0;
alter table mission add column cost_usd      double precision not null default 0;
alter table mission add column steps         int              not null default 0;

alter table subtask add column input_tokens  bigint           not null default 0;
alter table subtask add column output_tokens bigint           not null default 0;
alter table subtask add column cached_tokens bigint           not null default 0;
alter table subtask add column cost_usd      double precision not null default 0;
alter table subtask add column steps         int              not null default 0;
