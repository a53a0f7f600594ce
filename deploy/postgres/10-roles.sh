#!/bin/sh
# First start of the postgres container (mounted on /docker-entrypoint-initdb.d by
# docker-compose.yml): the application's database and its two roles, from roles.psql.
set -e
psql -X -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="$DB_NAME" -v owner="$DB_OWNER_USER" -v owner_password="$DB_OWNER_PASSWORD" \
  -v app="$DB_APP_USER" -v app_password="$DB_APP_PASSWORD" \
  -f /docker-entrypoint-initdb.d/roles.psql
