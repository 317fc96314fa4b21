#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d): the login role
# the application connects with. It is a member of mrm_app, the non-owner role the migrations grant
# the tables to (they create mrm_app only when it is missing, so creating it here first is safe).
set -euo pipefail

: "${MRM_APP_DB_PASSWORD:?MRM_APP_DB_PASSWORD is not set}"

psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-mrm}" \
  --set=app_password="$MRM_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE mrm_app NOLOGIN;
CREATE ROLE mrm_api LOGIN PASSWORD :'app_password';
GRANT mrm_app TO mrm_api;
GRANT CONNECT ON DATABASE mrm TO mrm_api;
SQL
