-- Audit trail of every read and write of a citizen's data (issue #10).
--
-- Append-only: rows are only ever inserted. Expiry drops whole monthly partitions (no row-by-row
-- delete), through audit_drop_partitions_before(), a SECURITY DEFINER function owned by the
-- migration owner; the application role jobagent_app may SELECT and INSERT only, and a trigger
-- refuses UPDATE, DELETE and TRUNCATE for everyone, the owner included.
--
-- The CPR is never stored in full: cpr_hmac is HMAC-SHA256(secret, cpr) (for look-up by CPR),
-- cpr_masked its masked form (010190****) for display. Both are null for records that concern no
-- single citizen (a reference-data file load).

create sequence audit_event_id_seq as bigint;

create table audit_event (
    id               bigint      not null default nextval('audit_event_id_seq'),
    occurred_at      timestamptz not null default clock_timestamp(),
    actor            text        not null,           -- caller client id, or batch/operator identity
    access_category  text,                           -- the caller's access category, when known
    operation        text        not null,           -- e.g. GetJobagent, CreateJobagent.accepted
    request_id       text,
    outcome          text        not null,           -- e.g. ACCEPTED, COMPLETED, REJECTED, 404
    code             int,                            -- the seed code, when one applies
    cpr_hmac         bytea,
    cpr_masked       text,
    detail           jsonb                           -- small extra facts (counts of a load)
) partition by range (occurred_at);

alter sequence audit_event_id_seq owned by audit_event.id;

-- Look-up by citizen, newest first. Created on the parent: every partition gets its own.
create index audit_event_by_cpr on audit_event (cpr_hmac, occurred_at desc);

-- Safety net for rows outside every prepared month (the maintenance job prepares months ahead).
create table audit_event_default partition of audit_event default;

-- Creates the monthly partitions covering [from_month, to_month] (UTC months) that do not exist.
-- A month whose rows already sit in the DEFAULT partition is skipped with a notice (PostgreSQL
-- refuses to create it); those rows stay in the default partition.
create function audit_ensure_partitions(from_month date, to_month date) returns int
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    m date := date_trunc('month', from_month)::date;
    made int := 0;
    name text;
begin
    while m <= to_month loop
        name := 'audit_event_' || to_char(m, 'YYYY_MM');
        if to_regclass(name) is null then
            begin
                execute format(
                    'create table %I partition of audit_event for values from (%L) to (%L)',
                    name, m::text || ' 00:00:00+00', (m + interval '1 month')::date::text || ' 00:00:00+00');
                execute format('revoke all on %I from public', name);
                made := made + 1;
            exception when check_violation then
                raise notice 'audit partition % not created: the default partition holds rows of that month', name;
            end;
        end if;
        m := (m + interval '1 month')::date;
    end loop;
    return made;
end $$;

-- Drops every monthly partition whose whole month lies before the cutoff (upper bound <= cutoff).
-- The only way audit rows ever leave the table. Returns the names dropped.
create function audit_drop_partitions_before(cutoff date) returns setof text
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    p record;
begin
    for p in
        select c.relname
          from pg_inherits i
          join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'audit_event'::regclass
           and c.relname ~ '^audit_event_[0-9]{4}_[0-9]{2}$'
         order by c.relname
    loop
        if (to_date(substr(p.relname, 13), 'YYYY_MM') + interval '1 month')::date <= cutoff then
            execute format('alter table audit_event detach partition %I', p.relname);
            execute format('drop table %I', p.relname);
            return next p.relname;
        end if;
    end loop;
end $$;

-- Append-only, enforced for every role: a row trigger (cloned onto every partition) and a
-- statement trigger (so that even an UPDATE/DELETE matching no row, and TRUNCATE, are refused).
create function audit_event_append_only() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end $$;

create trigger audit_event_no_change_row
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_change_statement
    before update or delete or truncate on audit_event
    for each statement execute function audit_event_append_only();

-- The application's role (NOLOGIN: a login role for the apps is granted it). Roles are global to
-- the cluster, so create it only once and tolerate another database's migration doing so at the
-- same moment.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'jobagent_app') then
        begin
            create role jobagent_app nologin;
        exception when duplicate_object or unique_violation then
            null;
        end;
    end if;
end $$;

grant usage on schema public to jobagent_app;
grant select, insert, update, delete on all tables in schema public to jobagent_app;
grant usage, select on all sequences in schema public to jobagent_app;
revoke update, delete, truncate on audit_event from jobagent_app;
revoke all on audit_event_default from jobagent_app;
grant select, insert on audit_event to jobagent_app;
revoke all on function audit_ensure_partitions(date, date) from public;
revoke all on function audit_drop_partitions_before(date) from public;
grant execute on function audit_ensure_partitions(date, date) to jobagent_app;
grant execute on function audit_drop_partitions_before(date) to jobagent_app;

-- The current month and the next three exist from the start.
select audit_ensure_partitions(current_date, (current_date + interval '3 months')::date);
