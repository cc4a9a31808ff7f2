#!/usr/bin/env bash
# A hook opens no connection, so libgit2 does not read the system's CA
# bundle in it (docs/decisions.md 120: the largest part of a hook's own
# time): `git td hook pre-commit` and `post-commit` never open the bundle,
# and still export, stage and import; a command that may connect (`git td
# status`, as `git td sync`) still reads it, through mbedTLS's own parser.
source "$(dirname "$0")/lib/common.sh"
need_shared
command -v strace >/dev/null || skip "needs strace (scripts/install-deps installs it)"
bundle=/etc/ssl/certs/ca-certificates.crt
[ -f "$bundle" ] || skip "no CA bundle at $bundle (package ca-certificates)"
git_td_on_path

repo=$WORK/repo db=$WORK/repo/.todos/issues.db
td_repo "$repo"
add_issue "$db" td-000001 "Issue one"

# opens_bundle NAME ARGS...: runs git-td under strace; true when it opened the bundle.
opens_bundle() {
  local name=$1
  shift
  # LeakSanitizer cannot run under ptrace: off for these runs (the suite's ASan build).
  (cd "$repo" && ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -qq -e trace=open,openat -o "$WORK/$name.trace" "$GIT_TD" "$@" >"$WORK/$name.out" 2>&1) ||
    { cat "$WORK/$name.out" >&2; fail "git td $* failed under strace"; }
  grep -q "$bundle" "$WORK/$name.trace"
}

opens_bundle status status || fail "'git td status' did not read the CA bundle: the forwarding to mbedTLS is broken"
if opens_bundle pre-commit hook pre-commit; then fail "the pre-commit hook read the CA bundle"; fi
git -C "$repo" ls-files --error-unmatch .todos/export/issues/td-000001.yaml >/dev/null 2>&1 ||
  fail "the pre-commit hook did not export and stage the issue: $(cat "$WORK/pre-commit.out")"
git -C "$repo" -c core.hooksPath=/dev/null commit -q -m "the issue" || fail "commit failed"
if opens_bundle post-commit hook post-commit; then fail "the post-commit hook read the CA bundle"; fi
"$GIT_TD" -C "$repo" status >"$WORK/status.out" 2>&1 || fail "status after the hooks: $(cat "$WORK/status.out")"
