-- A claimed reminder is a lease, not a verdict. The sweep that claims a send records which process
-- holds it (owner) and until when (lease_until); a claim whose lease ran out, or whose process is
-- gone, is claimed again and delivered again with the same idempotency key (the row's key), so a
-- crash between the claim and the delivery no longer loses the reminder. Claims written before
-- this migration have no lease: they count as expired.
ALTER TABLE reminder_sends ADD COLUMN lease_until TEXT;
ALTER TABLE reminder_sends ADD COLUMN owner TEXT;

-- Console messages carry the idempotency key of the reminder they deliver: delivering the same
-- reminder again adds nothing.
ALTER TABLE console_outbox ADD COLUMN send_key TEXT;
CREATE UNIQUE INDEX console_outbox_by_send_key ON console_outbox (send_key) WHERE send_key IS NOT NULL;
