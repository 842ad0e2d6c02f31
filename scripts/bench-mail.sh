#!/usr/bin/env bash
# End-to-end mail intake benchmark on SQLite: `podpora mailgate --batch` reads an mbox of corpus
# messages, stores each raw message, then parses, checks the sender, threads, writes the ticket and
# its SLA clocks and queues the confirmation.
#   ./scripts/bench-mail.sh [MESSAGES]      (default 5000; prints the figures for docs/benchmarks.md)
# The messages are a round-robin mix of the shared corpora (Zammad's real-world messages, the
# mail-parser and Dovecot test messages), read from CORPORA (default ../shared/corpora), never
# copied into the repository. Each copy is made a distinct request from a registered contact: its
# From, Sender, Reply-To, Return-Path, Message-ID, In-Reply-To and References headers are removed
# and a From naming one of the demo contacts (in turn) and a fresh Message-ID are put first, so
# every message opens its own ticket, and its subject is prefixed with a counter, so that no copy is the
# same request sent again; everything else (bodies, attachments, charsets, Auto-Submitted headers) is
# left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
CORPORA=${CORPORA:-../shared/corpora}
[ -d "$CORPORA/zammad-mail" ] || { echo "no corpora in $CORPORA (set CORPORA)" >&2; exit 1; }
cargo build --release -p podpora --locked
BIN=$PWD/target/release/podpora
WORK=$(mktemp -d)
trap 'kill $(cat $WORK/pid 2>/dev/null) 2>/dev/null || true; rm -rf $WORK' EXIT
cat > "$WORK/podpora.toml" <<EOF
log_level = "warn"
[mail]
# Every request is confirmed: the per-sender limit on automatic answers is for loops, not for this.
auto_reply_per_hour = 100000000
[[mail.addresses]]
address = "podpora@support.test"
language = "sk"
EOF

# The demo data: contacts with plans, teams, an SLA policy with a business calendar.
$BIN --config "$WORK/podpora.toml" demo --data-dir "$WORK/data" --listen 127.0.0.1:0 > "$WORK/demo.log" 2>&1 &
echo $! > "$WORK/pid"
for _ in $(seq 100); do grep -q "podpora listening" "$WORK/demo.log" && break; sleep 0.1; done
kill -TERM "$(cat "$WORK/pid")"; wait "$(cat "$WORK/pid")" || true; rm "$WORK/pid"

python3 - "$CORPORA" "$N" "$WORK/data/demo.json" > "$WORK/bench.mbox" <<'PY'
import glob, json, re, sys
corpora, n, demo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
senders = [c["email"] for c in json.load(open(demo))["contacts"]]
files = sorted(glob.glob(f"{corpora}/zammad-mail/*.box"))
for d in ("rfc", "thirdparty"):
    files += sorted(glob.glob(f"{corpora}/stalwart-mail-parser/{d}/*.eml"))
files += sorted(glob.glob(f"{corpora}/mailparse-crate/*.eml"))
files += sorted(glob.glob(f"{corpora}/mailparse-crate/*.txt"))
drop = {b"from", b"sender", b"reply-to", b"return-path", b"message-id", b"in-reply-to", b"references"}
messages = []
for f in files:
    raw = open(f, "rb").read()
    if raw.startswith(b"From "):
        raw = raw.split(b"\n", 1)[1]
    cut = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    head, body = raw[:cut], raw[cut:]
    eol = b"\r\n" if b"\r\n" in head else b"\n"
    kept, skipping = [], False
    for line in head.split(eol):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        skipping = line.split(b":", 1)[0].strip().lower() in drop
        if not skipping:
            kept.append(line)
    messages.append((eol, eol.join(kept), body))
out = sys.stdout.buffer
escape = re.compile(rb"^(>*From )", re.M)
subject = re.compile(rb"^subject:[ \t]*", re.M | re.I)
for k in range(n):
    eol, head, body = messages[k % len(messages)]
    sender = senders[k % len(senders)]
    new = f"From: Bench {k} <{sender}>".encode() + eol + f"Message-ID: <bench-{k}@bench.example>".encode() + eol
    # Each copy's subject carries its counter: the same request sent again by the same contact
    # would join its open ticket (R-14) instead of opening one.
    head, tagged = subject.subn(f"Subject: (bench {k}) ".encode(), head, count=1)
    if not tagged:
        new += f"Subject: (bench {k})".encode() + eol
    msg = escape.sub(rb">\1", new + head + body)
    out.write(f"From {sender} Mon Nov 30 09:00:00 2026\n".encode() + msg + b"\n")
sys.stderr.write(f"{n} messages from {len(files)} corpus files\n")
PY
ls -la "$WORK/bench.mbox"

echo "== podpora mailgate --batch, $N messages"
start=$(date +%s.%N)
$BIN --config "$WORK/podpora.toml" mailgate --batch --recipient podpora@support.test \
  --data-dir "$WORK/data" < "$WORK/bench.mbox" || echo "mailgate exit code $?"
end=$(date +%s.%N)

python3 - "$WORK/data/podpora.db" "$N" "$start" "$end" <<'PY'
import sqlite3, sys
db, n, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
q = lambda s: c.execute(s).fetchone()[0]
stored = q("SELECT count(*) FROM inbound_messages")
statuses = dict(c.execute("SELECT status, count(*) FROM inbound_messages GROUP BY status"))
tickets = q("SELECT count(DISTINCT ticket_id) FROM articles WHERE message_id LIKE '%@bench.example%'")
# The demo's own tickets are confirmed too: only the messages' confirmations count.
confirmations = q("SELECT count(*) FROM outbox o JOIN inbound_messages i ON i.ticket_id = o.ticket_id "
                  "WHERE o.purpose = 'confirmation' AND i.status = 'processed'")
clocks = q("SELECT count(*) FROM ticket_clocks")
auto = q("SELECT count(*) FROM inbound_messages i JOIN tickets t ON t.id = i.ticket_id "
         "WHERE i.status = 'processed' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = t.id "
         "AND o.purpose = 'confirmation')")
secs = end - start
r0, r1, p1 = c.execute("SELECT min(received_at), max(received_at), max(processed_at) FROM inbound_messages").fetchone()
print(f"storing took {(r1 - r0) / 1000:.2f} s, processing {(p1 - r1) / 1000:.2f} s")
print(f"stored {stored} / {n}; by status {statuses}")
print(f"tickets opened {tickets}, confirmations queued {confirmations} "
      f"(processed without one, automatic messages: {auto}), SLA clocks {clocks}")
print(f"{n} messages in {secs:.2f} s: {n / secs:.0f} messages/second end to end")
ok = stored == n and statuses.get("pending", 0) == 0 and confirmations + auto == statuses.get("processed", 0)
sys.exit(0 if ok else "the counts do not add up")
PY
