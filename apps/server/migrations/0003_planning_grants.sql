-- Media planning tables for the application role, with RLS forced as on every tenant-owned table.
GRANT SELECT, INSERT, UPDATE ON media_plans TO mrm_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON line_items, share_links, plan_comments TO mrm_app;
--> statement-breakpoint
-- A submitted version is immutable: only its review outcome can be written after the insert.
GRANT SELECT, INSERT ON plan_versions TO mrm_app;
--> statement-breakpoint
GRANT UPDATE (status, decided_by, decided_at, comment) ON plan_versions TO mrm_app;
--> statement-breakpoint
ALTER TABLE media_plans FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE line_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE share_links FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_comments FORCE ROW LEVEL SECURITY;
