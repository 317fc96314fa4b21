-- The outbox relay reads and marks rows of every tenant: it runs with app.relay = 'on' and no
-- tenant, and this policy (alongside the tenant one, either may admit a row) lets it see them.
-- Application transactions never set app.relay, so for them nothing changes.
CREATE POLICY outbox_relay ON outbox AS PERMISSIVE FOR ALL TO mrm_app
  USING (current_setting('app.relay', true) = 'on')
  WITH CHECK (current_setting('app.relay', true) = 'on');
