#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# remote.sh: remote images (issue 20, item 4), against a web server on
# 127.0.0.1 that the test starts (tests/e2e/http_server.py) and that stops
# by itself.
#   - without --fetch-remote: no socket is opened (strace -f -e
#     trace=network) and libcurl is not loaded; the alt text is shown;
#   - with it: a good PNG and a badge SVG are embedded; a slow server, a
#     redirect loop, a 2 GiB body, an endless body, an HTML page, a 404, a
#     redirect to file:// and (HTTPS) a certificate nobody signed are each
#     one warning naming the image and
#     a placeholder; never a hang (the whole run within a bound);
#   - a redirect from https down to http is refused (the certificate
#     trusted in a mount namespace of the test's own);
#   - nine 60 MiB images pass the run's 512 MiB: those past it are
#     warnings;
#   - the cache: a second run asks with If-None-Match, gets 304 and uses
#     the cached copy.
source "$(dirname "$0")/lib.sh"
if [ ! -x "$GALLEY" ]; then fail "galley binary exists" "$GALLEY"; exit 1; fi
export SOURCE_DATE_EPOCH=1700000000
export GALLEY_CACHE_DIR=$WORK/cache
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT

# serve NAME [CERT KEY]: starts a server; its port in $WORK/NAME.port
serve() {
	local name=$1; shift
	python3 "$TOP/tests/e2e/http_server.py" "$WORK/$name.port" "$WORK/$name.log" "$@" &
	PIDS+=($!)
	for _ in $(seq 50); do [ -s "$WORK/$name.port" ] && return 0; sleep 0.1; done
	return 1
}
serve http || { fail "the test server starts"; exit 1; }
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -days 1 \
	-keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
serve https "$WORK/cert.pem" "$WORK/key.pem" || { fail "the HTTPS test server starts"; exit 1; }
H="http://127.0.0.1:$(cat "$WORK/http.port")"
S="https://127.0.0.1:$(cat "$WORK/https.port")"

cat > "$WORK/remote.md" <<EOF
---
title: Remote pictures
---

A good picture:

![A blue band]($H/ok.png "Fetched")

A badge:

![build passing]($H/badge.svg)

![Slow]($H/slow.png)

![Loop]($H/loop.png)

![Huge]($H/huge.png)

![Endless]($H/endless.png)

![Page]($H/page.png)

![Missing]($H/missing.png)

![To a file]($H/file.png)

![Unsigned certificate]($S/ok.png)

The end.
EOF

# ---- without --fetch-remote: no network at all --------------------------------
if command -v strace >/dev/null; then
	strace -f -e trace=network -o "$WORK/strace" "$GALLEY" pdf -q -o "$WORK/off.pdf" "$WORK/remote.md" 2>/dev/null
	if grep -qE 'socket\(|connect\(' "$WORK/strace"; then
		fail "without --fetch-remote no socket is opened" "$(grep -E 'socket\(|connect\(' "$WORK/strace" | head -n 2 | tr '\n' ' ')"
	else
		ok "without --fetch-remote no socket is opened (strace)"
	fi
else
	fail "strace is installed (make deps)"
fi
LD_DEBUG=files "$GALLEY" epub -o "$WORK/off.epub" "$WORK/remote.md" 2>"$WORK/off.err"
grep -q 'file=libcurl' "$WORK/off.err" && fail "without --fetch-remote libcurl is not loaded" \
	|| ok "without --fetch-remote libcurl is not loaded"
grep -q "remote image not fetched ($H/ok.png): its alt text is shown" "$WORK/off.err" \
	&& ok "without --fetch-remote: a warning, the alt text" || fail "without --fetch-remote: warning" "$(grep -v '^ *[0-9]*:' "$WORK/off.err" | head -c 300)"
[ ! -s "$WORK/http.log" ] && ok "without --fetch-remote the server saw no request" \
	|| fail "without --fetch-remote the server saw no request" "$(head -n 3 "$WORK/http.log" | tr '\n' ' ')"

