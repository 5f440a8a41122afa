-- An Idempotency-Key is claimed with the id of the order its request is about to place, before that order is
-- stored in the same transaction: its reference to the order is checked when the transaction commits.
ALTER TABLE idempotency_key ALTER CONSTRAINT idempotency_key_order_id_fkey DEFERRABLE INITIALLY DEFERRED;
