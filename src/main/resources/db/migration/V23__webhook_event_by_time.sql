-- The webhook history's pruning (WebhookRetention) finds old events by their time. Built concurrently, so that a
-- large history keeps taking events while it is made (Flyway runs this statement outside a transaction).
CREATE INDEX CONCURRENTLY webhook_event_by_time ON webhook_event USING brin (occurred_at);
