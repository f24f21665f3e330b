-- The request (Slack event, Teams activity, CLI call) an audited action came from, to follow one
-- message from the adapter's logs to the rows it wrote.
ALTER TABLE audit_log ADD COLUMN request_id TEXT;
