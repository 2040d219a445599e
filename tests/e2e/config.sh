#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# The user's configuration file ($XDG_CONFIG_HOME/galley/config.yaml):
# defaults that the command line overrides, --no-config, ~/.config as the
# fallback, positions in errors and warnings.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export XDG_CONFIG_HOME="$WORK/xdg"
mkdir -p xdg/galley home/.config/galley
CONF=$WORK/xdg/galley/config.yaml
IN=$TOP/examples/margins.md
size() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1x\2/p'; }

printf 'paper: a5\nhyphenate: false\nmargins: [40pt, 30pt]\n' > "$CONF"
"$GALLEY" pdf -q -o a5.pdf "$IN" && [ "$(size a5.pdf)" = "419.528x595.276" ] \
	&& ok "config: paper applies" || fail "config: paper applies" "$(size a5.pdf)"
"$GALLEY" pdf -q --paper letter -o letter.pdf "$IN" && [ "$(size letter.pdf)" = "612x792" ] \
	&& ok "config: the command line overrides it" || fail "config: the command line overrides it" "$(size letter.pdf)"
"$GALLEY" pdf -q --no-config -o a4.pdf "$IN" && [ "$(size a4.pdf)" = "595.276x841.89" ] \
	&& ok "config: --no-config ignores it" || fail "config: --no-config ignores it" "$(size a4.pdf)"

printf 'ragged: true\nhyphenate: false\n' > "$CONF"
"$GALLEY" pdf -q -o ragged.pdf "$IN"
"$GALLEY" pdf -q --justify --hyphenate -o undone.pdf "$IN"
"$GALLEY" pdf -q --no-config -o plain.pdf "$IN"
if cmp -s undone.pdf plain.pdf && ! cmp -s ragged.pdf plain.pdf; then
	ok "config: --justify and --hyphenate undo ragged: true and hyphenate: false"
else
	fail "config: --justify and --hyphenate undo ragged: true and hyphenate: false"
fi

printf 'css: style.css\n' > "$CONF"
check "config: a setting of another command is not an error" "$GALLEY" pdf -q -o css.pdf "$IN"

printf 'paper: a5\ncolour: blue\n' > "$CONF"
"$GALLEY" pdf -o w.pdf "$IN" 2>w.err
grep -q "^galley: $CONF:2:1: warning: unknown setting 'colour'" w.err \
	&& ok "config: unknown key is a warning with its position" \
	|| fail "config: unknown key is a warning with its position" "$(cat w.err)"
"$GALLEY" pdf -q -o w.pdf "$IN" 2>wq.err
[ ! -s wq.err ] && ok "config: --quiet silences the warning" || fail "config: --quiet silences the warning"

printf 'paper: a5\nfont_size: [10\n' > "$CONF"
"$GALLEY" pdf -o bad.pdf "$IN" 2>bad.err; rc=$?
[ "$rc" = 1 ] && grep -q "^galley: $CONF:[0-9]*:[0-9]*: error: " bad.err && [ ! -e bad.pdf ] \
	&& ok "config: malformed YAML is an error with FILE:LINE:COL" \
	|| fail "config: malformed YAML is an error with FILE:LINE:COL" "rc=$rc $(cat bad.err)"
check "config: --no-config skips a malformed file" "$GALLEY" pdf -q --no-config -o nc.pdf "$IN"

printf 'paper: a5\nfont_size: huge\n' > "$CONF"
"$GALLEY" pdf -o bad.pdf "$IN" 2>bad.err; rc=$?
[ "$rc" = 1 ] && grep -q "^galley: $CONF:2:1: error: .*font-size" bad.err \
	&& ok "config: a bad value is an error at its line" \
	|| fail "config: a bad value is an error at its line" "rc=$rc $(cat bad.err)"

printf 'paper: a5\npaper: a4\n' > "$CONF"
"$GALLEY" pdf -o bad.pdf "$IN" 2>bad.err
grep -q "^galley: $CONF:2:1: error: 'paper' is given twice" bad.err \
	&& ok "config: a duplicate key is an error" || fail "config: a duplicate key is an error" "$(cat bad.err)"

printf -- '- paper\n' > "$CONF"
"$GALLEY" pdf -o bad.pdf "$IN" 2>bad.err
grep -q "^galley: $CONF:1:1: error: " bad.err && ok "config: a list at the top is an error" \
	|| fail "config: a list at the top is an error" "$(cat bad.err)"

printf 'ragged: maybe\n' > "$CONF"
"$GALLEY" pdf -o bad.pdf "$IN" 2>bad.err
grep -q "^galley: $CONF:1:1: error: 'ragged' takes true or false" bad.err \
	&& ok "config: a flag takes true or false" || fail "config: a flag takes true or false" "$(cat bad.err)"

printf '# nothing yet\n' > "$CONF"
check "config: a file of comments is empty" "$GALLEY" pdf -q -o empty.pdf "$IN"

# relative paths are taken from the configuration's folder
printf 'fonts: nofonts\n' > "$CONF"
"$GALLEY" pdf -o f.pdf "$IN" 2>f.err
grep -q "$WORK/xdg/galley/nofonts" f.err && ok "config: a relative path is beside the file" \
	|| fail "config: a relative path is beside the file" "$(cat f.err)"

# without XDG_CONFIG_HOME: ~/.config/galley/config.yaml
rm -f "$CONF"
printf 'paper: letter\n' > home/.config/galley/config.yaml
env -u XDG_CONFIG_HOME HOME="$WORK/home" "$GALLEY" pdf -q -o home.pdf "$IN" \
	&& [ "$(size home.pdf)" = "612x792" ] && ok "config: ~/.config is the fallback" \
	|| fail "config: ~/.config is the fallback" "$(size home.pdf)"
