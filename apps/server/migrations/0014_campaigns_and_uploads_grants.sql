-- Campaigns and uploads for the application role, with RLS forced as on every tenant-owned table.
GRANT SELECT, INSERT, UPDATE, DELETE ON platform_campaigns TO mrm_app;
--> statement-breakpoint
ALTER TABLE platform_campaigns FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON actual_uploads TO mrm_app;
--> statement-breakpoint
ALTER TABLE actual_uploads FORCE ROW LEVEL SECURITY;
