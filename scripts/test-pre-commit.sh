#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit from PyPI:
# a temp venv gets pre-commit, a temp clone of this repository (at its current
# commit) is the hook repository, and a temp docs repository shows that a
# commit with a bad release is blocked with koho's message and goes through
# once the draft is fixed.
#
# Missing tools (python3 with venv, git, cargo) or no access to PyPI print
# "SKIP: <reason>" and exit 0 — unless KOHO_REQUIRE_PRE_COMMIT=1, which turns
# a skip into a failure (use that where the test must run). Real failures
# exit 1.
#
# Slow part: pre-commit's rust support runs `cargo install --path .` (a
# release build with lindera). CARGO_TARGET_DIR is kept in
# target/pre-commit-install (override with KOHO_PRE_COMMIT_TARGET) so a
# second run only rebuilds koho itself. Only committed changes are tested.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { printf '== %s\n' "$*"; }
skip() {
    printf 'SKIP: test-pre-commit: %s\n' "$*"
    if [[ "${KOHO_REQUIRE_PRE_COMMIT:-0}" == 1 ]]; then
        echo "FAIL: KOHO_REQUIRE_PRE_COMMIT=1, so a skip is a failure" >&2
        exit 1
    fi
    exit 0
}
fail() {
    printf 'FAIL: test-pre-commit: %s\n' "$*" >&2
    exit 1
}

command -v git >/dev/null || skip "git is not installed"
command -v cargo >/dev/null || skip "cargo is not installed (pre-commit's rust language needs it)"
python=""
for p in python3 python; do
    if command -v "$p" >/dev/null && "$p" -c 'import venv, ensurepip' 2>/dev/null; then
        python="$p"
        break
    fi
done
[[ -n "$python" ]] || skip "no python3 with the venv and ensurepip modules"

work="$(mktemp -d "${TMPDIR:-/tmp}/koho-pre-commit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say "working in $work"

say "creating a venv and installing pre-commit from PyPI"
"$python" -m venv "$work/venv" || skip "python3 -m venv failed"
if ! "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit >"$work/pip.log" 2>&1; then
    cat "$work/pip.log"
    skip "pip could not install pre-commit (no network access to PyPI?)"
fi
pre_commit="$work/venv/bin/pre-commit"
say "$("$pre_commit" --version)"

rev="$(git -C "$repo" rev-parse HEAD)"
if [[ -n "$(git -C "$repo" status --porcelain)" ]]; then
    echo "note: uncommitted changes in $repo are not part of this test (hook repo is commit $rev)"
fi
say "cloning this repository at $rev as the hook repository"
git clone --quiet "$repo" "$work/hook-repo"
git -C "$work/hook-repo" checkout --quiet "$rev"

docs="$work/docs"
say "creating a docs repository in $docs"
git init --quiet "$docs"
cd "$docs"
git config user.email "pr@example.com"
git config user.name "広報テスト"
git config commit.gpgsign false
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $work/hook-repo
    rev: $rev
    hooks: [{id: koho}]
YAML
# Pin the rule set so the test does not depend on which rules are default.
cat >koho.toml <<'TOML'
select = ["ja.terms"]

[rules."ja.terms"]
severity = "error"
TOML
cat >good.md <<'MD'
# 新製品発売のお知らせ

株式会社テスト（本社：東京都千代田区）は、2026年5月1日に新製品を発売します。
MD
cat >bad.md <<'MD'
# 説明会開催のお知らせ

株式会社テストは、2026年6月10日に製品説明会を開催します。詳細は当社サイトをご確認下さい。
MD

export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="${KOHO_PRE_COMMIT_TARGET:-$repo/target/pre-commit-install}"
export CARGO_TERM_COLOR=never
say "pre-commit install (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
"$pre_commit" install >/dev/null

git add .pre-commit-config.yaml koho.toml good.md bad.md
say "committing a bad release: must be blocked (the first run builds koho: minutes)"
start=$SECONDS
set +e
git commit --quiet -m "リリース原稿" >"$work/commit1.log" 2>&1
status=$?
set -e
cat "$work/commit1.log"
say "first commit took $((SECONDS - start)) s"
if grep -q "An unexpected error has occurred\|CalledProcessError" "$work/commit1.log"; then
    fail "pre-commit could not install or run the hook (see above)"
fi
[[ $status -ne 0 ]] || fail "the commit with bad.md was not blocked"
grep -q "ja.terms" "$work/commit1.log" || fail "koho's rule id is missing from the hook output"
grep -q "「下さい」は「ください」と書きます。" "$work/commit1.log" || fail "koho's message is missing from the hook output"
grep -q "bad.md" "$work/commit1.log" || fail "the hook output does not name bad.md"
# A finding's location reads "[bad.md:3:…"; good.md may appear only in its coverage card.
grep -q "\[bad.md:3:" "$work/commit1.log" || fail "the finding does not point at bad.md line 3"
if grep -q "\[good.md:" "$work/commit1.log"; then
    fail "good.md has a finding although it is clean"
fi
git rev-parse --verify --quiet HEAD >/dev/null && fail "a commit was created although the hook failed"

say "fixing bad.md and committing again: must pass"
sed -i.orig 's/下さい/ください/' bad.md && rm -f bad.md.orig
git add bad.md
git commit --quiet -m "リリース原稿" >"$work/commit2.log" 2>&1 || {
    cat "$work/commit2.log"
    fail "the commit was blocked after the fix"
}
cat "$work/commit2.log"
[[ "$(git log --format=%s -1)" == "リリース原稿" ]] || fail "no commit after the fix"
say "PASS: pre-commit blocked the bad release with koho's message and accepted the fix"
