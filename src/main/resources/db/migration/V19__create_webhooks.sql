-- Webhooks: storefront endpoints, the events recorded for them in the transaction of the change they announce,
-- one delivery per event and endpoint, and every attempt made (WebhookEvents, WebhookDispatcher).
CREATE TABLE webhook_endpoint
(
  id                     UUID PRIMARY KEY,
  tenant                 TEXT NOT NULL,
  operator               BOOLEAN NOT NULL,
  url                    TEXT NOT NULL,
  event_types            TEXT[] NOT NULL,
  -- AES-256-GCM under scanpay.webhooks.secret-key: a 12-byte nonce, then the ciphertext and its tag
  secret                 BYTEA NOT NULL,
  previous_secret        BYTEA,
  previous_secret_until  TIMESTAMP WITH TIME ZONE,
  failing_since          TIMESTAMP WITH TIME ZONE,
  created_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_endpoint_by_tenant ON webhook_endpoint (tenant);

-- The next sequence number of each order's events; its row lock orders concurrent events of one order.
CREATE TABLE webhook_order_sequence
(
  order_id TEXT PRIMARY KEY,
  last     INT NOT NULL
);

CREATE TABLE webhook_event
(
  id          UUID PRIMARY KEY,
  tenant      TEXT NOT NULL,
  order_id    TEXT NOT NULL,
  sequence    INT NOT NULL,
  type        TEXT NOT NULL,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
  -- the JSON body exactly as every attempt sends and signs it
  body        TEXT NOT NULL
);
CREATE INDEX webhook_event_by_order ON webhook_event (order_id, sequence);

CREATE TABLE webhook_delivery
(
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        UUID NOT NULL REFERENCES webhook_event (id),
  endpoint_id     UUID NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
  delivered_at    TIMESTAMP WITH TIME ZONE,
  attempts        INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  leased_until    TIMESTAMP WITH TIME ZONE,
  UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX webhook_delivery_by_endpoint ON webhook_delivery (endpoint_id, id);

CREATE TABLE webhook_attempt
(
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id  BIGINT NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  status_code  INT,
  latency_ms   INT NOT NULL,
  error        TEXT,
  instance     TEXT NOT NULL
);
CREATE INDEX webhook_attempt_by_delivery ON webhook_attempt (delivery_id, id);
