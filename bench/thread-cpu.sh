#!/usr/bin/env bash
# Runs a command and prints the CPU time (user + system, from /proc/PID/task/*/stat) that each of
# its threads used, summed by thread name, sorted by CPU. Threads are sampled every 50 ms while the
# command runs, so a thread that ends is counted up to its last sample (at most 50 ms short).
#
#   bench/thread-cpu.sh java -jar salvo-cli/target/salvo.jar fetch --output out.jsonl urls.txt
#
# Output (standard error): one "cpu_s<TAB>name<TAB>(system s)" line per thread name, then "total".
# Linux only. The command's own standard output and error pass through.
set -euo pipefail

[[ $# -gt 0 ]] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
"$@" &
pid=$!
ticks=$(getconf CLK_TCK)
declare -A cpu sys name
sample() {
  local stat tid rest fields
  for stat in /proc/"$pid"/task/*/stat; do
    IFS= read -r rest <"$stat" 2>/dev/null || continue
    tid=${stat%/stat}; tid=${tid##*/}
    # "tid (comm) state ..."; comm may hold spaces, so split after the last ')'.
    name[$tid]=${rest#*(}; name[$tid]=${name[$tid]%)*}
    read -ra fields <<<"${rest##*)}"
    # After the comm: state is field 0, utime field 11, stime field 12.
    cpu[$tid]=$((fields[11] + fields[12]))
    sys[$tid]=${fields[12]}
  done
}
while kill -0 "$pid" 2>/dev/null; do
  sample 2>/dev/null || true
  sleep 0.05
done
wait "$pid" && rc=0 || rc=$?
declare -A byName sysByName
total=0
for tid in "${!cpu[@]}"; do
  byName[${name[$tid]}]=$(( ${byName[${name[$tid]}]:-0} + cpu[$tid] ))
  sysByName[${name[$tid]}]=$(( ${sysByName[${name[$tid]}]:-0} + sys[$tid] ))
  total=$((total + cpu[$tid]))
done
{
  for n in "${!byName[@]}"; do
    awk -v t="${byName[$n]}" -v s="${sysByName[$n]}" -v hz="$ticks" -v n="$n" \
      'BEGIN { printf "%.2f\t%s\t(system %.2f)\n", t / hz, n, s / hz }'
  done | sort -rn
  awk -v t="$total" -v hz="$ticks" 'BEGIN { printf "%.2f\ttotal (sampled threads)\n", t / hz }'
} >&2
exit "$rc"
