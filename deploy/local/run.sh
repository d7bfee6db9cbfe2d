#!/usr/bin/env bash
# Runs the whole newsfeed pipeline on this machine without Docker:
#   a real Apache Kafka broker (KRaft, jars from Maven Central) as its own process,
#   PostgreSQL (embedded binaries; or an existing server via QUARKUS_DATASOURCE_JDBC_URL),
#   ingest-service, dedup-service and store-service;
# imports FILE (default: the bundled sample), waits until all its posts are stored, prints a summary, and keeps
# running until Ctrl-C / SIGINT / SIGTERM, which stops every process it started. A process that exits meanwhile (a
# service, Kafka, the embedded PostgreSQL) is started again after a back-off (1 s doubling to 60 s), with a log line
# and a restart count.
#
# Usage: deploy/local/run.sh [--source SLUG] [--fresh] [--instances N] [FILE]
#   --source SLUG  source slug of the imported posts (default: northwind)
#   --fresh        delete the previous run's Kafka and PostgreSQL data first
#   --instances N  run N instances of each service (1 to 9, default 1); instance k listens on its service's ports
#                  + 100 x (k-1) (ingest 8081, 8181, ...; management 9081, 9181, ...) and the instances share the
#                  work through Kafka's consumer groups: partitions, Kafka Streams tasks, and each feed polled by one
# Environment (defaults): KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), PG_PORT (5432), INGEST_PORT (8081),
#   DEDUP_PORT (8082), STORE_PORT (8083), INGEST_MANAGEMENT_PORT (9081), DEDUP_MANAGEMENT_PORT (9082),
#   STORE_MANAGEMENT_PORT (9083): health and metrics (/q/*), QUARKUS_MANAGEMENT_HOST (127.0.0.1: the management
#   ports answer this machine only), NEWSFEED_RUN_DIR (deploy/local/target/run),
#   QUARKUS_DATASOURCE_JDBC_URL / _USERNAME / _PASSWORD (use this PostgreSQL instead of the embedded one),
#   JAVA_OPTS (extra options for every JVM), NEWSFEED_IMPORT_TIMEOUT (seconds to wait for storage, 120),
#   INGEST_HEAP (96m), DEDUP_HEAP (128m), STORE_HEAP (112m), KAFKA_HEAP (384m): largest Java heap of each process,
#   NEWSFEED_DEDUP_ROCKSDB_MEMORY (33554432): bytes of RocksDB cache and memtables, all dedup stores together,
#   DEDUP_MALLOC (MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=262144): glibc malloc
#   settings of dedup-service, which keep RocksDB's freed native memory from staying resident; empty for glibc's own,
#   NEWSFEED_DEDUP_CLAIM_PARTITIONS (1): judge partitions of the dedup state (fixed once the state exists),
#   NEWSFEED_API_TOKENS (generated): the tokens ingest's write routes accept; the first is written to
#   $NEWSFEED_RUN_DIR/api-token for clients,
#   NEWSFEED_FEEDS_ALLOW_PRIVATE (false): true lets feed subscriptions reach loopback and private addresses (a feed
#   served on this machine); keep it false wherever others can reach ingest-service.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SOURCE=northwind
FILE="$ROOT/samples/northwind-wire.txt"
FRESH=false
INSTANCES=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --source)
      [[ $# -ge 2 && $2 != -* ]] || { echo "run.sh: --source needs a slug, e.g. --source mywire (see --help)" >&2; exit 2; }
      SOURCE=$2; shift 2 ;;
    --fresh) FRESH=true; shift ;;
    --instances)
      [[ $# -ge 2 ]] || { echo "run.sh: --instances needs a number from 1 to 9 (see --help)" >&2; exit 2; }
      INSTANCES=$2
      [[ "$INSTANCES" =~ ^[1-9]$ ]] || { echo "run.sh: --instances takes 1 to 9, not $INSTANCES" >&2; exit 2; }
      shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) FILE="$1"; shift ;;
  esac
done
[[ -f "$FILE" ]] || { echo "run.sh: no such file: $FILE" >&2; exit 2; }
FILE=$(cd "$(dirname "$FILE")" && pwd)/$(basename "$FILE")

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
PG_PORT=${PG_PORT:-5432}
INGEST_PORT=${INGEST_PORT:-8081}
DEDUP_PORT=${DEDUP_PORT:-8082}
STORE_PORT=${STORE_PORT:-8083}
INGEST_MANAGEMENT_PORT=${INGEST_MANAGEMENT_PORT:-9081}
DEDUP_MANAGEMENT_PORT=${DEDUP_MANAGEMENT_PORT:-9082}
STORE_MANAGEMENT_PORT=${STORE_MANAGEMENT_PORT:-9083}
export QUARKUS_MANAGEMENT_HOST=${QUARKUS_MANAGEMENT_HOST:-127.0.0.1}
RUN_DIR=${NEWSFEED_RUN_DIR:-$ROOT/deploy/local/target/run}
IMPORT_TIMEOUT=${NEWSFEED_IMPORT_TIMEOUT:-120}
LIB="$ROOT/deploy/local/target/lib"
RUNNER_JAR="$ROOT/deploy/local/target/local-runner-0.1.0-SNAPSHOT.jar"
CP="$RUNNER_JAR:$LIB/*"
# Every JVM we start carries this marker, so that cleanup can find any process of this run.
MARK="-Dnewsfeed.run.dir=$RUN_DIR"
read -r -a JAVA_EXTRA <<< "${JAVA_OPTS:-}"
# Heaps sized for a 2-core, few-GB machine running the whole pipeline (issue 8: ingest and store within 256 MB
# resident, dedup within 384 MB, its state off-heap in RocksDB within NEWSFEED_DEDUP_ROCKSDB_MEMORY). The serial
# collector has the smallest footprint and no collector threads competing for the two cores; two malloc arenas keep
# native memory (RocksDB, Netty) from spreading over one arena per thread.
declare -A HEAP=([ingest]=${INGEST_HEAP:-96m} [dedup]=${DEDUP_HEAP:-128m} [store]=${STORE_HEAP:-112m})
# ingest, store and the broker are I/O glue: C1-compiled code serves them, and C2 would spend a good part of the two
# cores (and 10-20 MB of compiler arenas each) compiling for minutes; dedup's judge is compute, C2 pays there.
declare -A JIT=([ingest]=-XX:TieredStopAtLevel=1 [dedup]=-XX:+TieredCompilation [store]=-XX:TieredStopAtLevel=1)
SERVICE_JVM=(-XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m
  -XX:+ExitOnOutOfMemoryError)
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# dedup's RocksDB allocates and frees memtable and cache blocks outside the JVM; with glibc's defaults the freed space
# stays resident in the malloc arenas: 140 MB of native memory beside a 32 MB RocksDB budget, 371-389 MB resident in
# all (bench.sh, 20,000 posts). One arena, blocks of 128 KB and more mapped on their own and returned when freed:
# 351-366 MB, at a CPU per post within the runs' noise. Only for dedup: ingest and store hold little native memory,
# and Kafka's broker threads contend for one arena.
DEDUP_MALLOC=${DEDUP_MALLOC-MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=262144}
declare -A MALLOC_ENV=([ingest]="" [dedup]="$DEDUP_MALLOC" [store]="")
# One dedup instance on one machine: one judge partition. Each claim key is judged where it lives, so with more
# partitions a paragraph's keys spread over several, each holding its text: twice the work for parallelism one
# instance on two cores does not have (bench.sh: 263 posts/s with 1, 187 with 3). Set it to scale out; it is fixed
# for the life of the dedup state (dedup-service README).
export NEWSFEED_DEDUP_CLAIM_PARTITIONS=${NEWSFEED_DEDUP_CLAIM_PARTITIONS:-1}
# Feed fetches refuse loopback and private addresses (ingest-service README, SSRF) unless the caller says otherwise.
export NEWSFEED_FEEDS_ALLOW_PRIVATE=${NEWSFEED_FEEDS_ALLOW_PRIVATE:-false}

log() { printf '[run.sh] %s\n' "$*"; }
fail() { printf '[run.sh] error: %s\n' "$*" >&2; exit 1; }

# The service instances: ingest, dedup, store, then ingest-2, dedup-2, store-2, ... with --instances; instance k
# listens on its service's ports + 100 x (k - 1) (a step of 10 would meet Kafka's 9092 and 9093).
declare -A BASE_PORT=([ingest]=$INGEST_PORT [dedup]=$DEDUP_PORT [store]=$STORE_PORT)
declare -A BASE_MANAGEMENT_PORT=([ingest]=$INGEST_MANAGEMENT_PORT [dedup]=$DEDUP_MANAGEMENT_PORT
  [store]=$STORE_MANAGEMENT_PORT)
declare -A SERVICE_PORT=() SERVICE_MANAGEMENT_PORT=() SERVICE_MODULE=()
SERVICES=()
for ((k = 1; k <= INSTANCES; k++)); do
  for module in ingest dedup store; do
    name=$module; (( k > 1 )) && name=$module-$k
    SERVICES+=("$name")
    SERVICE_MODULE[$name]=$module
    SERVICE_PORT[$name]=$(( BASE_PORT[$module] + 100 * (k - 1) ))
    SERVICE_MANAGEMENT_PORT[$name]=$(( BASE_MANAGEMENT_PORT[$module] + 100 * (k - 1) ))
  done
done

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT_SPECS=("KAFKA_PORT:$KAFKA_PORT" "KAFKA_CONTROLLER_PORT:$KAFKA_CONTROLLER_PORT")
for name in "${SERVICES[@]}"; do
  variable=${SERVICE_MODULE[$name]^^}
  PORT_SPECS+=("${variable}_PORT:${SERVICE_PORT[$name]}" "${variable}_MANAGEMENT_PORT:${SERVICE_MANAGEMENT_PORT[$name]}")
done
[[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]] && PORT_SPECS+=("PG_PORT:$PG_PORT")
declare -A PORT_OWNER=()
for spec in "${PORT_SPECS[@]}"; do
  port=${spec#*:}
  [[ -n ${PORT_OWNER[$port]:-} ]] && fail "port $port is given twice (${PORT_OWNER[$port]} and ${spec%%:*}); set one" \
    "of them to another port"
  PORT_OWNER[$port]=${spec%%:*}
  port_busy "$port" && [[ ${spec%%:*} != PG_PORT ]] && fail "port $port is in use; stop what uses it or set ${spec%%:*}"
done
if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]] && port_busy "$PG_PORT"; then
  fail "port $PG_PORT is in use; set PG_PORT, or point QUARKUS_DATASOURCE_JDBC_URL at that PostgreSQL"
