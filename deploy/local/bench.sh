#!/usr/bin/env bash
# Benchmarks the whole pipeline on this machine (PipelineBenchmark): a bare Kafka producer on the same broker as the
# baseline, then N generated posts (realistic text, planted verbatim and near repeats) through POST /api/posts:
# ingest accepted posts/s, end-to-end stored posts/s and its ratio to the baseline, stored_at - received_at
# percentiles at a paced rate, the peak RSS of every process, and precision/recall of the planted repeats.
#
# Usage: deploy/local/bench.sh [--posts N] [--paced-rate R] [--paced-seconds S] [--seed SEED] [--batch B]
#                              [--concurrency C] [--timeout SECONDS] [--instances N]
#   --posts N          posts of the throughput run (20000)
#   --paced-rate R     posts/s offered in the latency run (200); --paced-seconds S its length (20; 0: no latency run)
#   --seed SEED        corpus seed (random; printed, so that a run can be repeated)
#   --batch B          posts per request (200); --concurrency C requests in flight (4)
#   --warmup N         posts sent and stored first, not measured, so that the processes are warm (20000; 0: none)
#   --timeout SECONDS  longest wait for the posts of a run to be stored (900)
#   --instances N      the stack it starts runs N instances of each service (run.sh --instances; 1); the posts go to
#                      the first ingest instance, and the RSS of every instance is printed
# Runs against the stack that run.sh started (same ports and NEWSFEED_RUN_DIR as run.sh); when nothing answers on
# INGEST_PORT it starts one itself with run.sh in NEWSFEED_BENCH_RUN_DIR (deploy/local/target/bench-run, emptied
# first) and stops it at the end. Exit status 1 when posts are not all stored in time or a decision is wrong.
# Rates of several instance counts compare through their ratio to the bare producer of the same run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ARGS=()
INSTANCES=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --instances)
      [[ $# -ge 2 ]] || { echo "bench.sh: $1 needs a value" >&2; exit 2; }
      [[ "$2" =~ ^[1-9]$ ]] || { echo "bench.sh: --instances takes 1 to 9, not $2" >&2; exit 2; }
      INSTANCES=$2; shift 2 ;;
    --posts|--paced-rate|--paced-seconds|--seed|--batch|--concurrency|--timeout|--warmup)
      [[ $# -ge 2 ]] || { echo "bench.sh: $1 needs a value" >&2; exit 2; }
      ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

KAFKA_PORT=${KAFKA_PORT:-9092}
PG_PORT=${PG_PORT:-5432}
INGEST_PORT=${INGEST_PORT:-8081}
LIB="$ROOT/deploy/local/target/lib"
RUNNER_JAR="$ROOT/deploy/local/target/local-runner-0.1.0-SNAPSHOT.jar"
CP="$RUNNER_JAR:$LIB/*"

log() { printf '[bench.sh] %s\n' "$*"; }
fail() { printf '[bench.sh] error: %s\n' "$*" >&2; exit 1; }

RUN_PID=""
stop_stack() {
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then
    log "stopping the stack it started ..."
    # SIGTERM: a background job of a non-interactive shell ignores SIGINT
    kill -TERM "$RUN_PID" 2>/dev/null || true
    wait "$RUN_PID" 2>/dev/null || true
  fi
}
trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$INGEST_PORT") 2>/dev/null; then
  RUN_DIR=${NEWSFEED_RUN_DIR:-$ROOT/deploy/local/target/run}
  [[ -z "$INSTANCES" ]] || fail "--instances applies to a stack bench.sh starts, and one runs on :$INGEST_PORT already"
  log "using the running stack (ingest on :$INGEST_PORT, run directory $RUN_DIR)"
else
  RUN_DIR=${NEWSFEED_BENCH_RUN_DIR:-$ROOT/deploy/local/target/bench-run}
  log "nothing answers on :$INGEST_PORT; starting the stack with run.sh in $RUN_DIR ..."
  mkdir -p "$RUN_DIR"
  NEWSFEED_RUN_DIR="$RUN_DIR" "$ROOT/deploy/local/run.sh" --fresh --instances "${INSTANCES:-1}" > "$RUN_DIR.log" 2>&1 &
  RUN_PID=$!
  for _ in $(seq 1 $(( 600 * ${INSTANCES:-1} ))); do
    grep -q "pipeline running" "$RUN_DIR.log" 2>/dev/null && break
    kill -0 "$RUN_PID" 2>/dev/null || { cat "$RUN_DIR.log" >&2; fail "run.sh exited; see $RUN_DIR.log"; }
    sleep 0.5
  done
  grep -q "pipeline running" "$RUN_DIR.log" || fail "the stack did not start within $(( 300 * ${INSTANCES:-1} )) s; see $RUN_DIR.log"
  log "stack running (log: $RUN_DIR.log)"
fi
# the token run.sh wrote for this stack, unless the caller gives one
TOKEN=${NEWSFEED_API_TOKEN:-$(cat "$RUN_DIR/api-token" 2>/dev/null || true)}
[[ -n "$TOKEN" ]] || fail "no API token: set NEWSFEED_API_TOKEN to one of the stack's NEWSFEED_API_TOKENS"
[[ -f "$RUNNER_JAR" ]] || fail "$RUNNER_JAR is missing; build first (./mvnw -B -DskipTests package)"

WATCH=()
# kafka, ingest-service, dedup-service, store-service, then ingest-2-service ... of further instances; PostgreSQL is
# watched through its data directory below
for pidfile in "$RUN_DIR"/pids/kafka.pid "$RUN_DIR"/pids/*-service.pid; do
  if [[ -f "$pidfile" ]]; then name=$(basename "$pidfile" .pid); WATCH+=(--pid "$name=$(cat "$pidfile")"); fi
done
if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" || -n "$RUN_PID" ]]; then
  JDBC="jdbc:postgresql://localhost:$PG_PORT/newsfeed"
  DB_USER=postgres DB_PASSWORD=postgres
  WATCH+=(--postgres-data "$RUN_DIR/postgres/data")
else
  JDBC=$QUARKUS_DATASOURCE_JDBC_URL
  DB_USER=${QUARKUS_DATASOURCE_USERNAME:-postgres} DB_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-postgres}
fi

java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" newsfeed.local.bench.PipelineBenchmark --ingest "http://localhost:$INGEST_PORT" \
  --kafka "localhost:$KAFKA_PORT" --jdbc "$JDBC" --db-user "$DB_USER" --db-password "$DB_PASSWORD" --token "$TOKEN" \
  "${WATCH[@]}" "${ARGS[@]}"
