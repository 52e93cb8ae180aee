-- Spring Batch's job repository (the worker's bulk job, SPEC §7), under Flyway like every other
-- table, so that both applications see one schema history and nobody runs Spring Batch's own
-- initializer (spring.batch.jdbc.initialize-schema stays at its default, which never touches
-- PostgreSQL).
--
-- Written from the documented meta-data schema (Spring Batch reference, "Meta-Data Schema"): the
-- table and column names and the three sequences are what Spring Batch 6's JDBC DAOs read and
-- write; widths follow the documented limits (exit messages are truncated to 2500 characters).
-- Times are "timestamp" because Spring Batch stores LocalDateTime.

create sequence batch_job_instance_seq maxvalue 9223372036854775807 no cycle;
create sequence batch_job_execution_seq maxvalue 9223372036854775807 no cycle;
create sequence batch_step_execution_seq maxvalue 9223372036854775807 no cycle;

create table batch_job_instance (
    job_instance_id  bigint       not null primary key,
    version          bigint,
    job_name         varchar(100) not null,
    -- hash of the identifying job parameters
    job_key          varchar(32)  not null,
    constraint job_inst_un unique (job_name, job_key)
);

create table batch_job_execution (
    job_execution_id  bigint        not null primary key,
    version           bigint,
    job_instance_id   bigint        not null references batch_job_instance (job_instance_id),
    create_time       timestamp     not null,
    start_time        timestamp,
    end_time          timestamp,
    status            varchar(10),
    exit_code         varchar(2500),
    exit_message      varchar(2500),
    last_updated      timestamp
);
create index batch_job_execution_instance_idx on batch_job_execution (job_instance_id);

create table batch_job_execution_params (
    job_execution_id  bigint        not null references batch_job_execution (job_execution_id),
    parameter_name    varchar(100)  not null,
    parameter_type    varchar(100)  not null,
    parameter_value   varchar(2500),
    identifying       char(1)       not null
);
create index batch_job_execution_params_idx on batch_job_execution_params (job_execution_id);

create table batch_step_execution (
    step_execution_id   bigint        not null primary key,
    version             bigint        not null,
    step_name           varchar(100)  not null,
    job_execution_id    bigint        not null references batch_job_execution (job_execution_id),
    create_time         timestamp     not null,
    start_time          timestamp,
    end_time            timestamp,
    status              varchar(10),
    commit_count        bigint,
    read_count          bigint,
    filter_count        bigint,
    write_count         bigint,
    read_skip_count     bigint,
    write_skip_count    bigint,
    process_skip_count  bigint,
    rollback_count      bigint,
    exit_code           varchar(2500),
    exit_message        varchar(2500),
    last_updated        timestamp
);
create index batch_step_execution_job_idx on batch_step_execution (job_execution_id);

-- execution contexts: short_context holds the serialized context when it fits, else
-- serialized_context does
create table batch_step_execution_context (
    step_execution_id   bigint        not null primary key
                            references batch_step_execution (step_execution_id),
    short_context       varchar(2500) not null,
    serialized_context  text
);

create table batch_job_execution_context (
    job_execution_id    bigint        not null primary key
                            references batch_job_execution (job_execution_id),
    short_context       varchar(2500) not null,
    serialized_context  text
);
