#!/bin/sh
# Initializes the cluster on first start (the superuser's password from POSTGRES_PASSWORD, which must be set; password
# authentication for every TCP client), creates POSTGRES_DB, and runs the server in the foreground.
set -eu
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
BIN=/usr/lib/postgresql/15/bin
DATA=/var/lib/newsfeed-postgres/data
if [ ! -s "$DATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  "$BIN/initdb" -D "$DATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$DATA/pg_hba.conf"
  echo "host all all ::/0 scram-sha-256" >> "$DATA/pg_hba.conf"
  "$BIN/pg_ctl" -D "$DATA" -o "-c listen_addresses='' -k /run/postgresql" -w start
  "$BIN/createdb" -h /run/postgresql -U "$POSTGRES_USER" "$POSTGRES_DB"
  "$BIN/pg_ctl" -D "$DATA" -m fast -w stop
fi
exec "$BIN/postgres" -D "$DATA" -p "$POSTGRES_PORT" -c listen_addresses='*' -k /run/postgresql
