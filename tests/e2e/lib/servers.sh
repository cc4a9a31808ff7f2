# shellcheck shell=bash
# Real servers on loopback for the transport scenarios (source after
# common.sh and sync.sh, whose free_port and sync_state it uses): a private
# sshd with generated host keys, and git http-backend behind lighttpd with
# basic authentication, each on a free port, run as the current user from
# files in $WORK and stopped when the scenario exits. They
# install nothing: openssh-server, lighttpd and lighttpd-mod-openssl come
# from scripts/install-deps, and a scenario skips (77), saying why, when one
# is missing or cannot start.

SERVER_PIDS=()
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop_servers; rm -rf "$WORK"' EXIT

# listening PORT: something accepts connections on 127.0.0.1:PORT.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_listening PID PORT LOG WHAT: waits (10 s at most) until the server PID
# listens on PORT; skips, showing LOG, when it died or never listened.
wait_listening() {
  local pid=$1 port=$2 log=$3 what=$4 _
  for _ in $(seq 1 100); do
    listening "$port" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2 || true
  skip "$what did not start listening on 127.0.0.1:$port (its log is above)"
}

# start_sshd: sshd on a free port ($SSH_PORT) with a generated ed25519 host
# key ($SSH_DIR/host_key{,.pub}) and an RSA one ($SSH_DIR/host_rsa{,.pub}),
# accepting the keys in
# $SSH_DIR/authorized_keys for the current user ($SSH_USER) and nothing else.
start_sshd() {
  SSH_DIR=$WORK/sshd SSH_USER=$(id -un)
  [ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd: install openssh-server (scripts/install-deps)"
  command -v ssh-keygen >/dev/null || skip "no ssh-keygen: install openssh-client (scripts/install-deps)"
  mkdir -p "$SSH_DIR"
  ssh-keygen -q -t ed25519 -N '' -C git-td-test-host -f "$SSH_DIR/host_key"
  ssh-keygen -q -t rsa -b 2048 -N '' -C git-td-test-host -f "$SSH_DIR/host_rsa"
  : >"$SSH_DIR/authorized_keys"
  SSH_PORT=$(free_port)
  # StrictModes no: $WORK is a temporary directory the checks would find too
  # open; UsePAM no: PAM would want the system's login set-up.
  cat >"$SSH_DIR/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $SSH_DIR/host_key
HostKey $SSH_DIR/host_rsa
PidFile $SSH_DIR/sshd.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys
AllowUsers $SSH_USER
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
EOF
  # sshd started by root needs its privilege separation directory, which
  # Debian's ssh.service creates (RuntimeDirectory=sshd) and a machine where
  # the service never ran (a container) lacks. A user's own sshd does not.
  if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
    mkdir -m 0755 /run/sshd 2>/dev/null || skip "sshd runs as root here and /run/sshd is missing and cannot be made"
  fi
  /usr/sbin/sshd -t -f "$SSH_DIR/sshd_config" 2>"$SSH_DIR/check.err" ||
    skip "sshd cannot start as $SSH_USER: $(tr '\n' ' ' <"$SSH_DIR/check.err")"
  # libgit2 1.5.1's ssh transport leaks what it reads known_hosts with on
  # every connection; tests/lsan.supp names it by the nearest exported
  # frame, which only the slow unwinder reaches (sanitizer builds only).
  export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0
  /usr/sbin/sshd -D -e -f "$SSH_DIR/sshd_config" 2>"$SSH_DIR/sshd.log" &
  SERVER_PIDS+=($!)
  wait_listening $! "$SSH_PORT" "$SSH_DIR/sshd.log" sshd
}

# ssh_client_key FILE: a new ed25519 key pair FILE{,.pub} the server accepts.
ssh_client_key() {
  mkdir -p "$(dirname "$1")"
  ssh-keygen -q -t ed25519 -N '' -C git-td-test-client -f "$1"
  cat "$1.pub" >>"$SSH_DIR/authorized_keys"
}

# ssh_known_hosts_line [PUBFILE]: the known_hosts line that records PUBFILE
# (default: the server's host key) for 127.0.0.1:$SSH_PORT.
ssh_known_hosts_line() {
  echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "${1:-$SSH_DIR/host_key.pub}")"
}

# ssh_fingerprint [PUBFILE]: OpenSSH's SHA256 fingerprint of the host key.
ssh_fingerprint() { ssh-keygen -l -f "${1:-$SSH_DIR/host_key.pub}" | cut -d' ' -f2; }

