#!/usr/bin/env bash
# Runs podpora's whole test suite, installing what the tests need (Debian packages) when missing.
# The storage and API suites run on SQLite and on PostgreSQL; the harness starts PostgreSQL on
# loopback by itself (or uses PODPORA_TEST_POSTGRES_URL when set) and this script stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ -z "${PODPORA_TEST_POSTGRES_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# The e-mail tests start their own Postfix and Dovecot on loopback.
command -v postfix >/dev/null 2>&1 || [ -x /usr/sbin/postfix ] || missing+=(postfix)
[ -x /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The portal's browser test drives Debian's Chromium through chromedriver (WebDriver).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromedriver ] || missing+=(chromium-driver)
# Bank statements and e-invoices are checked against their XML schemas.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# UBL invoices are also checked by the EN 16931 and Peppol rules, compiled XSLT 2 run by Saxon.
[ -f /usr/share/java/Saxon-HE.jar ] || missing+=(libsaxonhe-java)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# Invoice PDFs are read back with pdftotext and pdftoppm, and the QR code on the page with zbarimg.
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "test.sh: these Debian packages are needed: ${missing[*]}; run as root or install them (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Postfix must not configure itself as the system's mailer: the tests give it a private configuration.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # Debian's postinst may try to start services; there is no init system here, and tests start
  # their own servers, so a failed start is harmless.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Where an init system did start the packaged services, stop them: they would hold the usual ports.
  if [ -f /etc/postfix/main.cf ] && postfix status >/dev/null 2>&1; then postfix stop >/dev/null 2>&1 || true; fi
  if [ -f /run/dovecot/master.pid ]; then doveadm stop >/dev/null 2>&1 || true; fi
fi

# The browser test checks every portal page with axe-core, from the npm registry.
if [ ! -f target/e2e-node/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  mkdir -p target/e2e-node
  npm install --prefix target/e2e-node --no-audit --no-fund --silent axe-core@4.10.3
fi

if [ ! -d ../shared/corpora ]; then
  echo "test.sh: ../shared/corpora is missing: the e-mail conformance tests read it from beside the repository" >&2
fi

stop_pg() {
  local data="${TMPDIR:-/tmp}/podpora-test-pg/data"
  if [ -f "$data/postmaster.pid" ]; then
    local ctl
    ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort | tail -1 || command -v pg_ctl)
    if [ "$(id -u)" = 0 ]; then
      runuser -u postgres -- "$ctl" stop -m fast -D "$data" >/dev/null 2>&1 || true
    else
      "$ctl" stop -m fast -D "$data" >/dev/null 2>&1 || true
    fi
  fi
}
trap stop_pg EXIT

cargo test --workspace --locked "$@"

# The generated OpenAPI document, checked by an independent validator of the 3.1 specification.
venv=target/openapi-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "openapi-spec-validator==0.9.0"
fi
cargo run -q -p podpora --locked -- openapi > target/openapi.json
"$venv/bin/python" - <<'PY'
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
doc, _ = read_from_filename("target/openapi.json")
validate(doc)
print(f"openapi.json: valid OpenAPI {doc['openapi']}, {len(doc['paths'])} paths")
PY

# Schema fuzzing against a running server, as an administrator and as a customer's key.
./scripts/fuzz-api.sh target/debug/podpora
