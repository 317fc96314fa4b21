-- Sync runs for the application role, with RLS forced as on every tenant-owned table.
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_runs TO mrm_app;
--> statement-breakpoint
ALTER TABLE sync_runs FORCE ROW LEVEL SECURITY;
