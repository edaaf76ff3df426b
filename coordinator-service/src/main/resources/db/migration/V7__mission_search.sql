-- Text search on goal and title (GET /missions?q=): trigram indexes serve "contains" (lower(x) like '%word%'),
-- so the search stays fast at many thousands of missions. pg_trgm is a trusted extension: a database owner may create it.
create extension if not exists pg_trgm;
create index mission_goal_trgm on mission using gin (lower(goal) gin_trgm_ops);
create index mission_title_trgm on mission using gin (lower(title) gin_trgm_ops);
