#!/usr/bin/env bash
# Salvo benchmark harness: Salvo against aiohttp, curl, wget2 and wrk, all
# fetching from a private nginx on loopback. See bench/README.md.
#
# Rules this script keeps:
#  - it only ever talks to 127.0.0.0/8, on a port of its own nginx;
#  - every process it starts is stopped by the EXIT trap, and every tool run
#    is bounded by `timeout`;
#  - bench/work/ (lists, server root, tool output) is deleted on exit;
#    results stay in bench/out/.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--quick] [--scenarios LIST] [--runs N] [--tools LIST]

  --quick           smoke test: 1 run, a few hundred URLs per scenario
  --scenarios LIST  comma-separated cases or scenario prefixes, e.g. S1,S2-c500
                    cases: S1-c64 S1-c256 S2-c500 S2-c1000 S3 S4-1M S4-10M S5
                           T1-30k T1-200k T1-1M T2 T3 (https) JVM
                    (default: all)
  --runs N          runs per tool per case, in alternation (default 3; --quick: 1)
  --tools LIST      subset of aiohttp,curl,wget2,wrk,salvo (default: all)
  --keep-work       keep bench/work/ (lists, raw tool output) for inspection

Environment: BENCH_PORT (default 18080), SALVO_CMD (default ./salvo),
  SALVO_FETCH_ARGS (extra options for every salvo fetch, @OUT@ standing for that
  run's output path, e.g. '--warc @OUT@.warc.gz' or '--format parquet').
Results: bench/out/results-<date>.md and the raw runs in bench/out/raw-<date>.csv.
EOF
}

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=$BENCH/work
OUT=$BENCH/out
PY=/usr/bin/python3          # Debian's python: python3-aiohttp installs for it
PORT=${BENCH_PORT:-18080}
N_HOSTS=64                   # S5 spreads URLs over 127.0.0.1 .. 127.0.0.$N_HOSTS
# https (T cases, self-signed certificate; every tool runs with verification off, as a user
# trying it on a test server would): T1 one host over HTTP/1.1 on TLS_PORT, T2 one host that
# offers HTTP/2 by ALPN on TLS_PORT+1, T3 1,024 hosts: 127.0.0.1..32 x ports TLS_PORT+2..+33.
TLS_PORT=${BENCH_TLS_PORT:-19080}
T3_ADDRS=32
T3_PORTS=32
SALVO_CMD=${SALVO_CMD:-$ROOT/salvo}
SALVO_JAR=$ROOT/salvo-cli/target/salvo.jar
SALVO_FETCH_ARGS=${SALVO_FETCH_ARGS:-}
PACKAGES="nginx libnginx-mod-http-echo wrk curl wget2 python3-aiohttp time"

QUICK=0
RUNS=
SCENARIOS=all
TOOLS=aiohttp,curl,wget2,wrk,salvo
KEEP_WORK=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) QUICK=1 ;;
    --scenarios) SCENARIOS=${2:?--scenarios needs a value}; shift ;;
    --scenarios=*) SCENARIOS=${1#*=} ;;
    --runs) RUNS=${2:?--runs needs a value}; shift ;;
    --runs=*) RUNS=${1#*=} ;;
    --tools) TOOLS=${2:?--tools needs a value}; shift ;;
    --tools=*) TOOLS=${1#*=} ;;
    --keep-work) KEEP_WORK=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if [[ -z $RUNS ]]; then RUNS=$([[ $QUICK == 1 ]] && echo 1 || echo 3); fi
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --runs must be a positive integer" >&2; exit 2; }

log()  { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
warn() { log "WARNING: $*"; }
die()  { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup ---
NGX=$WORK/nginx
TOOL_PID=
WALL=NA
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $TOOL_PID ]]; then
    # TOOL_PID is /usr/bin/time; its child `timeout` forwards TERM to the tool's group.
    pkill -TERM -P "$TOOL_PID" 2>/dev/null || true
    kill -TERM "$TOOL_PID" 2>/dev/null || true
  fi
  stop_nginx
  if [[ $KEEP_WORK == 0 ]]; then rm -rf "$WORK"; else log "kept $WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ----------------------------------------------------------- dependencies ---
echo_module() {
  local d
  for d in /usr/lib/nginx/modules /usr/share/nginx/modules; do
    if [[ -f $d/ngx_http_echo_module.so ]]; then echo "$d/ngx_http_echo_module.so"; return 0; fi
  done
  return 1
}

