-- The sync scheduler finds due connections across workspaces with app.relay = 'on' (as the outbox
-- relay does), reading only; what it then writes, it writes in each workspace's own scope.
CREATE POLICY connections_scheduler ON connections AS PERMISSIVE FOR SELECT TO mrm_app
  USING (current_setting('app.relay', true) = 'on');
