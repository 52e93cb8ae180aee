-- Bookings the worker asked the booking system for (POST /v1/bookings, Idempotency-Key = the
-- request's x-requestId) whose UpdateJobagent has not committed yet. A row is written and committed
-- BEFORE the booking call, so that whatever happens next (timeout, crash, failed commit) the worker
-- knows a booking may exist under the key:
--   BOOKING        the call was (or is being) made; a retry of the command re-books with the same key
--                  and gets the same booking back; deleted in the transaction that commits the
--                  enrolment change with the booking.
--   CANCEL_PENDING the request ended without a booking (rejected, failed, 4769): the key must be given
--                  up (DELETE /v1/bookings with the key: cancels what it booked, closes it). Set in the
--                  transaction that writes the final receipt; deleted once the booking system said 204.
create table booking_attempt (
    client_id        text        not null,
    request_id       varchar(46) not null,
    idempotency_key  text        not null,
    state            text        not null check (state in ('BOOKING', 'CANCEL_PENDING')),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    cancel_attempts  int         not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    primary key (client_id, request_id)
);
-- the cancel sweep reads only the rows that wait for a cancel, due first
create index booking_attempt_cancel_idx on booking_attempt (next_attempt_at)
    where state = 'CANCEL_PENDING';
