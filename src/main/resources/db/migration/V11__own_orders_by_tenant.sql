-- Orders and Idempotency-Keys belong to the tenant (the name of the API key) that placed them. Rows from
-- before keys had names belong to the default tenant, that of a key configured without a name. No default
-- stays on the columns: every insert names its tenant.
ALTER TABLE orders ADD COLUMN tenant VARCHAR(32) NOT NULL DEFAULT 'default';
ALTER TABLE orders ALTER COLUMN tenant DROP DEFAULT;

-- A customer's orders are listed per tenant (an operator lists every tenant's).
DROP INDEX orders_by_username_newest_first;
CREATE INDEX orders_by_username_newest_first ON orders (username, tenant, placed_at DESC, id DESC);

ALTER TABLE idempotency_key ADD COLUMN tenant VARCHAR(32) NOT NULL DEFAULT 'default';
ALTER TABLE idempotency_key ALTER COLUMN tenant DROP DEFAULT;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD PRIMARY KEY (tenant, key);
