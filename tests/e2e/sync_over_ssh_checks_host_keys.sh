#!/usr/bin/env bash
# `git td sync` over ssh:// against a real sshd on loopback (lib/servers.sh),
# the real td making the edits:
#  (1) two machines converge: Alice's key is ~/.ssh/id_ed25519, Bob's is
#      only in ssh-agent; the host key is recorded in a known_hosts that
#      `ssh-keygen -H` hashed, as Debian's ssh writes it.
#  (2) an unknown host key (empty known_hosts) is refused, naming the host,
#      the key's SHA256 fingerprint and ssh-keyscan; td's database, the
#      clone's refs and the remote's are as before.
#  (3) a changed host key (known_hosts records another key) likewise, naming
#      both fingerprints and ssh-keygen -R.
#  (4) a client key the server does not accept: a clear authentication
#      failure naming the host, the user and the key tried, at once.
#  (5) an ssh-rsa line first in known_hosts (libgit2 1.5 then asks the server
#      for that type only, which OpenSSH 8.8+ refuses): the refusal names
#      the cause and the fix.
#  (6) with everything right again, what was made meanwhile arrives.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/td_client.sh"
source "$(dirname "$0")/lib/sync.sh"
source "$(dirname "$0")/lib/servers.sh"
need_td
start_sshd
unset SSH_AUTH_SOCK # the developer's own agent must offer no keys here

ssh_client_key "$HOME/.ssh/id_ed25519"
ssh_known_hosts_line >"$HOME/.ssh/known_hosts"
ssh-keygen -q -H -f "$HOME/.ssh/known_hosts" 2>/dev/null && rm -f "$HOME/.ssh/known_hosts.old"
grep -q '^|1|' "$HOME/.ssh/known_hosts" || fail "ssh-keygen -H did not hash known_hosts"
cp "$HOME/.ssh/known_hosts" "$WORK/known_hosts.good"
url="ssh://$SSH_USER@127.0.0.1:$SSH_PORT$ORIGIN"

# (1) Alice over ssh with her key file
a=$WORK/alice b=$WORK/bob
sync_first_clone "$a"
git -C "$a" remote set-url origin "$url"
td_create "$a" "Deploy over ssh"
i1=$NEW_ID
td_comment "$a" "$i1" "works through sshd"
sync_ok "$a"
git -C "$ORIGIN" rev-parse -q --verify refs/heads/td-sync >/dev/null || fail "nothing reached the remote over ssh"

# Bob: no key file at all, his key only in ssh-agent
bob_home=$WORK/bob-home
mkdir -p "$bob_home/.ssh"
cp "$WORK/known_hosts.good" "$bob_home/.ssh/known_hosts"
ssh_client_key "$WORK/bob-key/id_ed25519"
ssh-agent -D -a "$WORK/agent.sock" >/dev/null &
SERVER_PIDS+=($!)
for _ in $(seq 1 100); do [ -S "$WORK/agent.sock" ] && break; sleep 0.1; done
SSH_AUTH_SOCK=$WORK/agent.sock ssh-add -q "$WORK/bob-key/id_ed25519" 2>/dev/null || fail "ssh-add could not load Bob's key"
bob_sync() { HOME=$bob_home SSH_AUTH_SOCK=$WORK/agent.sock sync_ok "$b"; }
sync_next_clone "$b"
git -C "$b" remote set-url origin "$url"
bob_sync
verify_td "$b" "Bob's first sync over ssh"

td_retitle "$b" "$i1" "Deploy over ssh, checked"
td_log "$b" "$i1" "Bob's log"
td_create "$a" "Alice's second issue"
bob_sync
sync_ok "$a"
bob_sync
same_shared_state "after syncing over ssh" "$a" "$b"

# (2) unknown host key
td_create "$a" "Made while the host was unknown"
: >"$HOME/.ssh/known_hosts"
sync_refused "$a" "unknown host key"
refusal_says "the ssh host key of [127.0.0.1]:$SSH_PORT is not known" "unknown host key"
refusal_says "$(ssh_fingerprint)" "unknown host key"
refusal_says "ssh-keyscan -p $SSH_PORT" "unknown host key"
rm -f "$HOME/.ssh/known_hosts"
sync_refused "$a" "no known_hosts at all"
refusal_says "$(ssh_fingerprint)" "no known_hosts at all"

# (3) changed host key
ssh-keygen -q -t ed25519 -N '' -f "$WORK/other_host_key"
ssh_known_hosts_line "$WORK/other_host_key.pub" >"$HOME/.ssh/known_hosts"
sync_refused "$a" "changed host key"
refusal_says "the ssh host key of [127.0.0.1]:$SSH_PORT has CHANGED" "changed host key"
refusal_says "$(ssh_fingerprint)" "changed host key"
refusal_says "$(ssh_fingerprint "$WORK/other_host_key.pub")" "changed host key"
refusal_says "ssh-keygen -R" "changed host key"

# (4) a key the server does not accept
cp "$WORK/known_hosts.good" "$HOME/.ssh/known_hosts"
mv "$HOME/.ssh/id_ed25519" "$WORK/alice_key"
ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_ed25519.new"
mv "$HOME/.ssh/id_ed25519.new" "$HOME/.ssh/id_ed25519"
sync_refused "$a" "an unknown client key"
refusal_says "authentication to 127.0.0.1:$SSH_PORT as $SSH_USER failed" "an unknown client key"
# shellcheck disable=SC2088 # the message names the key as ~/.ssh/..., literally
refusal_says "~/.ssh/id_ed25519" "an unknown client key"

# (5) an ssh-rsa line first for the host: libgit2 1.5 asks only for that
# type, which OpenSSH 9 no longer signs with; the refusal says so and how
mv "$WORK/alice_key" "$HOME/.ssh/id_ed25519"
{ ssh_known_hosts_line "$SSH_DIR/host_rsa.pub" && cat "$WORK/known_hosts.good"; } >"$HOME/.ssh/known_hosts"
sync_refused "$a" "an ssh-rsa line first"
refusal_says "first line for [127.0.0.1]:$SSH_PORT in ~/.ssh/known_hosts, ssh-rsa" "an ssh-rsa line first"
refusal_says "ssh-keyscan -p $SSH_PORT -t ed25519" "an ssh-rsa line first"

# (6) everything right again: what was made meanwhile arrives
cp "$WORK/known_hosts.good" "$HOME/.ssh/known_hosts"
sync_ok "$a"
bob_sync
verify_td "$b" "after the host key was fixed"
same_shared_state "after the host key was fixed" "$a" "$b"
echo "PASS"
