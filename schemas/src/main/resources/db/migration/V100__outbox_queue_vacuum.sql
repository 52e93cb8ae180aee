-- ingest-api (V100–V199). The outbox is a queue table: every row is inserted, published within
-- milliseconds and deleted, thousands per second under load. With the default thresholds (20% of
-- the table) autovacuum and analyze come far too late: the relays' claim scans wade through dead
-- index entries and plan with statistics that say the table is empty. Vacuum and analyze it after
-- a fixed number of changes instead.
alter table outbox set (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 5000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0
);
