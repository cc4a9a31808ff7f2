#!/usr/bin/env bash
# `git td sync` over https:// to a server whose certificate nothing vouches
# for (self-signed, lib/servers.sh): libgit2 verifies it against the
# system's CA store and git-td refuses, naming the host, before any
# credential is asked for or sent; td's database and every ref stay as they
# were. The same server works for git when told to skip the check, so the
# refusal is the certificate's alone.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
source "$(dirname "$0")/lib/servers.sh"
need_td
start_http_backend https
export GIT_TERMINAL_PROMPT=0
url=$HTTP_URL/origin.git

a=$WORK/alice
sync_first_clone "$a"
GIT_SSL_NO_VERIFY=1 git ls-remote "https://$HTTP_USER:$HTTP_PASSWORD@127.0.0.1:$HTTP_PORT/git/origin.git" \
  >/dev/null 2>"$WORK/ls-remote.err" || { cat "$WORK/ls-remote.err" >&2; fail "the https server does not serve git"; }

git -C "$a" remote set-url origin "$url"
printf '%s\n' '#!/bin/sh' "echo \"\$1\" >>'$WORK/helper.log'" \
  "printf 'username=$HTTP_USER\npassword=$HTTP_PASSWORD\n'" >"$WORK/helper"
chmod +x "$WORK/helper"
git -C "$a" config credential.helper "$WORK/helper"
: >"$WORK/helper.log"
td_create "$a" "Never sent to an unverified server"

sync_refused "$a" "a self-signed certificate"
refusal_says "the TLS certificate of 127.0.0.1 could not be verified" "a self-signed certificate"
refusal_says "$url" "a self-signed certificate"
grep -F "could not be verified" "$WORK/sync.err" | grep -qF "CA store" ||
  { cat "$WORK/sync.err" >&2; fail "the refusal is not one line (mbedTLS's reasons are one a line)"; }
assert_eq "$(wc -l <"$WORK/helper.log" | tr -d ' ')" 0 "credential helper calls before the certificate was checked"
echo "PASS"
