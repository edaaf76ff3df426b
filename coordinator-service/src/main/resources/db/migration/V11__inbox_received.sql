-- pruning finds old inbox rows by time; they arrive in time order, so a block-range index is enough and costs
-- almost nothing per insert
create index inbox_received on inbox using brin (received_at);