ensure_packages() {
  local missing=() c
  for c in nginx wrk curl wget2; do command -v "$c" >/dev/null || missing+=("$c"); done
  [[ -x /usr/bin/time ]] || missing+=(time)
  { [[ -x $PY ]] && $PY -c 'import aiohttp' 2>/dev/null; } || missing+=(python3-aiohttp)
  echo_module >/dev/null || missing+=(libnginx-mod-http-echo)
  [[ ${#missing[@]} == 0 ]] && return 0
  log "missing: ${missing[*]}; installing Debian packages: $PACKAGES"
  [[ $EUID == 0 ]] || die "not root: run 'sudo apt-get install -y $PACKAGES' first"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES
  echo_module >/dev/null || die "ngx_http_echo_module.so not found after installing libnginx-mod-http-echo"
}

raise_fd_limit() {
  # The peers open one socket per concurrent request (S2 runs 1000 at once).
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  local n; n=$(ulimit -n)
  if [[ $n != unlimited && $n -lt 4096 ]]; then
    warn "open-file limit is $n; runs at C=1000 may fail with EMFILE"
  fi
}

# ------------------------------------------------------------------ nginx ---
write_nginx_conf() {
  local module=$1 i j listens="" many=""
  for ((i = 1; i <= N_HOSTS; i++)); do
    listens+="    listen 127.0.0.$i:$PORT backlog=4096;"$'\n'
  done
  for ((i = 1; i <= T3_ADDRS; i++)); do
    for ((j = 0; j < T3_PORTS; j++)); do
      many+="    listen 127.0.0.$i:$((TLS_PORT + 2 + j)) ssl backlog=4096;"$'\n'
    done
  done
  cat >"$NGX/nginx.conf" <<EOF
# Generated by bench/run.sh; loopback only, one worker, no access log.
load_module $module;
worker_processes 1;
worker_rlimit_nofile 20000;
daemon on;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  log_format first '\$msec \$request_uri';
  keepalive_requests 1000000000;
  keepalive_timeout 120s;
  sendfile on;
  tcp_nopush on;
  default_type application/octet-stream;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  server {
$listens
    root $NGX/html;
    # Any path answers with the same file, so 10,000,000 distinct URLs need no files.
    location /s/     { try_files /one-k.bin =404; }
    location /l/     { try_files /one-m.bin =404; }
    location /delay/ { echo_sleep 0.1; echo ok; }
    # Logged with millisecond timestamps: the JVM-start measurement reads it.
    location /first/ { access_log $NGX/logs/first.log first; try_files /one-k.bin =404; }
    location = /__status { stub_status; }
  }
  # https: TLS 1.2/1.3 with a session cache, as a production nginx would have.
  ssl_certificate $NGX/cert.pem;
  ssl_certificate_key $NGX/key.pem;
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_session_cache shared:SSL:20m;
  ssl_session_timeout 10m;
  server {
    listen 127.0.0.1:$TLS_PORT ssl backlog=4096;
    root $NGX/html;
    location /s/ { try_files /one-k.bin =404; }
  }
  server {
    listen 127.0.0.1:$((TLS_PORT + 1)) ssl http2 backlog=4096;
    http2_max_concurrent_streams 128;
    keepalive_requests 1000000000;
    root $NGX/html;
    location /s/ { try_files /one-k.bin =404; }
  }
  server {
$many
    root $NGX/html;
    location /s/ { try_files /one-k.bin =404; }
  }
}
EOF
}

start_nginx() {
  local module; module=$(echo_module)
  mkdir -p "$NGX/logs" "$NGX/html" "$NGX/tmp"
  head -c 1024 /dev/urandom >"$NGX/html/one-k.bin"
  head -c 1048576 /dev/urandom >"$NGX/html/one-m.bin"
  port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
  if [[ -z ${BENCH_PORT:-} ]]; then
    # Another nginx (a colleague's test server) may hold the default: take the next free one.
    while port_busy "$PORT" && [[ $PORT -lt 18180 ]]; do PORT=$((PORT + 1)); done
  fi
  port_busy "$PORT" && die "port $PORT is already in use; pick another with BENCH_PORT=NNNNN"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$NGX/key.pem" -out "$NGX/cert.pem" 2>/dev/null \
    || die "openssl could not make the benchmark's self-signed certificate"
  write_nginx_conf "$module"
  nginx -q -t -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log"
  nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log"
  local i
  for ((i = 0; i < 50; i++)); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/__status" && break
    sleep 0.1
  done
  curl -sf -o /dev/null --max-time 2 "http://127.0.0.$N_HOSTS:$PORT/s/x" \
    || die "nginx did not come up on 127.0.0.1..$N_HOSTS:$PORT (see $NGX/logs/error.log)"
  log "nginx up on 127.0.0.1..127.0.0.$N_HOSTS port $PORT (pid $(cat "$NGX/nginx.pid"))"
}

stop_nginx() {
  [[ -f $NGX/nginx.pid ]] || return 0
  local pid i; pid=$(cat "$NGX/nginx.pid")
  kill -QUIT "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$NGX/nginx.pid"
}

# "accepts requests" from stub_status; each call itself adds one of each.
server_counts() {
  curl -s --max-time 5 "http://127.0.0.1:$PORT/__status" | awk 'NR == 3 { a = $1; r = $3 } END { print a + 0, r + 0 }'
}

# ------------------------------------------------------------------ Salvo ---
SALVO_OK=0
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); exit }'; }

