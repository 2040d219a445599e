# Helpers for end-to-end scripts: source it, call ok/fail/check, and keep
# every output under $WORK (removed at exit).  $GALLEY is the binary.
set -u
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
GALLEY=${GALLEY:-$TOP/build/galley}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ok()   { echo "ok - $1"; }
fail() { echo "not ok - $1${2:+: $2}"; }
# check NAME COMMAND...: ok when the command succeeds
check() { local n=$1; shift; if "$@" >"$WORK/.check.out" 2>&1; then ok "$n"; else fail "$n" "$(tail -n 3 "$WORK/.check.out" | tr '\n' ' ')"; fi; }
epubcheck_jar() { java -jar /usr/share/java/epubcheck.jar "$@"; }
