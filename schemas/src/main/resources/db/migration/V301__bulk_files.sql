-- Bulk files (SPEC §7), worker side.

-- One row per input line, written in the same transaction as the line's effects (request row,
-- enrolment, job wishes, reply): after a crash the committed lines have their results here and the
-- others have nothing anywhere, so a restart that resumes after the last committed chunk can
-- neither lose nor repeat a line. <file>.result.jsonl is written from this table at the end.
-- file_id is the Spring Batch job instance id (stable across restarts of the same file).
create table bulk_line_result (
    file_id       bigint      not null,
    line_no       int         not null,
    request_id    varchar(46),
    status        text        not null
                      check (status in ('PENDING', 'COMPLETED', 'REJECTED', 'FAILED', 'DUPLICATE')),
    codes         int[]       not null,
    warnings      int[],
    field_errors  jsonb,
    primary key (file_id, line_no)
);

-- The guard that one file is never processed by two executions at once (two operators, the cron
-- and an operator, two worker instances): a row per file being processed, naming the execution.
-- A row whose execution is no longer running (it ended, or a crash left it STARTED and an operator
-- recovered it) is taken over.
create table bulk_file_lock (
    file_path         text        primary key,
    client_id         text        not null,
    job_execution_id  bigint,
    locked_at         timestamptz not null default now()
);
