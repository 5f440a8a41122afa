-- The emulator's bill faults: a paid trade left out of the bill, or shown with another amount. Databases
-- migrated by earlier versions have these columns from V6, which added them everywhere: hence IF NOT EXISTS.
ALTER TABLE sandbox_fault ADD COLUMN IF NOT EXISTS omit_from_bill BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sandbox_fault ADD COLUMN IF NOT EXISTS bill_amount_delta BIGINT NOT NULL DEFAULT 0;
