-- Refunds as the order module sees them: how much of an order went back, which goods came back, and each
-- refund applied once.
ALTER TABLE orders ALTER COLUMN status TYPE VARCHAR(32);
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('UNPAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CLOSED'));
ALTER TABLE orders ADD COLUMN refunded_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orders ADD CONSTRAINT orders_refunded_fen_check CHECK (refunded_fen BETWEEN 0 AND total_fee);
-- Some money back is PARTIALLY_REFUNDED, all of it REFUNDED, none any other status.
ALTER TABLE orders ADD CONSTRAINT orders_refund_status_check
  CHECK ((refunded_fen > 0) = (status IN ('PARTIALLY_REFUNDED', 'REFUNDED'))
    AND (status = 'REFUNDED') = (refunded_fen = total_fee));

ALTER TABLE order_item ADD COLUMN returned_quantity INT NOT NULL DEFAULT 0;
ALTER TABLE order_item ADD CONSTRAINT order_item_returned_quantity_check
  CHECK (returned_quantity BETWEEN 0 AND quantity);

-- Every refund applied to an order, once: a redelivered result finds its row and changes nothing.
CREATE TABLE order_refund
(
  refund_id  VARCHAR(32) PRIMARY KEY,
  order_id   VARCHAR(32)              NOT NULL REFERENCES orders (id),
  amount     BIGINT                   NOT NULL CHECK (amount > 0),
  applied_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX order_refund_by_order ON order_refund (order_id);

-- An anomaly is settled by a refund (resolution 'refunded', refund_id that refund) or by a person's note.
-- REFUND_CHANGED and REFUND_CLOSED anomalies are about a refund (refund_id), one per refund; the others about
-- a payment, one per transaction and kind as before.
ALTER TABLE order_anomaly ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE order_anomaly ADD COLUMN resolution VARCHAR(512);
ALTER TABLE order_anomaly ADD COLUMN refund_id VARCHAR(32);
ALTER TABLE order_anomaly ADD CONSTRAINT order_anomaly_resolution_check
  CHECK ((resolved_at IS NULL) = (resolution IS NULL));
ALTER TABLE order_anomaly ADD CONSTRAINT order_anomaly_refund_check
  CHECK (kind NOT IN ('REFUND_CHANGED', 'REFUND_CLOSED') OR refund_id IS NOT NULL);
ALTER TABLE order_anomaly DROP CONSTRAINT order_anomaly_transaction_id_kind_key;
CREATE UNIQUE INDEX order_anomaly_per_payment ON order_anomaly (transaction_id, kind)
  WHERE kind NOT IN ('REFUND_CHANGED', 'REFUND_CLOSED');
CREATE UNIQUE INDEX order_anomaly_per_refund ON order_anomaly (refund_id, kind)
  WHERE kind IN ('REFUND_CHANGED', 'REFUND_CLOSED');
