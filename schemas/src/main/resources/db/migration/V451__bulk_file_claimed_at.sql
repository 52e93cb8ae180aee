-- When the worker's upload poller claimed a QUEUED upload (status STARTED, job_execution_id still
-- null until the launch returns). A worker that dies between the claim and the launch leaves such
-- a row behind; the poller puts it back to QUEUED after a grace period.
alter table bulk_file add column claimed_at timestamptz;
