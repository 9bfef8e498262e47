#!/bin/sh
# Run once by the postgres image when its data directory is first created (docker-entrypoint-initdb.d).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner="$POSTGRES_USER" -v dbname="$POSTGRES_DB" \
    -v app_role="${APP_DB_USER:-portal_app}" -v app_password="$APP_DB_PASSWORD" \
    -f /docker-entrypoint-initdb.d/app-role.sql.in
