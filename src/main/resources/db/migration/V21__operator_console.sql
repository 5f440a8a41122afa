-- What happened to each order that no other table keeps, with the instance that did it; pruned after the retention.
CREATE TABLE order_trail
(
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id TEXT                     NOT NULL,
  at       TIMESTAMP WITH TIME ZONE NOT NULL,
  kind     TEXT                     NOT NULL,
  outcome  TEXT,
  detail   TEXT,
  instance TEXT                     NOT NULL
);
CREATE INDEX order_trail_by_order ON order_trail (order_id, at);
-- Entries arrive in time order, so a block range index finds old ones to prune at almost no cost per insert.
CREATE INDEX order_trail_by_time ON order_trail USING brin (at);

-- Every operator action: who, what, which order, when, and how it ended. Rows are only ever added.
CREATE TABLE admin_audit
(
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       TIMESTAMP WITH TIME ZONE NOT NULL,
  key_name TEXT                     NOT NULL,
  action   TEXT                     NOT NULL,
  order_id TEXT,
  target   TEXT,
  outcome  TEXT                     NOT NULL CHECK (outcome IN ('OK', 'FAILED')),
  detail   TEXT
);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
  RAISE EXCEPTION 'the admin audit log is never changed, only added to';
END;
$$;
CREATE TRIGGER admin_audit_is_append_only
  BEFORE UPDATE OR DELETE ON admin_audit FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER admin_audit_is_never_truncated
  BEFORE TRUNCATE ON admin_audit FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
