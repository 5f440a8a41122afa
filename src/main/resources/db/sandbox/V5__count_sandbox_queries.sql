-- How often the emulated WeChat was asked about a trade (orderquery): lets tests and benchmarks see that
-- reconciliation asks once per due check, whatever the number of instances.
ALTER TABLE sandbox_trade ADD COLUMN queries INT NOT NULL DEFAULT 0;
