-- Jobagent: the one shared database. Owned here (schemas module), applied by ingest-api and worker
-- through Flyway (Flyway takes an advisory lock, so two applications starting together is safe).
--
-- Naming: one table per concept; the request row is at the same time the dedupe key, the request
-- and its receipt, so that an accepted call is exactly two inserts (request + outbox).

-- ---------------------------------------------------------------------------------------------
-- Requests, dedupe keys and receipts
-- ---------------------------------------------------------------------------------------------
create table request (
    client_id        text        not null,
    request_id       varchar(46) not null,
    operation        text        not null check (operation in ('CREATE', 'UPDATE', 'DELETE')),
    -- the citizen; needed by the worker. Never logged in full (see CprMask), never in an error body.
    cpr              char(10)    not null,
    access_category  text        not null,
    -- SHA-256 over operation, cpr and body: a repeat with another body gets its own 412 type
    body_hash        bytea       not null,
    body             jsonb,
    received_at      timestamptz not null,
    -- bulk lines carry the file's execution id; API calls leave it null
    bulk_file_id     text,
    trace_parent     text,
    -- receipt
    status           text        not null default 'PENDING'
                         check (status in ('PENDING', 'COMPLETED', 'REJECTED', 'FAILED')),
    completed_at     timestamptz,
    result           jsonb,
    errors           jsonb,
    warnings         jsonb,
    primary key (client_id, request_id)
);
-- retention purge walks this
create index request_received_at_idx on request (received_at);
-- a receipt is looked up by requestId within the caller's client id: the primary key serves it

-- Transactional outbox: rows are published by a relay (publisher confirms) and deleted on a positive
-- confirm. Commands (ingest-api) and replies (worker) share it: any running relay publishes any row.
create table outbox (
    id           bigint generated always as identity primary key,
    exchange     text        not null,
    routing_key  text        not null,
    message_id   text        not null,
    payload      bytea       not null,
    headers      jsonb,
    created_at   timestamptz not null default now(),
    attempts     int         not null default 0,
    not_before   timestamptz
);

-- ---------------------------------------------------------------------------------------------
-- Enrolments (tilmeldinger) and job wishes (jobønsker): kept as history
-- ---------------------------------------------------------------------------------------------
create table enrolment (
    id                          bigint generated always as identity primary key,
    cpr                         char(10)    not null,
    client_category             text        not null,
    unemployment_status         text        not null,
    enrolment_date              date        not null,
    end_date                    date,
    haendelsesdato              timestamptz,
    email                       text,
    created_by_client           text        not null,
    created_request_id          varchar(46) not null,
    ended_by_client             text,
    ended_request_id            varchar(46),
    updated_at                  timestamptz not null default now()
);
-- at most one open enrolment per citizen
create unique index enrolment_open_uq on enrolment (cpr) where end_date is null;
create index enrolment_cpr_idx on enrolment (cpr, enrolment_date);

create table job_wish (
    enrolment_id          bigint  not null references enrolment (id),
    job_target_id         uuid    not null,
    concept_uri           text    not null,
    alias_id              uuid,
    has_education         boolean not null,
    year_last_used        int,
    months_of_experience  int,
    ended                 boolean not null default false,
    primary key (enrolment_id, job_target_id)
);

-- ---------------------------------------------------------------------------------------------
-- Reference data (SPEC §5): loaded by operators, read by the rules
-- ---------------------------------------------------------------------------------------------
create table person (
    cpr                        char(10) primary key,
    death_date                 date,
    abroad                     boolean not null default false,
    temporary_foreign_address  boolean not null default false,
    has_jobnet_cv              boolean not null default false,
    email                      text,
    jobcenter_code             text
);

create table absence (
    cpr           char(10) not null,
    absence_type  text     not null,
    from_date     date     not null,
    to_date       date,
    primary key (cpr, absence_type, from_date)
);

create table occupation (
    concept_uri  text primary key,
    label        text not null,
    status       text not null check (status in ('Aktiv', 'Inaktiv', 'Fravalgt'))
);

create table occupation_alias (
    alias_id     uuid primary key,
    concept_uri  text not null,
    label        text not null
);
create index occupation_alias_concept_idx on occupation_alias (concept_uri);

-- ---------------------------------------------------------------------------------------------
-- Code lists (SPEC §4 defaults), changeable without code changes
-- ---------------------------------------------------------------------------------------------
create table client_category (
    code                 text primary key,
    enrollable           boolean not null,
    profession_required  boolean not null,
    min_age              int     not null,
    max_age              int,
    contact_group        text    not null
);

create table unemployment_status (
    code text primary key
);

create table category_status (
    client_category      text not null references client_category (code),
    unemployment_status  text not null references unemployment_status (code),
    primary key (client_category, unemployment_status)
);

create table absence_type (
    code               text primary key,
    blocks_enrolment   boolean not null
);

-- 4645: an absence of this type conflicts with these categories' contact group
create table absence_conflict (
    absence_type     text not null references absence_type (code),
    client_category  text not null references client_category (code),
    primary key (absence_type, client_category)
);

create table interview_contact_type (
    code text primary key
);

create table interview_type (
    code  int  primary key,
    name  text not null
);

insert into client_category (code, enrollable, profession_required, min_age, max_age, contact_group) values
    ('DAGPENGE',          true,  true,  18, 64,   'DAGPENGE'),
    ('KONTANTHJAELP',     true,  true,  30, 64,   'KONTANTHJAELP'),
    ('UDDANNELSESHJAELP', true,  false, 18, 29,   'UDDANNELSESHJAELP'),
    ('UDEN_YDELSE',       true,  false, 15, null, 'UDEN_YDELSE'),
    ('SYGEDAGPENGE',      false, false, 18, null, 'SYGEDAGPENGE');

insert into unemployment_status (code) values ('FULDT_LEDIG'), ('DELVIST_LEDIG'), ('IKKE_LEDIG');

insert into category_status (client_category, unemployment_status) values
    ('DAGPENGE', 'FULDT_LEDIG'),
    ('DAGPENGE', 'DELVIST_LEDIG'),
    ('KONTANTHJAELP', 'FULDT_LEDIG'),
    ('UDDANNELSESHJAELP', 'FULDT_LEDIG'),
    ('UDEN_YDELSE', 'FULDT_LEDIG'),
    ('UDEN_YDELSE', 'DELVIST_LEDIG'),
    ('UDEN_YDELSE', 'IKKE_LEDIG');

insert into absence_type (code, blocks_enrolment) values ('BARSEL', true), ('SYGDOM', false), ('FERIE', false);

insert into absence_conflict (absence_type, client_category) values
    ('SYGDOM', 'DAGPENGE'),
    ('SYGDOM', 'KONTANTHJAELP');

insert into interview_contact_type (code) values ('PERSONLIGT_FREMMOEDE'), ('TELEFONISK'), ('DIGITALT'), ('ANDET');

insert into interview_type (code, name) values
    (7, 'Jobsamtale'), (9, 'Informationsmøde'), (10, 'CV-samtale'), (15, 'Rådighedssamtale');
