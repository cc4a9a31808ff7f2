#!/usr/bin/env bash
# `git td sync` over smart HTTP: git http-backend behind lighttpd on loopback,
# every request behind basic authentication (lib/servers.sh), the user name
# and password from git's credential helpers (git's own `store`, behind a
# wrapper that logs what git-td asks of it), the real td making the edits:
#  (1) no helper and no terminal: refused at once, saying to set one up.
#  (2) a stored wrong password: an authentication failure naming the host;
#      the password is dropped from the store (git credential reject).
#  (3) a helper that answers a new wrong password every time: three tries,
#      each dropped, then the refusal; never a loop, never a hang. One that
#      answers the same wrong password again: no second try.
#  (4) the right password: Alice and Bob sync and converge, and the helper
#      was told to keep it (git credential approve).
# No refusal changes td's database or any ref, and none shows a password.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
source "$(dirname "$0")/lib/servers.sh"
need_td
start_http_backend http
export GIT_TERMINAL_PROMPT=0 # git credential fill must never wait for a terminal here
url=$HTTP_URL/origin.git

printf '%s\n' '#!/bin/sh' \
  "echo \"\$1\" >>'$WORK/helper.log'" \
  "exec git credential-store --file '$WORK/credentials' \"\$@\"" >"$WORK/store-helper"
printf '%s\n' '#!/bin/sh' \
  "echo \"\$1\" >>'$WORK/helper.log'" \
  "[ \"\$1\" = get ] || exit 0" \
  "printf 'username=$HTTP_USER\npassword=s3cret-wrong-%s\n' \"\$(grep -c '^get' '$WORK/helper.log')\"" \
  >"$WORK/wrong-helper"
printf '%s\n' '#!/bin/sh' \
  "echo \"\$1\" >>'$WORK/helper.log'" \
  "[ \"\$1\" = get ] || exit 0" \
  "printf 'username=$HTTP_USER\npassword=s3cret-always-wrong\n'" >"$WORK/same-helper"
chmod +x "$WORK/store-helper" "$WORK/wrong-helper" "$WORK/same-helper"
helper_count() { grep -c "^$1\$" "$WORK/helper.log" || true; }
no_password_shown() { if grep -q s3cret "$WORK/sync.err"; then fail "$1: the message shows a password"; fi; }

a=$WORK/alice b=$WORK/bob
sync_first_clone "$a"
git -C "$a" remote set-url origin "$url"
td_create "$a" "Reached over HTTP"
i1=$NEW_ID

# (1) no helper
sync_refused "$a" "no credential helper"
refusal_says "authentication to 127.0.0.1:$HTTP_PORT failed" "no credential helper"
refusal_says "git credential fill gave none" "no credential helper"

# (2) a stored wrong password
git -C "$a" config credential.helper "$WORK/store-helper"
echo "http://$HTTP_USER:s3cret-wrong@127.0.0.1:$HTTP_PORT" >"$WORK/credentials"
: >"$WORK/helper.log"
sync_refused "$a" "a wrong stored password"
refusal_says "authentication to 127.0.0.1:$HTTP_PORT failed" "a wrong stored password"
refusal_says "turned down the password of '$HTTP_USER'" "a wrong stored password"
no_password_shown "a wrong stored password"
assert_eq "$(helper_count erase)" 1 "git credential reject of the wrong password"
if grep -q s3cret-wrong "$WORK/credentials"; then fail "the wrong password is still stored"; fi

# (3) a helper with a new wrong password every time
git -C "$a" config credential.helper "$WORK/wrong-helper"
: >"$WORK/helper.log"
sync_refused "$a" "ever new wrong passwords"
refusal_says "after 3 tries" "ever new wrong passwords"
no_password_shown "ever new wrong passwords"
assert_eq "$(helper_count get)" 3 "credential fills for one connection"
assert_eq "$(helper_count erase)" 3 "credential rejects for one connection"

# a helper that ignores the reject and answers the same again: no second try
git -C "$a" config credential.helper "$WORK/same-helper"
: >"$WORK/helper.log"
sync_refused "$a" "the same wrong password again"
refusal_says "gives the same again" "the same wrong password again"
assert_eq "$(helper_count get)" 2 "credential fills when the helper repeats itself"

# (4) the right password
git -C "$a" config credential.helper "$WORK/store-helper"
echo "http://$HTTP_USER:$HTTP_PASSWORD@127.0.0.1:$HTTP_PORT" >"$WORK/credentials"
: >"$WORK/helper.log"
sync_ok "$a"
git -C "$ORIGIN" rev-parse -q --verify refs/heads/td-sync >/dev/null || fail "nothing reached the remote over HTTP"
[ "$(helper_count store)" -ge 1 ] || fail "the right password was not approved (git credential approve)"
assert_eq "$(helper_count erase)" 0 "git credential reject of the right password"
grep -q "$HTTP_PASSWORD" "$WORK/credentials" || fail "the store lost the right password"

sync_next_clone "$b"
git -C "$b" remote set-url origin "$url"
git -C "$b" config credential.helper "$WORK/store-helper"
sync_ok "$b"
verify_td "$b" "Bob's first sync over HTTP"
td_retitle "$b" "$i1" "Reached over HTTP, by both"
td_comment "$a" "$i1" "Alice's comment"
td_create "$b" "Bob's issue"
sync_ok "$b"
sync_ok "$a"
sync_ok "$b"
verify_td "$a" "after syncing over HTTP"
same_shared_state "after syncing over HTTP" "$a" "$b"
echo "PASS"
