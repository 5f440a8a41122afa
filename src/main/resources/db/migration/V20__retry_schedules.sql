-- The outbox keeps a message the broker did not take out of the way of the others until it is due again.
ALTER TABLE outbox_message ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now();
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at, id);

-- A claim's own token, so that only the instance holding a delivery stores its attempt; when the delivery began
-- to fail, which is what retry-for counts from; and an endpoint's back-off, which its new events wait for too.
ALTER TABLE webhook_delivery ADD COLUMN lease_token UUID;
ALTER TABLE webhook_delivery ADD COLUMN failing_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE webhook_endpoint ADD COLUMN backoff_until TIMESTAMP WITH TIME ZONE;
-- An anomaly of an order this application does not know has no tenant.
ALTER TABLE webhook_event ALTER COLUMN tenant DROP NOT NULL;