fi

# Build what is missing (first run: a few minutes; later runs: nothing).
jars=("$ROOT"/{ingest,dedup,store}-service/target/quarkus-app/quarkus-run.jar "$RUNNER_JAR")
for jar in "${jars[@]}"; do
  if [[ ! -f "$jar" || ! -d "$LIB" ]]; then
    log "building the services (./mvnw package -DskipTests) ..."
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || fail "build failed"
    break
  fi
done

if $FRESH; then rm -rf "$RUN_DIR"; fi
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/tmp" "$RUN_DIR/pids"
rm -f "$RUN_DIR"/pids/*.pid
PIDS=()
NAMES=()
# Per process name (kafka, postgres, ingest-service, dedup-2-service, ...): its index in PIDS, when it was started,
# when it is due to start again, its next back-off, and how often the supervision below restarted it.
declare -A PROC_INDEX=() STARTED_AT=() RESTART_AT=() BACKOFF=() RESTARTS=()
# Per service instance (ingest, dedup-2, ...): the size of its log when it was last started.
declare -A LOG_START=()

# Stops PIDS[from] .. PIDS[to - 1]: SIGTERM to all of them, then each is waited for up to 30 s and killed after.
stop_all() {
  local from=$1 to=$2 i
  for ((i = to - 1; i >= from; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
  for ((i = to - 1; i >= from; i--)); do
    for _ in $(seq 1 60); do kill -0 "${PIDS[i]}" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "${PIDS[i]}" 2>/dev/null; then
      log "${NAMES[i]} did not stop within 30 s; killing it"
      kill -KILL "${PIDS[i]}" 2>/dev/null || true
    fi
  done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ ${#PIDS[@]} -gt 0 ]]; then
    log "stopping ..."
    # The services first, together, and Kafka and PostgreSQL only once they are gone: a service closing its
    # exactly-once Kafka Streams tasks or its consumer still needs the broker.
    local infra=${INFRA:-${#PIDS[@]}}
    stop_all "$infra" "${#PIDS[@]}"
    stop_all 0 "$infra"
    # PostgreSQL's own processes may outlive a killed launcher JVM (they are not always its children).
    pkill -KILL -f -- "$MARK" 2>/dev/null || true
    pkill -KILL -f -- "-D $RUN_DIR/postgres/data" 2>/dev/null || true
    rm -f "$RUN_DIR"/pids/*.pid
    if [[ -n ${RESTARTS[ingest-service]:-} ]]; then
      log "restarts: $(restart_counts)"
    fi
    log "stopped"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a process in the background, its output appended to its log (a restart keeps the crash in it); the first
# time it joins PIDS, a restart takes its place there.
launch() { # name log command...
  local name=$1 logfile=$2; shift 2
  "$@" >> "$logfile" 2>&1 &
  if [[ -z ${PROC_INDEX[$name]:-} ]]; then
    PROC_INDEX[$name]=${#PIDS[@]}
    PIDS+=($!)
    NAMES+=("$name")
    RESTARTS[$name]=0
  else
    PIDS[${PROC_INDEX[$name]}]=$!
  fi
  echo "$!" > "$RUN_DIR/pids/$name.pid"
  STARTED_AT[$name]=$SECONDS
}

wait_for_line() { # name logfile pattern seconds pid
  local name=$1 logfile=$2 pattern=$3 seconds=$4 pid=$5
  for _ in $(seq 1 $((seconds * 2))); do
    grep -q -- "$pattern" "$logfile" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "$name exited; see $logfile"
    sleep 0.5
  done
  fail "$name not ready within $seconds s; see $logfile"
}

# --- Kafka (KRaft, combined broker + controller) ---------------------------------------------------------------
KAFKA_DIR="$RUN_DIR/kafka"
mkdir -p "$KAFKA_DIR"
sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
  -e "s|@LISTEN_HOST@|localhost|g" -e "s|@ADVERTISED_HOST@|localhost|g" -e "s|@LOG_DIRS@|$KAFKA_DIR/data|g" \
  "$ROOT/deploy/kafka/server.properties.in" > "$KAFKA_DIR/server.properties"
if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
  cluster_id=$(java -cp "$CP" kafka.tools.StorageTool random-uuid 2>>"$RUN_DIR/logs/kafka-format.log" | tail -n 1)
  java -cp "$CP" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
    > "$RUN_DIR/logs/kafka-format.log" 2>&1 || fail "formatting Kafka storage failed; see $RUN_DIR/logs/kafka-format.log"
fi
start_kafka() {
  launch kafka "$RUN_DIR/logs/kafka.log" java "$MARK" -Xmx"${KAFKA_HEAP:-384m}" -XX:TieredStopAtLevel=1 \
    "${JAVA_EXTRA[@]}" -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn kafka.Kafka "$KAFKA_DIR/server.properties"
}
log "starting Kafka on localhost:$KAFKA_PORT ..."
rm -f "$RUN_DIR/logs/kafka.log"
start_kafka
wait_for_line Kafka "$RUN_DIR/logs/kafka.log" "Kafka Server started" 60 "${PIDS[-1]}"

# --- PostgreSQL -----------------------------------------------------------------------------------------------
if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]]; then
  start_postgres() {
    # a server left by a launcher that was killed outright still holds the data directory and the port
    pkill -KILL -f -- "-D $RUN_DIR/postgres/data" 2>/dev/null || true
    launch postgres "$RUN_DIR/logs/postgres.log" java "$MARK" "${JAVA_EXTRA[@]}" -Djava.io.tmpdir="$RUN_DIR/tmp" \
      -cp "$CP" newsfeed.local.LocalPostgres --port "$PG_PORT" --data-dir "$RUN_DIR/postgres/data"
  }
  log "starting PostgreSQL on localhost:$PG_PORT ..."
  rm -f "$RUN_DIR/logs/postgres.log"
  start_postgres
  wait_for_line PostgreSQL "$RUN_DIR/logs/postgres.log" "^READY " 90 "${PIDS[-1]}"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/newsfeed"
  export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres
else
  log "using PostgreSQL at $QUARKUS_DATASOURCE_JDBC_URL"
fi

# --- the services ---------------------------------------------------------------------------------------------
INFRA=${#PIDS[@]} # processes before this one are Kafka and PostgreSQL, stopped last
# ingest's write routes need a token: the caller's NEWSFEED_API_TOKENS, or one made for this run
if [[ -z "${NEWSFEED_API_TOKENS:-}" ]]; then
  NEWSFEED_API_TOKENS=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
fi
export NEWSFEED_API_TOKENS
export NEWSFEED_API_TOKEN=${NEWSFEED_API_TOKENS%%,*} # the import client's
(umask 077 && printf '%s\n' "$NEWSFEED_API_TOKEN" > "$RUN_DIR/api-token")
export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
exit_reason() { # process name (ingest, dedup-2, kafka), exit status: what the status means, for a log line
  local module=${SERVICE_MODULE[$1]:-}
  case $1:$2 in
    kafka:3|postgres:3) echo "" ;;
    *:3) echo " (out of memory: the JVM's -XX:+ExitOnOutOfMemoryError; raise ${module^^}_HEAP, now ${HEAP[$module]})" ;;
    *:70) # the stage logged why, on one line (StreamsFailure): quote it from what this start wrote, so that the
      # cause is on the console too
      local cause
      cause=$(tail -c +"$(( ${LOG_START[$1]:-0} + 1 ))" "$RUN_DIR/logs/$1-service.log" 2>/dev/null \
        | grep -a -o "stopped in state ERROR (.*); exiting with status" | tail -n 1 \
        | sed -e 's/^stopped in state ERROR (//' -e 's/); exiting with status$//' | cut -c1-400)
      echo " (its Kafka Streams client stopped in ERROR: ${cause:-the log says why})" ;;
    *:137) echo " (killed by SIGKILL)" ;;
    *:143) echo " (stopped by SIGTERM)" ;;
    *) echo "" ;;
  esac
}
restart_counts() { # "ingest 0, dedup 1, store 0, kafka 0, postgres 0"
  local name sep=""
  for name in "${SERVICES[@]/%/-service}" kafka postgres; do
    [[ -n ${RESTARTS[$name]:-} ]] || continue
    printf '%s%s %s' "$sep" "${name%-service}" "${RESTARTS[$name]}"; sep=", "
  done
}
# Starts a service instance, or starts it again in its place in PIDS; a restart appends to its log, so the crash
# stays there. Each instance has its own Kafka Streams state directory and log.
start_service() { # name (ingest, dedup-2, ...)
  local name=$1 module=${SERVICE_MODULE[$1]}
  if [[ -z ${PROC_INDEX[$name-service]:-} ]]; then : > "$RUN_DIR/logs/$name-service.log"; fi
  LOG_START[$name]=$(wc -c < "$RUN_DIR/logs/$name-service.log")
  launch "$name-service" "$RUN_DIR/logs/$name-service.log" env QUARKUS_HTTP_PORT="${SERVICE_PORT[$name]}" \
    QUARKUS_MANAGEMENT_PORT="${SERVICE_MANAGEMENT_PORT[$name]}" NEWSFEED_STATE_DIR="$RUN_DIR/$name-state" \
    ${MALLOC_ENV[$module]} java "$MARK" "${SERVICE_JVM[@]}" -Xmx"${HEAP[$module]}" "${JIT[$module]}" "${JAVA_EXTRA[@]}" \
    -jar "$ROOT/$module-service/target/quarkus-app/quarkus-run.jar"
}
READY_URLS=()
for name in "${SERVICES[@]}"; do
  log "starting $name-service on http://localhost:${SERVICE_PORT[$name]} (health and metrics on" \
    ":${SERVICE_MANAGEMENT_PORT[$name]}) ..."
  start_service "$name"
  READY_URLS+=("http://localhost:${SERVICE_MANAGEMENT_PORT[$name]}/q/health/ready")
done
if ! java -cp "$CP" newsfeed.local.PipelineClient wait-ready $(( 120 * INSTANCES )) "${READY_URLS[@]}"; then
  for i in "${!PIDS[@]}"; do
    [[ ${NAMES[i]} == *-service ]] && ! kill -0 "${PIDS[i]}" 2>/dev/null || continue
    status=0
    wait "${PIDS[i]}" 2>/dev/null || status=$?
    log "${NAMES[i]} exited with status $status$(exit_reason "${NAMES[i]%-service}" "$status") while starting;" \
      "see $RUN_DIR/logs/${NAMES[i]}.log"
  done
  fail "services not ready; see $RUN_DIR/logs/"
fi

# --- import and report ----------------------------------------------------------------------------------------
log "importing $FILE as source '$SOURCE' ..."
java -cp "$CP" newsfeed.local.PipelineClient import "http://localhost:$INGEST_PORT" "http://localhost:$STORE_PORT" \
  "$SOURCE" "$FILE" "$IMPORT_TIMEOUT" || fail "import did not complete; see $RUN_DIR/logs/"

log "API token for ingest's write routes: $NEWSFEED_API_TOKEN (in $RUN_DIR/api-token), e.g."
log "  curl -H \"Authorization: Bearer \$(cat $RUN_DIR/api-token)\" -X POST localhost:$INGEST_PORT/api/posts ..."
if (( INSTANCES == 1 )); then
  log "pipeline running: ingest :$INGEST_PORT, dedup :$DEDUP_PORT, store :$STORE_PORT, Kafka :$KAFKA_PORT;" \
    "health and metrics on :$INGEST_MANAGEMENT_PORT, :$DEDUP_MANAGEMENT_PORT, :$STORE_MANAGEMENT_PORT. Logs in $RUN_DIR/logs. Ctrl-C stops everything."
else
  log "pipeline running, $INSTANCES instances of each service: $(for name in "${SERVICES[@]}"; do
    printf '%s :%s (health :%s) ' "$name" "${SERVICE_PORT[$name]}" "${SERVICE_MANAGEMENT_PORT[$name]}"; done)Kafka" \
    ":$KAFKA_PORT. Logs in $RUN_DIR/logs. Ctrl-C stops everything."
fi
# Supervision: a process that exits (a service, Kafka, or the embedded PostgreSQL) is started again after a
# back-off (1 s, doubling to 60 s; back to 1 s once it ran for 5 minutes), so that one crash does not stop a
# long-running pipeline; the services wait for Kafka and PostgreSQL meanwhile, retrying, and carry on.
relaunch() { # process name
  case $1 in
    kafka) start_kafka ;;
    postgres) start_postgres ;;
    *) start_service "${1%-service}" ;;
  esac
}
while true; do
  for i in "${!PIDS[@]}"; do
    kill -0 "${PIDS[i]}" 2>/dev/null && continue
    name=${NAMES[i]}
    if [[ -z ${RESTART_AT[$name]:-} ]]; then
      status=0
      wait "${PIDS[i]}" 2>/dev/null || status=$?
      if (( SECONDS - STARTED_AT[$name] >= 300 )); then BACKOFF[$name]=1; fi
      delay=${BACKOFF[$name]:-1}
      BACKOFF[$name]=$(( delay * 2 > 60 ? 60 : delay * 2 ))
      RESTART_AT[$name]=$(( SECONDS + delay ))
      log "$name exited with status $status$(exit_reason "${name%-service}" "$status"); restarting it in ${delay}s (restart $(( RESTARTS[$name] + 1 )));" \
        "see $RUN_DIR/logs/$name.log"
    elif (( SECONDS >= RESTART_AT[$name] )); then
      unset "RESTART_AT[$name]"
      RESTARTS[$name]=$(( RESTARTS[$name] + 1 ))
      relaunch "$name"
      log "$name started again (pid ${PIDS[i]}); restarts: $(restart_counts)"
    fi
  done
  sleep 1
done