# ---- with it ---------------------------------------------------------------------
start=$(date +%s)
timeout -k 5 120 "$GALLEY" pdf --fetch-remote --fetch-timeout 4 -o "$WORK/on.pdf" "$WORK/remote.md" 2>"$WORK/on.err"
st=$?
took=$(( $(date +%s) - start ))
[ "$st" = 0 ] && ok "--fetch-remote: written, exit 0" || fail "--fetch-remote: exit 0" "exit $st: $(head -c 400 "$WORK/on.err")"
# the transfers run at once: the slow one bounds the run, not their sum
[ "$took" -le 30 ] && ok "--fetch-remote: no hang (${took} s for all of them)" \
	|| fail "--fetch-remote: no hang" "${took} s"
# want LINE PATTERN NAME: a warning at LINE of remote.md matching PATTERN
want() {
	if grep -qE "^galley: $WORK/remote.md:$1:[0-9]+: warning: remote image '[^']*' not fetched: $2" "$WORK/on.err"; then
		ok "--fetch-remote: $3"
	else
		fail "--fetch-remote: $3" "$(grep -F "remote.md:$1:" "$WORK/on.err" | head -c 300)"
	fi
}
want 13 "no complete answer within 4 s" "a slow server times out"
want 15 "more than 5 redirects" "a redirect loop ends"
want 17 "larger than GALLEY_READ_MAX_IMAGE_BYTES" "a 2 GiB body is refused from its header"
want 19 "larger than GALLEY_READ_MAX_IMAGE_BYTES" "an endless body is cut at the limit, not kept"
want 21 "the server sent 'text/html; charset=utf-8', not an image" "an HTML page is not an image"
want 23 "HTTP status 404" "a 404"
want 25 "redirected to another scheme" "no redirect to file://"
want 27 ".*(certificate|SSL)" "TLS is verified: an unsigned certificate is refused"
n=$(grep -c "warning:" "$WORK/on.err")
[ "$n" = 8 ] && ok "--fetch-remote: one warning per bad image" || fail "--fetch-remote: 8 warnings" "$n: $(head -c 400 "$WORK/on.err")"
pdfimages -list "$WORK/on.pdf" > "$WORK/list" 2>&1
[ "$(awk 'NR > 2 && $3 == "image"' "$WORK/list" | wc -l)" = 2 ] \
	&& ok "--fetch-remote: the good PNG and the badge are in the PDF" || fail "--fetch-remote: images in the PDF" "$(tr '\n' ' ' < "$WORK/list")"
pdftotext "$WORK/on.pdf" - 2>/dev/null | grep -q "Unsigned certificate" \
	&& ok "--fetch-remote: a failed image is a placeholder with its alt text" || fail "--fetch-remote: placeholder"
ls "$GALLEY_CACHE_DIR"/remote-*.bin >/dev/null 2>&1 && [ "$(ls "$GALLEY_CACHE_DIR"/remote-*.bin | wc -l)" = 1 ] \
	&& ok "the cache keeps the image with an ETag, and only it" || fail "the cache" "$(ls "$GALLEY_CACHE_DIR" 2>&1 | tr '\n' ' ')"