# start_http_backend http|https: `git http-backend` for the bare repositories in
# $HTTP_ROOT, behind lighttpd on a free port ($HTTP_PORT), every request
# behind basic authentication against $HTTP_DIR/users (`user:password`
# lines: $HTTP_USER:$HTTP_PASSWORD). $HTTP_URL is the base URL of the
# repositories. https has a self-signed certificate for 127.0.0.1 that
# nothing trusts.
start_http_backend() {
  local scheme=$1
  HTTP_DIR=$WORK/http HTTP_ROOT=$WORK
  [ -x /usr/sbin/lighttpd ] || skip "no /usr/sbin/lighttpd: install lighttpd (scripts/install-deps)"
  local backend
  backend="$(git --exec-path)/git-http-backend"
  [ -x "$backend" ] || skip "git has no http-backend at $backend"
  mkdir -p "$HTTP_DIR/www"
  HTTP_USER=alice HTTP_PASSWORD=s3cret-right
  echo "$HTTP_USER:$HTTP_PASSWORD" >"$HTTP_DIR/users"
  HTTP_PORT=$(free_port)
  local modules='"mod_auth", "mod_authn_file", "mod_alias", "mod_setenv", "mod_cgi"' ssl=""
  if [ "$scheme" = https ]; then
    [ -f /usr/lib/lighttpd/mod_openssl.so ] || skip "lighttpd has no mod_openssl: install lighttpd-mod-openssl"
    command -v openssl >/dev/null || skip "no openssl to make a certificate: install openssl"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
      -keyout "$HTTP_DIR/server.key" -out "$HTTP_DIR/server.crt" 2>/dev/null || fail "openssl cannot make a certificate"
    modules="$modules, \"mod_openssl\""
    ssl="ssl.engine = \"enable\"
ssl.pemfile = \"$HTTP_DIR/server.crt\"
ssl.privkey = \"$HTTP_DIR/server.key\""
  fi
  cat >"$HTTP_DIR/lighttpd.conf" <<EOF
server.modules = ($modules)
server.document-root = "$HTTP_DIR/www"
server.bind = "127.0.0.1"
server.port = $HTTP_PORT
server.pid-file = "$HTTP_DIR/lighttpd.pid"
server.errorlog = "$HTTP_DIR/error.log"
$ssl
alias.url = ("/git" => "$backend")
\$HTTP["url"] =~ "^/git" {
  cgi.assign = ("" => "")
  setenv.set-environment = ("GIT_PROJECT_ROOT" => "$HTTP_ROOT", "GIT_HTTP_EXPORT_ALL" => "")
}
auth.backend = "plain"
auth.backend.plain.userfile = "$HTTP_DIR/users"
auth.require = ("/git" => ("method" => "basic", "realm" => "git-td test", "require" => "valid-user"))
EOF
  /usr/sbin/lighttpd -tt -f "$HTTP_DIR/lighttpd.conf" >"$HTTP_DIR/check.err" 2>&1 ||
    skip "lighttpd cannot start: $(tr '\n' ' ' <"$HTTP_DIR/check.err")"
  /usr/sbin/lighttpd -D -f "$HTTP_DIR/lighttpd.conf" 2>"$HTTP_DIR/lighttpd.log" &
  SERVER_PIDS+=($!)
  wait_listening $! "$HTTP_PORT" "$HTTP_DIR/error.log" lighttpd
  # shellcheck disable=SC2034 # for the scenarios that source this file
  HTTP_URL=$scheme://127.0.0.1:$HTTP_PORT/git
}

# refused_state DIR: what a refused sync must leave as it was: DIR's
# sync_state and the remote's refs.
refused_state() {
  sync_state "$1"
  git --git-dir="$ORIGIN" for-each-ref
}

# sync_refused DIR WHAT: `git td sync` in DIR fails (exit 1) within a minute
# (no retry loop, no prompt) and changes nothing (refused_state); its message
# is in $WORK/sync.err.
sync_refused() {
  local dir=$1 what=$2 rc=0
  refused_state "$dir" >"$WORK/state.before"
  timeout 60 "$GIT_TD" -C "$dir" sync >"$WORK/sync.out" 2>"$WORK/sync.err" || rc=$?
  [ "$rc" = 1 ] || { cat "$WORK/sync.out" "$WORK/sync.err" >&2; fail "$what: git td sync exits $rc, not 1"; }
  refused_state "$dir" >"$WORK/state.after"
  diff -u "$WORK/state.before" "$WORK/state.after" >&2 || fail "$what: the refused sync changed the database or refs"
}

# refusal_says TEXT WHAT: the refused sync's message holds TEXT.
refusal_says() {
  grep -qF -- "$1" "$WORK/sync.err" || { cat "$WORK/sync.err" >&2; fail "$2: the message does not say '$1'"; }
}
