-- What a person decided about a credit matching could not settle, and where an organization's
-- invoices are mailed (PostgreSQL). Keep in step with ../sqlite/0027_payment_decisions.sql: the
-- schema-parity test compares both.

-- `decision`: assigned (credited to a payment request), partial_accepted (the rest stays due),
-- credit_kept (an overpayment kept as the customer's credit), refund_due, returned, ignored.
-- NULL: nobody has decided yet, so the credit stays listed for a person.
ALTER TABLE bank_entries ADD COLUMN decision TEXT;
ALTER TABLE bank_entries ADD COLUMN decision_note TEXT;
ALTER TABLE bank_entries ADD COLUMN decided_by TEXT;
ALTER TABLE bank_entries ADD COLUMN decided_at BIGINT;

-- The address invoices are mailed to; NULL: the organization's first contact's address.
ALTER TABLE organizations ADD COLUMN billing_email TEXT;
