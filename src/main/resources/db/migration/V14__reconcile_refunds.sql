-- The daily bill check also compares refunds (module reconciliation): a refund's discrepancy names the refund
-- (our out_refund_no), so two refunds of one transaction are two rows; a payment's has none, and NULLS NOT
-- DISTINCT keeps it once per date, kind and transaction as before.
ALTER TABLE bill_discrepancy ADD COLUMN refund_id VARCHAR(64);

ALTER TABLE bill_discrepancy DROP CONSTRAINT bill_discrepancy_bill_date_kind_transaction_id_key;
ALTER TABLE bill_discrepancy ADD CONSTRAINT bill_discrepancy_once
  UNIQUE NULLS NOT DISTINCT (bill_date, kind, transaction_id, refund_id);

ALTER TABLE bill_discrepancy DROP CONSTRAINT bill_discrepancy_kind_check;
ALTER TABLE bill_discrepancy ADD CONSTRAINT bill_discrepancy_kind_check
  CHECK (kind IN ('MISSING_HERE', 'MISSING_AT_WECHAT', 'AMOUNT_MISMATCH', 'STATUS_MISMATCH', 'REFUND_MISSING_HERE',
                  'REFUND_MISSING_AT_WECHAT', 'REFUND_AMOUNT_MISMATCH'));