# ---- HTTPS to HTTP: refused ---------------------------------------------------------
# The HTTPS server's certificate is trusted here: inside a mount namespace
# of its own, galley sees it as the system's CA bundle (root only; the
# test says so when it cannot).  A good image over HTTPS is fetched, so
# that the refusal is the redirect's, not the certificate's.
BUNDLE=$(curl-config --ca 2>/dev/null)
BUNDLE=${BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
printf -- '---\ntitle: Down to HTTP\n---\n\n![Over HTTPS](%s/ok.png)\n\n![Down to HTTP](%s/to?%s/ok.png)\n' \
	"$S" "$S" "$H" > "$WORK/down.md"
: > "$WORK/http.log"
if unshare -m true 2>/dev/null && [ -f "$BUNDLE" ]; then
	unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh "$WORK/cert.pem" "$BUNDLE" \
		"$GALLEY" pdf --fetch-remote --fetch-timeout 4 -o "$WORK/down.pdf" "$WORK/down.md" 2>"$WORK/down.err"
	st=$?
	[ "$st" = 0 ] && [ "$(pdfimages -list "$WORK/down.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image"' | wc -l)" = 1 ] \
		&& ! grep -q "down.md:5:" "$WORK/down.err" \
		&& ok "--fetch-remote over HTTPS with a trusted certificate: the image is fetched" \
		|| fail "--fetch-remote over HTTPS, trusted" "exit $st: $(head -c 300 "$WORK/down.err")"
	grep -qE "down.md:7:[0-9]+: warning: remote image '[^']*' not fetched: redirected to another scheme" "$WORK/down.err" \
		&& ok "--fetch-remote: a redirect from https down to http is refused" \
		|| fail "--fetch-remote: https to http refused" "$(head -c 300 "$WORK/down.err")"
	grep -q "GET /ok.png" "$WORK/http.log" \
		&& fail "the refused redirect sent no request over HTTP" "$(tr '\n' ' ' < "$WORK/http.log")" \
		|| ok "the refused redirect sent no request over HTTP"
else
	echo "ok - # SKIP https to http: needs a mount namespace (root) to trust the test certificate"
fi

# ---- the run's limit: 512 MiB for all the downloads ----------------------------
# Nine images of 60 MiB, each under the image limit, 540 MiB together.
{ printf -- '---\ntitle: Many big pictures\n---\n\n'
  for i in 1 2 3 4 5 6 7 8 9; do printf '![Big %d](%s/big/%d.png)\n\n' "$i" "$H" "$i"; done; } > "$WORK/big.md"
timeout -k 5 120 "$GALLEY" pdf --fetch-remote --fetch-timeout 60 -o "$WORK/big.pdf" "$WORK/big.md" 2>"$WORK/big.err"
st=$?
n=$(grep -c "not fetched: the downloads passed GALLEY_FETCH_MAX_RUN_BYTES (536870912 bytes)" "$WORK/big.err")
[ "$st" = 0 ] && [ "$n" -ge 1 ] \
	&& ok "--fetch-remote: the run stops at GALLEY_FETCH_MAX_RUN_BYTES, the images past it are warnings ($n)" \
	|| fail "--fetch-remote: the run's 512 MiB" "exit $st, $n: $(head -c 400 "$WORK/big.err")"
# (the nine are zeros after their signature: those that came whole are
# not PNGs; each image is one warning, none is lost without one)
[ "$(grep -c 'big.md:[0-9]*:[0-9]*: warning:' "$WORK/big.err")" = 9 ] \
	&& ok "--fetch-remote: past the run's limit, each image is one warning" \
	|| fail "--fetch-remote: nine warnings for nine images" "$(grep -c warning "$WORK/big.err")"

# ---- the cache: validated, not downloaded again ----------------------------------
: > "$WORK/http.log"
printf -- '---\ntitle: Again\n---\n\n![A blue band](%s/ok.png)\n' "$H" > "$WORK/again.md"
"$GALLEY" epub --fetch-remote -o "$WORK/again.epub" "$WORK/again.md" 2>"$WORK/again.err"
st=$?
grep -qx "GET /ok.png 304" "$WORK/http.log" && [ "$st" = 0 ] && [ ! -s "$WORK/again.err" ] \
	&& ok "a second run revalidates (If-None-Match, 304) and uses the cached copy" \
	|| fail "the cache is revalidated" "exit $st; log: $(tr '\n' ' ' < "$WORK/http.log"); $(head -c 200 "$WORK/again.err")"
unzip -p "$WORK/again.epub" EPUB/package.opf 2>/dev/null | grep -q 'media-type="image/png"' \
	&& ok "the cached image is in the EPUB" || fail "the cached image is in the EPUB"
epubcheck_books "$WORK/again.epub"