setup_salvo() {
  if [[ ! -x $SALVO_CMD ]]; then
    warn "no Salvo launcher at $SALVO_CMD: skipping Salvo (peers only)"; return 0
  fi
  # The launcher needs JDK >= 21; the default java on PATH may be older.
  local j major=0
  if command -v java >/dev/null; then major=$(java_major java); fi
  if [[ ${major:-0} -lt 21 ]]; then
    for j in /usr/lib/jvm/*/bin/java; do
      [[ -x $j ]] || continue
      if [[ $(java_major "$j") -ge 21 ]]; then
        export JAVA_HOME=${j%/bin/java}; export PATH=$JAVA_HOME/bin:$PATH
        log "using JAVA_HOME=$JAVA_HOME for Salvo"; break
      fi
    done
  fi
  if [[ $SALVO_CMD == "$ROOT/salvo" && ! -f $SALVO_JAR ]]; then
    log "building Salvo (first run of ./salvo; not timed)"
  fi
  # Warm-up, untimed: builds the jar on first use and checks the launcher works.
  if ! timeout 1200 "$SALVO_CMD" --version </dev/null >"$WORK/salvo-version.log" 2>&1; then
    warn "'$SALVO_CMD --version' failed: skipping Salvo. Last lines:"
    tail -n 5 "$WORK/salvo-version.log" >&2 || true
    return 0
  fi
  if [[ $SALVO_CMD == "$ROOT/salvo" && ! -f $SALVO_JAR ]]; then
    warn "$SALVO_JAR still missing after the warm-up: skipping Salvo"; return 0
  fi
  SALVO_OK=1
  log "Salvo: $(head -n 1 "$WORK/salvo-version.log")"
}

# ------------------------------------------------------------------ cases ---
# case scenario path urls(full) urls(quick) concurrency hosts tools timeout_s
CASES="
S1-c64   S1 /s/     200000   300 64   1  aiohttp,curl,wget2,wrk,salvo 600
S1-c256  S1 /s/     200000   300 256  1  aiohttp,curl,wget2,wrk,salvo 600
S2-c500  S2 /delay/ 5000    1000 500  1  aiohttp,curl,wget2,wrk,salvo 600
S2-c1000 S2 /delay/ 5000    1000 1000 1  aiohttp,curl,wget2,wrk,salvo 600
S3       S3 /l/     200       20 16   1  aiohttp,curl,wget2,wrk,salvo 600
S4-1M    S4 /s/     1000000 1000 256  1  aiohttp,curl,wget2,salvo     1800
S4-10M   S4 /s/     10000000 10000 256 1 salvo                        3600
S5       S5 /s/     200000   300 256  64 aiohttp,curl,wget2,wrk,salvo 600
T1-30k   T1 /s/     30000    300 64   1  aiohttp,curl,wget2,salvo     600
T1-200k  T1 /s/     200000   300 64   1  aiohttp,curl,wget2,salvo     900
T1-1M    T1 /s/     1000000 1000 64   1  wget2,salvo                  1800
T2       T2 /s/     30000    300 64   1  aiohttp,curl,wget2,salvo     600
T3       T3 /s/     20480   1024 256 1024 aiohttp,curl,wget2,salvo    900
"
WRK_SECONDS=10
[[ $QUICK == 1 ]] && WRK_SECONDS=2

selected() { # case -> 0 if chosen by --scenarios
  local c=$1 s
  [[ $SCENARIOS == all ]] && return 0
  for s in ${SCENARIOS//,/ }; do
    [[ $c == "$s" || $c == "$s"-* ]] && return 0
  done
  return 1
}
tool_wanted() { [[ ,$TOOLS, == *,$1,* ]]; }

gen_list() { # file path count hosts scenario
  case ${5:-} in
    T1|T2)
      local p=$TLS_PORT; [[ $5 == T2 ]] && p=$((TLS_PORT + 1))
      awk -v n="$3" -v p="$p" -v path="$2" \
        'BEGIN { for (i = 0; i < n; i++) printf "https://127.0.0.1:%d%s%d\n", p, path, i }' >"$1" ;;
    T3)
      # Host h (0..1023) is address h % 32 + 1 on port TLS_PORT + 2 + h / 32; URLs go round the hosts.
      awk -v n="$3" -v h="$4" -v a="$T3_ADDRS" -v p="$((TLS_PORT + 2))" -v path="$2" \
        'BEGIN { for (i = 0; i < n; i++) { k = i % h; printf "https://127.0.0.%d:%d%s%d\n", k % a + 1, p + int(k / a), path, i } }' >"$1" ;;
    *)
      awk -v n="$3" -v h="$4" -v p="$PORT" -v path="$2" \
        'BEGIN { for (i = 0; i < n; i++) printf "http://127.0.0.%d:%d%s%d\n", i % h + 1, p, path, i }' >"$1" ;;
  esac
}
is_tls() { [[ $1 == T* ]]; }

body_bytes() { case $1 in /l/) echo 1048576 ;; /delay/) echo 3 ;; *) echo 1024 ;; esac; }

# ------------------------------------------------------------------ a run ---
CSV=
csv_row() { local IFS=,; echo "$*" >>"$CSV"; }

# run_timed TIMEFILE LIMIT OUTFILE ERRFILE CMD... ; returns the tool's exit code
run_timed() {
  local tf=$1 limit=$2 out=$3 err=$4; shift 4
  local t0=$EPOCHREALTIME rc=0
  /usr/bin/time -o "$tf" -f '%e %U %S %M' timeout -k 10 "$limit" "$@" >"$out" 2>"$err" </dev/null &
  TOOL_PID=$!
  wait "$TOOL_PID" || rc=$?
  TOOL_PID=
  # time's %e has 10 ms resolution; keep a finer wall clock beside it.
  WALL=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
  return "$rc"
}

count_status_lines() { awk '$1 ~ /^2[0-9][0-9]$/ { n++ } END { print n + 0 }' "$1"; }

run_one() { # case scenario path urls conc hosts timeout tool run list
  local case=$1 scen=$2 path=$3 urls=$4 conc=$5 hosts=$6 limit=$7 tool=$8 run=$9 list=${10}
  local d=$WORK/run/$case-$tool-$run rc=0 note="" ok=0 n=$urls wall_wrk=""
  mkdir -p "$d"
  local before after; before=$(server_counts)
  case $tool in
    aiohttp)
      run_timed "$d/time" "$limit" "$d/out" "$d/err" \
        $PY "$BENCH/peers/aiohttp_fetch.py" -c "$conc" --retries 2 --timeout 30 $(is_tls "$scen" && echo --insecure) "$list" || rc=$?
      ok=$(count_status_lines "$d/out") ;;
    curl)
      # curl 7.x caps --parallel-max at 300.
      [[ $conc -gt 300 ]] && note="curl caps --parallel-max at 300"
      run_timed "$d/time" "$limit" "$d/out" "$d/err" \
        curl --no-progress-meter --parallel --parallel-immediate --parallel-max "$conc" \
        $(is_tls "$scen" && echo --insecure) --retry 2 --max-time 30 -w '%{http_code} %{url}\n' --config "$WORK/curl.cfg" || rc=$?
      ok=$(count_status_lines "$d/out") ;;
    wget2)
      # -O /dev/null: bodies are downloaded and discarded, nothing is written per URL.
      run_timed "$d/time" "$limit" "$d/out" "$d/err" \
        wget2 --no-config -q --max-threads="$conc" -O /dev/null --no-robots -P "$d" \
        $(is_tls "$scen" && echo --check-certificate=off) \
        --tries=3 --timeout=30 --stats-site="csv:$d/site.csv" -i "$list" || rc=$?
      if [[ -f $d/site.csv ]]; then
        ok=$(awk -F, 'NR > 1 && $4 ~ /^2/ { n++ } END { print n + 0 }' "$d/site.csv")
      fi ;;
    wrk)
      local url; url="http://127.0.0.1:$PORT${path}1"
      run_timed "$d/time" "$((WRK_SECONDS + 60))" "$d/out" "$d/err" \
        wrk -t1 -c"$conc" -d"${WRK_SECONDS}s" "$url" || rc=$?
      # "123456 requests in 10.00s, 140.00MB read"; errors and non-2xx are subtracted.
      read -r n wall_wrk < <(awk '/requests in/ { r = $1; t = $4; sub(/s,?$/, "", t); print r, t }' "$d/out") || true
      local bad; bad=$(awk '/Socket errors/ { gsub(/[^0-9 ]/, " "); s = 0; for (i = 1; i <= NF; i++) s += $i }
                          /Non-2xx/ { s += $NF } END { print s + 0 }' "$d/out")
      n=${n:-0}; ok=$((n - bad)); note="single URL; ${WRK_SECONDS}s run" ;;
    salvo)
      # Single-host cases give Salvo the whole concurrency per host; S5 is the per-host test.
      local per_host=$conc; [[ $hosts -gt 1 ]] && per_host=8
      local extra=${SALVO_FETCH_ARGS//@OUT@/$d/out}
      # shellcheck disable=SC2086
      run_timed "$d/time" "$limit" "$d/stdout" "$d/err" \
        "$SALVO_CMD" fetch $extra -c "$conc" --per-host "$per_host" --no-progress $(is_tls "$scen" && echo --insecure) \
        --output "$d/out" "$list" || rc=$?
      ok=0; [[ -f $d/out ]] && ok=$(grep -c '"ok": *true' "$d/out" || true)
      # Parquet parts cannot be counted with grep: the summary line says how many were ok.
      [[ -d $d/out ]] && ok=$(sed -n 's/^salvo: .*): \([0-9]*\) ok.*/\1/p' "$d/err" | head -n 1)
      ok=${ok:-0} ;;
  esac
  after=$(server_counts)
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$d/time" 2>/dev/null || echo "NA NA NA NA") || true
  wall=$WALL
  [[ $tool == wrk && -n $wall_wrk ]] && wall=$wall_wrk
  local sreq sconn
  sconn=$(( ${after% *} - ${before% *} - 1 )); sreq=$(( ${after#* } - ${before#* } - 1 ))
  local fail=$((n - ok)); [[ $fail -lt 0 ]] && fail=0
  [[ $rc == 124 || $rc == 137 ]] && note="${note:+$note; }timed out after ${limit}s"
  if [[ $rc != 0 && $rc != 124 && $rc != 137 ]]; then
    note="${note:+$note; }exit $rc: $(tail -n 1 "$d/err" 2>/dev/null | tr -d ',"\r' | cut -c1-80)"
  fi
  csv_row "$case" "$scen" "$tool" "$run" "$n" "$conc" "$(body_bytes "$path")" \
    "$wall" "$user" "$sys" "$rss" "$ok" "$fail" "$rc" "$sreq" "$sconn" "" "${note//,/;}"
  log "$case $tool run $run: wall ${wall}s, ok $ok/$n, rss ${rss} KiB, server saw $sreq requests on $sconn connections${note:+ ($note)}"
  [[ $KEEP_WORK == 1 ]] || rm -rf "$d"
}

# ------------------------------------------------ JVM start to first request ---
run_jvm_start() {
  local r d=$WORK/run/jvm
  mkdir -p "$d"
  echo "http://127.0.0.1:$PORT/first/1" >"$d/one.txt"
  for ((r = 1; r <= RUNS; r++)); do
    local rc=0 wall user sys rss
    run_timed "$d/time" 120 "$d/out" "$d/err" "$SALVO_CMD" --version || rc=$?
    read -r wall user sys rss < <(tail -n 1 "$d/time"); wall=$WALL
    csv_row JVM JVM "salvo --version" "$r" 0 1 0 "$wall" "$user" "$sys" "$rss" 0 "$rc" "$rc" 0 0 "" ""
    : >"$NGX/logs/first.log"
    # A new records file each run: Salvo refuses to overwrite one that exists (--version's
    # standard output went to $d/out above).
    rm -f "$d/records.jsonl"
    local start; start=$(date +%s.%N); rc=0
    run_timed "$d/time" 120 "$d/stdout" "$d/err" \
      "$SALVO_CMD" fetch -c 1 --no-progress --output "$d/records.jsonl" "$d/one.txt" || rc=$?
    read -r wall user sys rss < <(tail -n 1 "$d/time"); wall=$WALL
    local first; first=$(awk -v s="$start" 'NR == 1 { printf "%.0f", ($1 - s) * 1000 }' "$NGX/logs/first.log")
    csv_row JVM JVM "salvo fetch 1 URL" "$r" 1 1 1024 "$wall" "$user" "$sys" "$rss" \
      "$(grep -c '"ok": *true' "$d/records.jsonl" 2>/dev/null || true)" 0 "$rc" 1 1 "${first:-NA}" ""
    log "JVM run $r: --version ${wall}s; 1-URL fetch first request at ${first:-NA} ms after launch"
  done
}

# ------------------------------------------------------------------- main ---
main() {
  cd "$ROOT"   # no subshells around tool runs: the EXIT trap must see TOOL_PID
  ensure_packages
  raise_fd_limit
  rm -rf "$WORK"; mkdir -p "$WORK/run" "$OUT"
  local stamp; stamp=$(date +%Y%m%d-%H%M%S)
  CSV=$OUT/raw-$stamp.csv
  echo "case,scenario,tool,run,urls,concurrency,body_bytes,wall_s,user_s,sys_s,maxrss_kib,ok,failures,exit_code,server_requests,server_conns,first_request_ms,note" >"$CSV"

  local meta=$OUT/meta-$stamp.txt
  {
    echo "date: $(date -Iseconds)"
    echo "mode: $([[ $QUICK == 1 ]] && echo 'quick (smoke test: tiny sizes, 1 run; numbers mean nothing)' || echo full), $RUNS run(s) per tool in alternation"
    echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "salvo commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "tools: $(nginx -v 2>&1 | sed 's/nginx version: //'), $(curl --version | head -n1 | cut -d' ' -f1-2), $(wget2 --version | head -n1 | awk '{print $2, $3}'), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2), aiohttp $($PY -c 'import aiohttp; print(aiohttp.__version__)'), $($PY --version)"
    echo "open-file limit: $(ulimit -n)"
  } >"$meta"

  start_nginx
  if tool_wanted salvo; then setup_salvo; fi
  [[ $SALVO_OK == 1 ]] && echo "salvo: $(head -n 1 "$WORK/salvo-version.log"), java $(java_major java)" >>"$meta"

  local case scen path full quick conc hosts tools limit
  while read -r case scen path full quick conc hosts tools limit; do
    [[ -z $case ]] && continue
    selected "$case" || continue
    local urls=$full; [[ $QUICK == 1 ]] && urls=$quick
    local run_tools=() t
    for t in ${tools//,/ }; do
      tool_wanted "$t" || continue
      [[ $t == salvo && $SALVO_OK == 0 ]] && continue
      run_tools+=("$t")
    done
    if [[ ${#run_tools[@]} == 0 ]]; then log "$case: no tool to run, skipped"; continue; fi
    log "== $case: $urls URLs ($path) on $hosts host(s), C=$conc, tools: ${run_tools[*]}"
    local list=$WORK/list-$case.txt
    gen_list "$list" "$path" "$urls" "$hosts" "$scen"
    if [[ " ${run_tools[*]} " == *" curl "* ]]; then
      awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$list" >"$WORK/curl.cfg"
    fi
    local r
    for ((r = 1; r <= RUNS; r++)); do
      for t in "${run_tools[@]}"; do
        run_one "$case" "$scen" "$path" "$urls" "$conc" "$hosts" "$limit" "$t" "$r" "$list"
      done
    done
    rm -f "$list" "$WORK/curl.cfg"
  done <<<"$CASES"

  if selected JVM && [[ $SALVO_OK == 1 ]]; then run_jvm_start; fi

  local md=$OUT/results-$stamp.md
  $PY "$BENCH/report.py" --csv "$CSV" --meta "$meta" --out "$md" $([[ $QUICK == 1 ]] && echo --quick)
  log "results: $md (raw runs: $CSV)"
}

main
