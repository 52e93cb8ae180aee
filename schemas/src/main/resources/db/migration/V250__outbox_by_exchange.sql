-- Relays claim due rows of ONE exchange, oldest first (worker: jobagent.receipts; ingest-api:
-- jobagent.commands): this index lets each claim read only its own exchange's rows in id order
-- instead of scanning past the other relay's backlog.
create index outbox_exchange_id_idx on outbox (exchange, id);
