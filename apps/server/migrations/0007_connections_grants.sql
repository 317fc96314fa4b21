-- Connections for the application role, with RLS forced as on every tenant-owned table.
GRANT SELECT, INSERT, UPDATE, DELETE ON connections TO mrm_app;
--> statement-breakpoint
ALTER TABLE connections FORCE ROW LEVEL SECURITY;
