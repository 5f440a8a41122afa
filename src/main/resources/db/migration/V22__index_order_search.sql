-- The console's order search, newest first by every filter. Built concurrently, so that a large orders table
-- keeps taking orders and payments while they are made (Flyway runs these statements outside a transaction).
CREATE INDEX CONCURRENTLY orders_newest_first ON orders (placed_at DESC, id DESC);
CREATE INDEX CONCURRENTLY orders_by_tenant_newest_first ON orders (tenant, placed_at DESC, id DESC);
CREATE INDEX CONCURRENTLY orders_by_status_newest_first ON orders (status, placed_at DESC, id DESC);
CREATE INDEX CONCURRENTLY orders_by_transaction ON orders (transaction_id) WHERE transaction_id IS NOT NULL;
CREATE INDEX CONCURRENTLY bill_discrepancy_by_order ON bill_discrepancy (order_id);
