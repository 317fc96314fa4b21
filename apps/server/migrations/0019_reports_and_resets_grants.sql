-- Reports, schedules, resets and email preferences for the application role, with RLS forced on
-- the tenant-owned tables. Schedulers and retention find due rows across workspaces with
-- app.relay = 'on' (as the sync scheduler does), reading only; they write in each workspace's scope.
GRANT SELECT, INSERT, UPDATE, DELETE ON report_runs, report_schedules, password_resets, email_preferences TO mrm_app;
--> statement-breakpoint
ALTER TABLE report_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_schedules FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_schedules_scheduler ON report_schedules AS PERMISSIVE FOR SELECT TO mrm_app
  USING (current_setting('app.relay', true) = 'on');
--> statement-breakpoint
CREATE POLICY report_runs_retention ON report_runs AS PERMISSIVE FOR SELECT TO mrm_app
  USING (current_setting('app.relay', true) = 'on');
