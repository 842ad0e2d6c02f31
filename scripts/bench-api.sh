#!/usr/bin/env bash
# End-to-end API benchmark against the release build on SQLite, loopback, with Debian's wrk.
#   ./scripts/bench-api.sh            (installs wrk if missing; prints the figures for docs/benchmarks.md)
# Measures: ticket creation per second (sustained, 30 s), GET /api/v1/tickets/{number} latency with
# >= 100,000 tickets stored, and the server's resident memory at that size.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -p podpora --locked
BIN=$PWD/target/release/podpora
WORK=$(mktemp -d)
PORT=${PORT:-18181}
URL=http://127.0.0.1:$PORT
export PODPORA_LOG_LEVEL=warn
trap 'kill $(cat $WORK/pid 2>/dev/null) 2>/dev/null || true; rm -rf $WORK' EXIT

$BIN admin create-agent --data-dir "$WORK/data" --email bench@podpora.example --name Bench --role admin >/dev/null
export TOKEN=$($BIN admin issue-token --data-dir "$WORK/data" --email bench@podpora.example)
$BIN serve --data-dir "$WORK/data" --listen 127.0.0.1:$PORT > "$WORK/log" 2>&1 &
echo $! > "$WORK/pid"
for _ in $(seq 50); do curl -sf $URL/healthz >/dev/null && break; sleep 0.1; done
auth=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
ORG=$(curl -sf "${auth[@]}" $URL/api/v1/organizations -d '{"name":"Bench s.r.o.","country":"SK","ico":"35697270"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
export CONTACT=$(curl -sf "${auth[@]}" $URL/api/v1/contacts -d "{\"organization_id\":$ORG,\"name\":\"Bench\",\"emails\":[\"bench@firma.example\"]}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')

# Every ticket gets three SLA clocks (reaction, first answer, resolution) on a business calendar.
CAL=$(curl -sf "${auth[@]}" $URL/api/v1/calendars -d '{"name":"Office SK","time_zone":"Europe/Bratislava","hours":"mon-fri 08:30-17:00","holidays":"SK"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
curl -sf "${auth[@]}" $URL/api/v1/sla-policies -d "{\"name\":\"Standard\",\"calendar_id\":$CAL,\"reaction\":\"4h\",\"first_answer\":\"8h\",\"resolution\":\"2bd\"}" >/dev/null

echo "== ticket creation, 30 s, 2 threads, 32 connections"
wrk -t2 -c32 -d30s -s scripts/bench/create-ticket.lua $URL/api/v1/tickets | tee "$WORK/create.txt"
count() { curl -sf "${auth[@]}" "$URL/api/v1/tickets?per_page=1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])'; }
N=$(count)
while [ "$N" -lt 100000 ]; do
  wrk -t2 -c32 -d15s -s scripts/bench/create-ticket.lua $URL/api/v1/tickets >/dev/null
  N=$(count)
done
echo "tickets stored: $N"
export N YEAR=$(date -u +%Y)
echo "== GET /api/v1/tickets/{number}, random among $N, 30 s, 2 threads, 16 connections"
wrk -t2 -c16 -d30s --latency -s scripts/bench/get-ticket.lua $URL | tee "$WORK/get.txt"
echo "== server resident memory with $N tickets"
grep -E 'VmRSS|VmHWM' /proc/$(cat $WORK/pid)/status
echo "== calendar change: recompute every running clock of $N tickets (PUT /api/v1/calendars/$CAL)"
curl -sf "${auth[@]}" -X PUT $URL/api/v1/calendars/$CAL -d '{"name":"Office SK","time_zone":"Europe/Bratislava","hours":"mon-fri 08:00-16:30","holidays":"SK"}' \
  -o "$WORK/put.json" -w 'time_total %{time_total} s\n'
python3 -c 'import json,sys;print("clocks recomputed:", json.load(open(sys.argv[1]))["clocks_recomputed"])' "$WORK/put.json"
echo "== server memory after the calendar change (peak = VmHWM)"
grep -E 'VmRSS|VmHWM' /proc/$(cat $WORK/pid)/status
ls -la "$WORK/data"
