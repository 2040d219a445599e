#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# interrupt.sh: SIGINT, SIGTERM and SIGHUP at many moments of a 1,000-article
# build (PDF and EPUB) and of `galley pdf` and `galley epub`: no temporary
# file is left and the previous outputs stay whole (tests/e2e/interrupt.py).
source "$(dirname "$0")/lib.sh"
python3 "$TOP/tests/e2e/interrupt.py" "$GALLEY" "$WORK"
