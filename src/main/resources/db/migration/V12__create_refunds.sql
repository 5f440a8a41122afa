-- Refunds (module refund): each one is a WeChat refund of part or all of one transaction, ours by its id, which
-- is the out_refund_no WeChat knows it by, reused for every retry.
CREATE TABLE refund
(
  id               VARCHAR(64) PRIMARY KEY,
  order_id         VARCHAR(32)              NOT NULL REFERENCES orders (id),
  tenant           VARCHAR(64)              NOT NULL,
  transaction_id   VARCHAR(32)              NOT NULL,
  total_fee        BIGINT                   NOT NULL CHECK (total_fee > 0),
  amount           BIGINT                   NOT NULL CHECK (amount > 0 AND amount <= total_fee),
  reason           VARCHAR(80),
  state            VARCHAR(16)              NOT NULL
    CHECK (state IN ('REQUESTED', 'PROCESSING', 'SUCCEEDED', 'CLOSED', 'CHANGED', 'REJECTED')),
  wechat_refund_id VARCHAR(64),
  anomaly_id       BIGINT,
  idempotency_key  VARCHAR(255),
  request_hash     VARCHAR(64),
  requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  accepted_at      TIMESTAMP WITH TIME ZONE,
  finished_at      TIMESTAMP WITH TIME ZONE,
  success_time     TIMESTAMP WITH TIME ZONE,
  recv_account     VARCHAR(128),
  attempts         INT                      NOT NULL DEFAULT 0,
  next_check_at    TIMESTAMP WITH TIME ZONE,
  claimed_until    TIMESTAMP WITH TIME ZONE,
  last_error       VARCHAR(255),
  version          BIGINT                   NOT NULL,
  CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
);
CREATE INDEX refund_by_order ON refund (order_id, requested_at);
CREATE INDEX refund_by_transaction ON refund (transaction_id);
CREATE UNIQUE INDEX refund_idempotency_key ON refund (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The refunds still to be asked about at WeChat, in the order they are due.
CREATE INDEX refund_pending ON refund (next_check_at) WHERE state IN ('REQUESTED', 'PROCESSING');
CREATE INDEX refund_by_success_time ON refund (success_time) WHERE state = 'SUCCEEDED';
CREATE UNIQUE INDEX refund_wechat_refund_id ON refund (wechat_refund_id) WHERE wechat_refund_id IS NOT NULL;

-- The goods that came back with a refund, if any: a refund is money, a return is goods.
CREATE TABLE refund_item
(
  refund_id VARCHAR(64) NOT NULL REFERENCES refund (id),
  sku_id    BIGINT      NOT NULL,
  quantity  INT         NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (refund_id, sku_id)
);
