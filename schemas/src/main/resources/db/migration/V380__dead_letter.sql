-- Dead-lettered command messages, copied out of jobagent.commands.dlq by the worker so operators can
-- list and re-drive them (SPEC §8, bin/jobagent dlq). One row per message id: a redelivery of the
-- same DLQ message is a no-op; a re-driven message that dies again reopens its row (same id).
create sequence dead_letter_seq;

create table dead_letter (
  -- short and typeable: dl-1, dl-2, ... (bin/jobagent dlq redrive dl-7)
  id                   text primary key default 'dl-' || nextval('dead_letter_seq'),
  -- the AMQP message id; when a message had none, 'sha256:' || the payload's hash
  message_id           text        not null unique,
  original_exchange    text        not null,
  -- null when neither the headers nor the payload tell it: such a row cannot be re-driven
  original_routing_key text,
  payload              bytea       not null,
  -- the message headers as JSON (x-death, reason, attempt, traceparent, ...)
  headers              jsonb       not null default '{}'::jsonb,
  -- CPR-masked, at most 1000 characters
  reason               text        not null,
  attempts             integer     not null,
  first_death_at       timestamptz not null,
  stored_at            timestamptz not null default now(),
  redriven_at          timestamptz,
  -- how often it was re-driven; the re-driven message carries it, so a copy that dies again is
  -- told apart from a late redelivery of an older copy
  redrive_count        integer     not null default 0
);

create index dead_letter_stored_at_idx on dead_letter (stored_at desc);
-- the depth gauge and "redrive --all" read only rows still waiting
create index dead_letter_waiting_idx on dead_letter (stored_at) where redriven_at is null;
