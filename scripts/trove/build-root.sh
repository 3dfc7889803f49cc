#!/bin/bash
# Builds the Debian root filesystem that runs one Trove release (23: trixie,
# 26: sid), once: debootstrap into a temporary folder next to the cache, install
# Trove and MariaDB there, then rename it into place. A build that stops half
# way leaves only a .build-* folder, which is never used (and is removed by the
# next build); a lock keeps two builds of the same root apart.
#
#   build-root.sh <suite> <cache-dir> <name>      e.g. build-root.sh trixie /var/cache/x/roots trove-23
# Env: TROVE_DEBIAN_MIRROR (default: the first Debian mirror of the host's apt sources)
set -euo pipefail

suite=$1 cache=$2 name=$3
final="$cache/$name"
log() { echo "[trove-root] $*" >&2; }

mkdir -p "$cache"
exec 9>"$cache/.$name.lock"
flock 9
[ -f "$final/.trove-harness-root" ] && exit 0

mirror=${TROVE_DEBIAN_MIRROR:-$(grep -hoE '(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
  | awk '{print $2}' | grep -E '/debian/?$' | head -1 || true)}
[ -n "$mirror" ] || { log "no Debian mirror in /etc/apt/sources.list*: set TROVE_DEBIAN_MIRROR"; exit 1; }

rm -rf --one-file-system "$cache/.build-$name".*
tmp=$(mktemp -d "$cache/.build-$name.XXXXXX")
trap 'rm -rf --one-file-system "$tmp" "$tmp.log"' EXIT
log "debootstrap $suite from $mirror into $tmp"
start=$SECONDS
# In a private mount namespace, so that its /proc and /dev mounts cannot outlive it.
unshare --mount --propagation private --fork -- debootstrap --variant=minbase "$suite" "$tmp" "$mirror" >"$tmp.log" 2>&1 || { tail -20 "$tmp.log" >&2; rm -f "$tmp.log"; exit 1; }
rm -f "$tmp.log"
log "debootstrap done in $((SECONDS - start)) s"
# No service starts while packages install (mariadb's postinst would start one).
printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
chmod +x "$tmp/usr/sbin/policy-rc.d"
mkdir -p "$tmp/run/trove-harness/state" "$tmp/run/trove-harness/bin"
# A private mount namespace: /proc and /dev vanish with it, whatever happens.
unshare --mount --propagation private --fork -- sh -ec '
  root=$1
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive sh -ec "
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
      python3-trove python3-troveclient python3-keystoneauth1 python3-pymysql mariadb-server >/dev/null
    apt-get clean
    rm -rf /var/lib/apt/lists/*
  "
' sh "$tmp"
chroot "$tmp" dpkg-query -W -f='${Version}' python3-trove >"$tmp/.trove-harness-root"
log "$name: python3-trove $(cat "$tmp/.trove-harness-root") installed in $((SECONDS - start)) s"
mv "$tmp" "$final"
trap - EXIT
