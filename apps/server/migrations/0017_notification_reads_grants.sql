-- Read marks for the application role, with RLS forced as on every tenant-owned table.
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_reads TO mrm_app;
--> statement-breakpoint
ALTER TABLE notification_reads FORCE ROW LEVEL SECURITY;
