# Sourced by the scripts beside it: Ralph (PyPI `ralph-malph`) as a learning
# record store on a loopback port, on its file backend (no database server),
# and Learning Locker's validator (npm `@learninglocker/xapi-validation`).
# Both are installed once into $LRS_TOOLS (default target/lrs-tools).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export LRS_TOOLS=${LRS_TOOLS:-$root/target/lrs-tools}
tools=$LRS_TOOLS
port=${LRS_PORT:-8127}
# Ralph's command line needs `requests` and does not say so.
wanted="ralph-malph[cli,lrs]==5.1.0 requests @learninglocker/xapi-validation@3"
if [ "$(cat "$tools/ready" 2>/dev/null)" != "$wanted" ]; then
    rm -rf "$tools"; mkdir -p "$tools"
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/pip" install -q 'ralph-malph[cli,lrs]==5.1.0' requests
    (cd "$tools" && npm install --silent --no-audit --no-fund @learninglocker/xapi-validation@3 >/dev/null)
    echo "$wanted" >"$tools/ready"
fi
export FRONTLINE_LRS=http://127.0.0.1:$port/xAPI/ FRONTLINE_LRS_KEY=trainer FRONTLINE_LRS_SECRET=secret
export RALPH_RUNSERVER_BACKEND=fs
lrs_pid=

# A store keeping its statements and its login in DIR.
new_store() {
    mkdir -p "$1"
    export RALPH_APP_DIR=$1/app RALPH_AUTH_FILE=$1/auth.json
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=$1/store
    "$tools/venv/bin/ralph" auth -u trainer -p secret -s all -w -A trainer https://frontline.example >"$1/auth.log" 2>&1 ||
        { cat "$1/auth.log"; exit 1; }
    lrs_log=$1/lrs.log
}
start_lrs() {
    "$tools/venv/bin/python" "$here/ralph_lrs.py" "$port" >>"$lrs_log" 2>&1 &
    lrs_pid=$!
    for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/__heartbeat__" && return; sleep 0.05; done
    echo "the LRS did not start: see $lrs_log"; exit 1
}
# Killed, as a crash or a power cut would stop it.
stop_lrs() {
    [ -n "$lrs_pid" ] || return 0
    kill -9 "$lrs_pid" 2>/dev/null || true; wait "$lrs_pid" 2>/dev/null || true; lrs_pid=
}
trap stop_lrs EXIT
