#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# last-week.sh: builds The Weekly Brief for the last complete week, Monday
# to Sunday, before today (or before DATE), for a cron job:
#
#   last-week.sh [DATE] [galley build options...]
#
#   DATE        any day `date -d` understands (2024-03-18, "last monday");
#               the week built is the Monday..Sunday week that ends before
#               DATE's own week, e.g. 2024-03-18 (a Monday) or 2024-03-24
#               (a Sunday) both give 2024-03-11..2024-03-17.
#   options     passed to `galley build` (-v lists the skipped articles).
#
# Writes $WEEKLY_OUT/the-weekly-brief-SINCE.pdf and .epub (default folder:
# examples/out/weekly), so that each week's issue keeps its own files.
# $GALLEY names the galley binary (default: `galley` on the PATH, else the
# one built in this source tree).
#
# Silent on success; errors on standard error; exit status 0 on success,
# 1 when an input or output failed, 2 on a bad DATE or a usage error, 3
# when --keep-going left articles out.  cron's PATH (/usr/bin:/bin) does
# not hold /usr/local/bin: name an installed galley with GALLEY=.
set -u

here=$(cd "$(dirname "$0")" && pwd)
galley=${GALLEY:-$(command -v galley || echo "$here/../../build/galley")}
out=${WEEKLY_OUT:-$here/../out/weekly}

day=today
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
	day=$1
	shift
fi
# %u: day of the week, 1 (Monday) to 7 (Sunday); the last Sunday strictly
# before DATE ends the week.
if ! dow=$(date -d "$day" +%u 2>/dev/null) || ! base=$(date -d "$day" +%F 2>/dev/null); then
	echo "last-week.sh: not a date: $day" >&2
	exit 2
fi
until=$(date -d "$base - $dow days" +%F) || exit 2
since=$(date -d "$until - 6 days" +%F) || exit 2

# The ISO week number names the issue: "Week 11 of 2024".
issue="Week $(date -d "$since" +%V) of $(date -d "$since" +%G)" || exit 2

mkdir -p "$out" || exit 1
exec "$galley" build "$here/digest.yaml" --since "$since" --until "$until" --date "$until" \
	--issue "$issue" \
	--pdf "$out/the-weekly-brief-$since.pdf" --epub "$out/the-weekly-brief-$since.epub" "$@"
