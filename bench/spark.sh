#!/usr/bin/env bash
# Local-mode throughput of './salvo spark' against './salvo fetch' on the same URL list, both
# against a private nginx on 127.0.0.1..127.0.0.64 (1 KiB answers, keep-alive). Loopback only.
#
#   bench/spark.sh [URLS] [MASTER]        defaults: 200000 'local[2]'
#
# Prints one line per run: tool, URLs, wall seconds, URLs/s, CPU seconds (user+sys), peak RSS.
# Needs nginx (apt-get install nginx) and GNU time (apt-get install time). BENCH_JSONL=1 adds a
# run with --format jsonl. Each run's share of 2xx answers is printed too, as a check.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
URLS=${1:-200000}
MASTER=${2:-local[2]}
HOSTS=64
PORT=${BENCH_PORT:-18190}
WORK=$(mktemp -d /tmp/salvo-spark-bench.XXXXXX)
chmod 755 "$WORK"  # nginx's workers (another user) must read its files
NGX=$WORK/nginx
trap '[ -f "$NGX/nginx.pid" ] && kill -QUIT "$(cat "$NGX/nginx.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT

mkdir -p "$NGX/logs" "$NGX/html" "$NGX/tmp"
head -c 1024 /dev/urandom >"$NGX/html/one-k.bin"
listens=""
for ((i = 1; i <= HOSTS; i++)); do listens+="    listen 127.0.0.$i:$PORT backlog=4096;"$'\n'; done
cat >"$NGX/nginx.conf" <<CONF
worker_processes 1;
worker_rlimit_nofile 20000;
daemon on;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  keepalive_requests 1000000000;
  keepalive_timeout 120s;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  server {
$listens
    root $NGX/html;
    location /s/ { try_files /one-k.bin =404; }
  }
}
CONF
nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log"
sleep 0.5

awk -v n="$URLS" -v h="$HOSTS" -v p="$PORT" 'BEGIN { for (i = 0; i < n; i++) printf "http://127.0.0.%d:%d/s/%d\n", i % h + 1, p, i }' \
    >"$WORK/urls.txt"
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) commit: $(git -C "$ROOT" rev-parse --short HEAD)"
echo "# tool urls wall_s urls_per_s cpu_s peak_rss_mib"

run() {
    local name=$1; shift
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/$name.err" \
        || { echo "$name failed:"; tail -5 "$WORK/$name.err"; return 1; }
    read -r wall user sys rss <"$WORK/time"
    awk -v t="$name" -v n="$URLS" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
        'BEGIN { printf "%s %d %.2f %.0f %.2f %.0f\n", t, n, w, n / w, u + s, r / 1024 }'
}

"$ROOT/salvo" --version >/dev/null
run fetch "$ROOT/salvo" fetch --no-progress -c 256 --per-host 8 --retries 0 -o "$WORK/fetch.jsonl" "$WORK/urls.txt"
echo "# fetch: $(grep -c '"ok":true' "$WORK/fetch.jsonl") of $URLS ok"
"$ROOT/salvo" spark --help >/dev/null
run spark-parquet "$ROOT/salvo" spark --master "$MASTER" -c 128 --per-host 8 --retries 0 \
    --wave-size 1000000 --output "$WORK/spark-out" "$WORK/urls.txt"
grep 'salvo spark: wave\|salvo spark: read' "$WORK/spark-parquet.err" | sed 's/^/# /'
[ "${BENCH_JSONL:-0}" = 1 ] || exit 0
run spark-jsonl "$ROOT/salvo" spark --master "$MASTER" -c 128 --per-host 8 --retries 0 --format jsonl \
    --wave-size 1000000 --output "$WORK/spark-json" "$WORK/urls.txt"
grep 'salvo spark: wave\|salvo spark: read' "$WORK/spark-jsonl.err" | sed 's/^/# /'
