#!/usr/bin/env bash
# Builds the local base image (default localhost/newsfeed-base:bookworm) from Debian's packages, for machines that
# reach Debian's archive but no image registry: debootstrap makes a minimal Debian 12 root file system with a Java 17
# runtime, PostgreSQL 15, curl and CA certificates, and `podman import` turns it into an image. Needs root (or sudo),
# debootstrap and podman. Does nothing when the image exists, unless --rebuild.
#
# Usage: deploy/containers/base/build-base.sh [--rebuild]
#   NEWSFEED_BASE_IMAGE (localhost/newsfeed-base:bookworm), DEBIAN_MIRROR (http://deb.debian.org/debian)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
IMAGE=${NEWSFEED_BASE_IMAGE:-localhost/newsfeed-base:bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK="$ROOT/deploy/containers/target/base"
PACKAGES=openjdk-17-jre-headless,postgresql-15,curl,ca-certificates

log() { printf '[build-base] %s\n' "$*"; }
fail() { printf '[build-base] error: %s\n' "$*" >&2; exit 1; }

REBUILD=false
case "${1:-}" in
  --rebuild) REBUILD=true ;;
  "") ;;
  -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) fail "unknown option $1 (see --help)" ;;
esac

command -v podman >/dev/null || fail "podman is missing: apt-get install -y podman runc"
if podman image exists "$IMAGE" && ! $REBUILD; then
  log "$IMAGE exists"
  exit 0
fi
AS_ROOT=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || fail "debootstrap needs root, and sudo is missing"
  AS_ROOT=(sudo)
fi
command -v debootstrap >/dev/null || [[ -x /usr/sbin/debootstrap ]] || fail "debootstrap is missing: apt-get install -y debootstrap"

"${AS_ROOT[@]}" rm -rf "$WORK"
mkdir -p "$WORK"
log "debootstrap bookworm with $PACKAGES from $MIRROR (a few minutes) ..."
"${AS_ROOT[@]}" debootstrap --variant=minbase --include="$PACKAGES" bookworm "$WORK/rootfs" "$MIRROR" \
  > "$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log" >&2; fail "debootstrap failed; see $WORK/debootstrap.log"; }
# the package's default cluster and the package caches are not part of any image
"${AS_ROOT[@]}" rm -rf "$WORK/rootfs/var/lib/postgresql/15/main" "$WORK/rootfs/etc/postgresql/15/main" \
  "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
log "importing the root file system as $IMAGE ..."
"${AS_ROOT[@]}" tar -C "$WORK/rootfs" --numeric-owner -c . \
  | podman import -q --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - "$IMAGE" > /dev/null
"${AS_ROOT[@]}" rm -rf "$WORK/rootfs"
log "built $IMAGE"
