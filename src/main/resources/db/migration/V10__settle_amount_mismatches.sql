-- A payment WeChat reports with another amount than its order's is final: AMOUNT_MISMATCH (the order closes
-- with that reason, the money is an anomaly to refund).
ALTER TABLE payment DROP CONSTRAINT payment_state_check;
ALTER TABLE payment ADD CONSTRAINT payment_state_check
  CHECK (state IN ('OPEN', 'PAID', 'CLOSED', 'FAILED', 'AMOUNT_MISMATCH'));
