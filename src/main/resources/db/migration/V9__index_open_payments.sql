-- The open payments in order id order, for the drainer's walk over them (payments of closed orders are closed
-- at WeChat): most payments are PAID or CLOSED, so the walk reads this index only.
CREATE INDEX payment_open ON payment (order_id) WHERE state = 'OPEN';
