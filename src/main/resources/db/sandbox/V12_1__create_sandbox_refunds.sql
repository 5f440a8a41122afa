-- The emulator's refunds (module sandbox): what "WeChat" knows of the merchant's refunds of its trades.
CREATE TABLE sandbox_refund
(
  refund_id      VARCHAR(32) PRIMARY KEY,
  out_refund_no  VARCHAR(64)              NOT NULL UNIQUE,
  out_trade_no   VARCHAR(32)              NOT NULL REFERENCES sandbox_trade (out_trade_no),
  transaction_id VARCHAR(32)              NOT NULL,
  total_fee      BIGINT                   NOT NULL CHECK (total_fee > 0),
  refund_fee     BIGINT                   NOT NULL CHECK (refund_fee > 0),
  refund_desc    VARCHAR(80),
  notify_url     VARCHAR(256),
  status         VARCHAR(16)              NOT NULL CHECK (status IN ('PROCESSING', 'SUCCESS', 'REFUNDCLOSE', 'CHANGE')),
  outcome        VARCHAR(16)              NOT NULL CHECK (outcome IN ('SUCCESS', 'REFUNDCLOSE', 'CHANGE')),
  settles_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  success_time   TIMESTAMP WITH TIME ZONE,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  version        BIGINT                   NOT NULL
);
CREATE INDEX sandbox_refund_by_trade ON sandbox_refund (out_trade_no);
CREATE INDEX sandbox_refund_due ON sandbox_refund (settles_at) WHERE status = 'PROCESSING';
CREATE INDEX sandbox_refund_by_success_time ON sandbox_refund (success_time) WHERE status = 'SUCCESS';

-- Refund notifications go through the same delivery as payment notifications.
ALTER TABLE sandbox_notification ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'PAYMENT'
  CHECK (kind IN ('PAYMENT', 'REFUND'));

-- The refund faults, beside the others of a scope.
ALTER TABLE sandbox_fault ADD COLUMN refund_system_errors INT NOT NULL DEFAULT 0 CHECK (refund_system_errors >= 0);
ALTER TABLE sandbox_fault ADD COLUMN refund_not_enough BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sandbox_fault ADD COLUMN refund_answer_delay_millis BIGINT NOT NULL DEFAULT 0
  CHECK (refund_answer_delay_millis >= 0);
ALTER TABLE sandbox_fault ADD COLUMN refund_processing_millis BIGINT NOT NULL DEFAULT 0
  CHECK (refund_processing_millis >= 0);
ALTER TABLE sandbox_fault ADD COLUMN refund_outcome VARCHAR(16) NOT NULL DEFAULT 'SUCCESS'
  CHECK (refund_outcome IN ('SUCCESS', 'REFUNDCLOSE', 'CHANGE'));
ALTER TABLE sandbox_fault ADD COLUMN drop_refund_notification BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sandbox_fault ADD COLUMN refund_notification_copies INT NOT NULL DEFAULT 1
  CHECK (refund_notification_copies BETWEEN 1 AND 100);
ALTER TABLE sandbox_fault ADD COLUMN corrupt_refund_notification BOOLEAN NOT NULL DEFAULT FALSE;
