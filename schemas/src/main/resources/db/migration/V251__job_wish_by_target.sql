-- Rule 4589 asks, for every job wish in an update, whether ANOTHER citizen holds its
-- jobTargetIdentifier. The primary key (enrolment_id, job_target_id) cannot answer that, so without
-- this index every command scanned all job wishes (the worker slowed down as enrolments grew).
create index job_wish_target_idx on job_wish (job_target_id);
