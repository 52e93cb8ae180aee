-- The ceiling: what the accept path must store per request, as one transaction per request — the
-- request row (46-char primary key, jsonb body) and its outbox row. The outbox exchange is not
-- jobagent.commands, so no relay would ever publish these rows.
\set n random(1, 1000000000)
BEGIN;
INSERT INTO request (client_id, request_id, operation, cpr, access_category, body_hash, body,
                     received_at, trace_parent)
VALUES ('pgbench', substr('pgb-' || :client_id || '-' || :n || '-' || md5(random()::text), 1, 46),
        'CREATE', '2811851234', 'STAR', sha256(convert_to(:n::text, 'UTF8')),
        '{"ClientCategoryTypeIdentifier":"DAGPENGE","EnrollmentDate":"2026-11-27","CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG","EmailAddressIdentifier":"borger@example.dk","Profession":[{"ConceptUriDa":"http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1","HasEducation":true,"jobTargetIdentifier":"6f1c2b8e-3d4a-4e5f-9a7b-1c2d3e4f5a6b"}]}'::jsonb,
        now(), '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
ON CONFLICT DO NOTHING;
INSERT INTO outbox (exchange, routing_key, message_id, payload, headers)
VALUES ('bench.pgbench', 'enrolment.create', 'pgbench:' || :n,
        convert_to('{"clientId":"pgbench","requestId":"x","operation":"CREATE","receivedAt":"2026-11-27T10:00:00Z"}', 'UTF8'),
        '{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}'::jsonb);
END;
