-- Notifications for the application role, with RLS forced as on every tenant-owned table.
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications TO mrm_app;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
