#!/usr/bin/env bash
# Container smoke run, without a registry: builds the local Debian base image (base/build-base.sh) and every image
# (Kafka, PostgreSQL, ingest-, dedup- and store-service), runs them as podman containers, imports the bundled sample,
# checks the stored posts through the store API (deploy/local's PipelineClient, as run.sh does), and removes every
# container it started, whatever happened. Images stay, so that a second run builds only what changed.
#
# Usage: deploy/containers/smoke.sh
#   SMOKE_KAFKA_PORT (29092), SMOKE_PG_PORT (25432), SMOKE_INGEST_PORT (28081), SMOKE_DEDUP_PORT (28082),
#   SMOKE_STORE_PORT (28083), SMOKE_INGEST_MANAGEMENT_PORT (28091), SMOKE_DEDUP_MANAGEMENT_PORT (28092),
#   SMOKE_STORE_MANAGEMENT_PORT (28093), NEWSFEED_BASE_IMAGE (localhost/newsfeed-base:bookworm),
#   SMOKE_TIMEOUT (seconds to wait for readiness and for the import, 300).
# Needs podman and runc (apt-get install -y podman runc debootstrap); builds the jars first when they are missing.
# Exit status 0 when every sample post is stored; otherwise 1, with the containers' last log lines.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BASE_IMAGE=${NEWSFEED_BASE_IMAGE:-localhost/newsfeed-base:bookworm}
KAFKA_PORT=${SMOKE_KAFKA_PORT:-29092}
KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
PG_PORT=${SMOKE_PG_PORT:-25432}
INGEST_PORT=${SMOKE_INGEST_PORT:-28081}
DEDUP_PORT=${SMOKE_DEDUP_PORT:-28082}
STORE_PORT=${SMOKE_STORE_PORT:-28083}
INGEST_MANAGEMENT_PORT=${SMOKE_INGEST_MANAGEMENT_PORT:-28091}
DEDUP_MANAGEMENT_PORT=${SMOKE_DEDUP_MANAGEMENT_PORT:-28092}
STORE_MANAGEMENT_PORT=${SMOKE_STORE_MANAGEMENT_PORT:-28093}
TIMEOUT=${SMOKE_TIMEOUT:-300}
RUN_ID=smoke-$$
# The flags that run containers on this kind of machine: crun fails on its hybrid cgroups ("cgroups in hybrid mode
# not supported"), and the default rlimits cannot be set inside its sandbox ("setrlimit RLIMIT_NOFILE").
PODMAN=(podman --runtime runc --cgroup-manager cgroupfs)
# No systemd runs here to time health checks: podman's timer is off, and smoke.sh runs the images' checks itself.
RUN_FLAGS=(--ulimit nofile=1024:1024 --ulimit nproc=4096:4096 --network host --health-interval disable)

