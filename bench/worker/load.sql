-- Benchmark data (not product data): :count synthetic citizens born in 1980, 100 active
-- occupations and one PENDING CreateJobagent request row per citizen, as ingest-api writes them.
-- Variables: count, received_at (timestamptz literal), enrolment_date (yyyy-mm-dd).
\set ON_ERROR_STOP on
create temporary table bench_citizen as
select g,
       lpad((1 + g % 28)::text, 2, '0') || lpad((1 + (g / 28) % 12)::text, 2, '0') || '80'
         || lpad((1000 + g / 336)::text, 4, '0') as cpr
  from generate_series(0, :count - 1) as g;

insert into occupation (concept_uri, label, status)
select 'http://data.europa.eu/esco/occupation/bench-' || g, 'Bench occupation ' || g, 'Aktiv'
  from generate_series(0, 99) as g;

insert into person (cpr, death_date, abroad, temporary_foreign_address, has_jobnet_cv, email,
                    jobcenter_code)
select cpr, null, false, false, true, 'bench' || g || '@example.dk', '101' from bench_citizen;

insert into request (client_id, request_id, operation, cpr, access_category, body_hash, body,
                     received_at)
select 'bench', 'bench-' || lpad(g::text, 6, '0'), 'CREATE', cpr, 'STAR',
       sha256(convert_to('bench-' || g, 'UTF8')),
       jsonb_build_object(
         'ClientCategoryTypeIdentifier', 'DAGPENGE',
         'EnrollmentDate', :'enrolment_date',
         'CurrentUnemploymentStatusTypeIdentifier', 'FULDT_LEDIG',
         'EmailAddressIdentifier', 'bench@example.dk',
         'Profession', jsonb_build_array(jsonb_build_object(
           'ConceptUriDa', 'http://data.europa.eu/esco/occupation/bench-' || (g % 100),
           'HasEducation', true,
           'YearLastUsed', 2025,
           'MonthsOfExperience', 24,
           'jobTargetIdentifier', gen_random_uuid()))),
       :'received_at'::timestamptz
  from bench_citizen;
analyze;
