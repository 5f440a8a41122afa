-- The message outbox: RabbitMQ messages stored in the transaction of the change they announce, sent by the
-- relay in batches and deleted once the broker has confirmed them (MessageOutbox). Payment results go this way
-- instead of through the event publication registry, which wrote each one three times.
CREATE TABLE outbox_message
(
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  exchange    TEXT NOT NULL,
  routing_key TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  body        BYTEA NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