log() { printf '[smoke] %s\n' "$*"; }
fail() { printf '[smoke] error: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) fail "unknown option $1 (see --help)" ;;
esac

command -v podman >/dev/null || fail "podman is missing: apt-get install -y podman runc debootstrap"
command -v runc >/dev/null || [[ -x /usr/sbin/runc ]] || fail "runc is missing: apt-get install -y runc"
for check in "SMOKE_KAFKA_PORT=$KAFKA_PORT" "SMOKE_KAFKA_PORT=$KAFKA_CONTROLLER_PORT (+1, the controller)" \
  "SMOKE_PG_PORT=$PG_PORT" "SMOKE_INGEST_PORT=$INGEST_PORT" "SMOKE_DEDUP_PORT=$DEDUP_PORT" "SMOKE_STORE_PORT=$STORE_PORT" \
  "SMOKE_INGEST_MANAGEMENT_PORT=$INGEST_MANAGEMENT_PORT" "SMOKE_DEDUP_MANAGEMENT_PORT=$DEDUP_MANAGEMENT_PORT" \
  "SMOKE_STORE_MANAGEMENT_PORT=$STORE_MANAGEMENT_PORT"; do
  port=${check#*=}
  port=${port%% *}
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is in use; move it with ${check%%=*} (see --help)"
  fi
done

CONTAINERS=()
cleanup() {
  local status=$?
  if [[ $status -ne 0 ]]; then
    for c in "${CONTAINERS[@]}"; do
      printf '\n[smoke] last lines of %s:\n' "$c" >&2
      "${PODMAN[@]}" logs --tail 30 "$c" >&2 2>&1 || true
    done
  fi
  if [[ ${#CONTAINERS[@]} -gt 0 ]]; then
    log "removing the containers it started ..."
    "${PODMAN[@]}" rm -f -t 10 "${CONTAINERS[@]}" > /dev/null 2>&1 || true
  fi
  "${PODMAN[@]}" volume rm -f "${VOLUMES[@]}" > /dev/null 2>&1 || true
  exit $status
}
VOLUMES=("$RUN_ID-kafka" "$RUN_ID-postgres" "$RUN_ID-ingest" "$RUN_ID-dedup" "$RUN_ID-store")
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build -------------------------------------------------------------------------------------------------------
if [[ ! -f store-service/target/quarkus-app/quarkus-run.jar || ! -f deploy/local/target/lib/kafka_2.13-4.1.2.jar ]]; then
  log "building the services (./mvnw -B -q package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi
"$ROOT/deploy/containers/base/build-base.sh"
build() {
  local image=$1; shift
  log "building $image ..."
  "${PODMAN[@]}" build -q --format docker --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$image" "$@" . > /dev/null
}
build localhost/newsfeed/kafka -f deploy/containers/kafka.Containerfile
build localhost/newsfeed/postgres -f deploy/containers/postgres.Containerfile
build localhost/newsfeed/ingest-service -f deploy/containers/service.Containerfile --build-arg SERVICE=ingest-service --build-arg PORT=8081 \
  --build-arg MANAGEMENT_PORT=9081
build localhost/newsfeed/dedup-service -f deploy/containers/service.Containerfile --build-arg SERVICE=dedup-service --build-arg PORT=8082 \
  --build-arg MANAGEMENT_PORT=9082
build localhost/newsfeed/store-service -f deploy/containers/service.Containerfile --build-arg SERVICE=store-service --build-arg PORT=8083 \
  --build-arg MANAGEMENT_PORT=9083

# --- run ---------------------------------------------------------------------------------------------------------
run() {
  local name=$1; shift
  CONTAINERS+=("$RUN_ID-$name")
  # podman 4.3 still tries to set up systemd health-check timers for an image's HEALTHCHECK when told not to, and
  # logs an error per container; they are not errors here
  "${PODMAN[@]}" run -d --name "$RUN_ID-$name" "${RUN_FLAGS[@]}" "$@" > /dev/null \
    2> >(grep -v 'unable to get systemd connection' >&2 || true)
}
wait_healthy() {
  local name=$1
  for _ in $(seq 1 "$TIMEOUT"); do
    if "${PODMAN[@]}" healthcheck run "$RUN_ID-$name" > /dev/null 2>&1; then
      return 0
    fi
    [[ $("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$RUN_ID-$name") == true ]] || fail "$name exited"
    sleep 1
  done
  fail "$name not healthy within $TIMEOUT s"
}
PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
API_TOKEN=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
log "starting Kafka on :$KAFKA_PORT and PostgreSQL on :$PG_PORT ..."
run kafka -v "$RUN_ID-kafka:/var/lib/kafka" -e KAFKA_PORT="$KAFKA_PORT" \
  -e KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" localhost/newsfeed/kafka
run postgres -v "$RUN_ID-postgres:/var/lib/newsfeed-postgres" -e POSTGRES_PORT="$PG_PORT" \
  -e POSTGRES_PASSWORD="$PG_PASSWORD" localhost/newsfeed/postgres
wait_healthy kafka
wait_healthy postgres

common=(-e KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT")
log "starting ingest-, dedup- and store-service on :$INGEST_PORT, :$DEDUP_PORT, :$STORE_PORT ..."
run ingest -v "$RUN_ID-ingest:/var/lib/newsfeed" "${common[@]}" -e QUARKUS_HTTP_PORT="$INGEST_PORT" \
  -e QUARKUS_MANAGEMENT_PORT="$INGEST_MANAGEMENT_PORT" \
  -e NEWSFEED_API_TOKENS="$API_TOKEN" localhost/newsfeed/ingest-service
run dedup -v "$RUN_ID-dedup:/var/lib/newsfeed" "${common[@]}" -e QUARKUS_HTTP_PORT="$DEDUP_PORT" \
  -e QUARKUS_MANAGEMENT_PORT="$DEDUP_MANAGEMENT_PORT" \
  -e NEWSFEED_DEDUP_CLAIM_PARTITIONS=1 localhost/newsfeed/dedup-service
run store -v "$RUN_ID-store:/var/lib/newsfeed" "${common[@]}" -e QUARKUS_HTTP_PORT="$STORE_PORT" \
  -e QUARKUS_MANAGEMENT_PORT="$STORE_MANAGEMENT_PORT" \
  -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/newsfeed" \
  -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
  localhost/newsfeed/store-service
for name in ingest dedup store; do
  wait_healthy "$name"
done

# --- import and check ----------------------------------------------------------------------------------------------
CP="$ROOT/deploy/local/target/local-runner-0.1.0-SNAPSHOT.jar:$ROOT/deploy/local/target/lib/*"
log "importing samples/northwind-wire.txt and waiting until every post is stored ..."
# (without the client's hint to browse the store: these containers are removed in a moment)
NEWSFEED_API_TOKEN="$API_TOKEN" java -cp "$CP" newsfeed.local.PipelineClient import "http://localhost:$INGEST_PORT" "http://localhost:$STORE_PORT" \
  northwind "$ROOT/samples/northwind-wire.txt" "$TIMEOUT" | sed '/^Browse the stored bulletins/d' \
  || fail "the sample was not stored"
stored=$(curl -fsS "http://localhost:$STORE_PORT/api/posts?source=northwind&limit=100")
log "stored through the containers: $(grep -o '"postId"' <<< "$stored" | wc -l) posts of source northwind"
log "SMOKE OK"
