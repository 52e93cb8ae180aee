-- Bulk files uploaded over HTTP (issue #11, SPEC §7): POST /v1/bulk-files in ingest-api, picked up
-- by the worker. The file itself lives in the shared inbox directory; this row is the upload's
-- identity (Location /v1/bulk-files/{id}), its owner, its dedupe key and the link to the Spring
-- Batch execution that processes it.
--
-- status is the upload's own life cycle; once job_execution_id is set the public status comes from
-- Spring Batch's tables instead:
--   UPLOADING     the body is being streamed to <name>.part (the row reserves the x-requestId, so a
--                 concurrent repeat gets 412; a failed upload deletes its row again)
--   RECEIVED      the complete file was renamed into the inbox; the nightly scan will start it
--   QUEUED        as RECEIVED, but ?start=now: the worker's upload poller starts it at once
--   STARTED       a job execution exists (job_execution_id)
--   START_FAILED  the worker could not start it (reason in detail)
create table bulk_file (
    id                uuid         primary key,
    client_id         text         not null,
    request_id        varchar(46)  not null,
    file_name         text         not null,   -- the caller's name for it (display only)
    stored_name       text         not null,   -- the name in <inbox>/<client_id>/ and of the result
    size_bytes        bigint,
    line_count        bigint,
    status            text         not null
                          check (status in ('UPLOADING', 'RECEIVED', 'QUEUED', 'STARTED',
                                            'START_FAILED')),
    start_now         boolean      not null default false,
    created_at        timestamptz  not null default now(),
    job_execution_id  bigint,
    detail            text,
    constraint bulk_file_request_unique unique (client_id, request_id),
    constraint bulk_file_stored_unique unique (client_id, stored_name)
);

-- The worker's poller claims QUEUED rows and links RECEIVED rows the nightly scan started.
create index bulk_file_waiting_idx on bulk_file (status) where status in ('QUEUED', 'RECEIVED');

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'jobagent_app') then
        grant select, insert, update, delete on bulk_file to jobagent_app;
    end if;
end $$;
