#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""interrupt.py GALLEY WORKDIR: interrupts galley's writes at many moments.

Writes 1,000 short articles and a manifest into WORKDIR, builds once to
learn the new outputs and how long a run takes, puts older outputs in
place, then starts `galley build` (PDF and EPUB), `galley pdf` and
`galley epub` again and again, each time sending SIGINT, SIGTERM or
SIGHUP after a different delay spread over the run (the last moments, the
final writes, included).  After every run: no other file than the
outputs is in the output folder (no temporary file), and each output is
byte for byte either the older one (interrupted in time) or the complete
new one; a build replaces its two files together, so they are both older
or both new.  Prints TAP-like "ok - ..." / "not ok - ..." lines.
"""
import os
import signal
import subprocess
import sys
import time

galley, work = sys.argv[1], sys.argv[2]
WORDS = ("harbour ferry morning council river bridge market season weather coast "
         "village library museum train station garden festival timber quay").split()


def write_articles():
    os.makedirs(os.path.join(work, "a"), exist_ok=True)
    for i in range(1000):
        paras = []
        for p in range(3):
            text = " ".join(WORDS[(i * 7 + p * 3 + k) % len(WORDS)] for k in range(50))
            paras.append(text.capitalize() + ".")
        with open(os.path.join(work, "a", "%04d.md" % i), "w") as f:
            f.write('---\ntitle: "Note %d"\ndate: 2024-03-%02d\n---\n\n' % (i, 11 + i % 7))
            f.write("\n\n".join(paras) + "\n")
    with open(os.path.join(work, "digest.yaml"), "w") as f:
        f.write("title: Interrupted\nsince: 2024-03-11\nuntil: 2024-03-17\narticles: [a/]\n"
                "output: {pdf: out/brief.pdf, epub: out/brief.epub}\n")


def run(args):
    # SIGINT stays deliverable even when this script was started with it
    # ignored (a background job of a shell)
    return subprocess.Popen([galley] + args, cwd=work, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def read(path):
    with open(path, "rb") as f:
        return f.read()


OLD = {".pdf": b"%PDF-1.4 an older edition\n", ".epub": b"PK an older edition\n"}


def put_old(outdir, names):
    for n in names:
        with open(os.path.join(outdir, n), "wb") as f:
            f.write(OLD[os.path.splitext(n)[1]])


failures = 0


def report(good, name, why=""):
    global failures
    if good:
        print("ok - " + name)
    else:
        failures += 1
        print("not ok - %s: %s" % (name, why))


write_articles()
cases = [
    ("build", ["build", "digest.yaml"], ["brief.pdf", "brief.epub"]),
    ("pdf", ["pdf", "-q", "--title", "Interrupted", "-o", "pdf/one.pdf", "a/"], ["one.pdf"]),
    ("epub", ["epub", "-q", "--title", "Interrupted", "-o", "epub/one.epub", "a/"], ["one.epub"]),
]
def wait_for_temporary(p, outdir, names, limit):
    """Waits until a file other than the outputs appears in `outdir` (the
    writes have begun) or the run ends; True when one appeared."""
    end = time.monotonic() + limit
    while p.poll() is None and time.monotonic() < end:
        if set(os.listdir(outdir)) - set(names):
            return True
        time.sleep(0.0005)
    return False


for label, args, names in cases:
    outdir = os.path.join(work, "out" if label == "build" else label)
    os.makedirs(outdir, exist_ok=True)
    # the new outputs, and how long a whole run takes (the second run: the
    # first also fills the hyphenation cache)
    took = None
    for _ in range(2):
        start = time.monotonic()
        rc = run(args).wait()
        took = time.monotonic() - start
    new = {n: read(os.path.join(outdir, n)) for n in names} if rc == 0 else {}
    report(rc == 0, "%s: a whole run writes its outputs (%.2f s)" % (label, took), "exit %d" % rc)
    if rc != 0:
        continue
    moments = 16 if label == "build" else 8
    interrupted = during_write = 0
    problems = []
    for k in range(moments):
        sig = signal.SIGHUP if k % 8 == 7 else (signal.SIGINT, signal.SIGTERM)[k % 2]
        put_old(outdir, names)
        p = run(args)
        if k % 4 == 3:
            # before the writes: reading, typesetting
            delay = took * (k + 1) / (moments + 2)
            time.sleep(delay)
            moment = "%.3f s in" % delay
        else:
            # while the files are written: at a different moment after the
            # first temporary file appeared, up to the end of the run
            seen = wait_for_temporary(p, outdir, names, 10 * took + 5)
            delay = 0.0002 * (k * k % 37)
            time.sleep(delay)
            during_write += seen
            moment = "%.4f s into the writes" % delay if seen else "after the run"
        p.send_signal(sig)
        rc = p.wait()
        left = sorted(set(os.listdir(outdir)) - set(names))
        if left:
            problems.append("%s %s left %s" % (signal.Signals(sig).name, moment, left))
            for n in left:
                os.unlink(os.path.join(outdir, n))
        states = []
        for n in names:
            b = read(os.path.join(outdir, n))
            states.append("old" if b == OLD[os.path.splitext(n)[1]] else "new" if b == new[n] else "other")
        if "other" in states or len(set(states)) > 1:
            problems.append("%s %s: outputs %s" % (signal.Signals(sig).name, moment, states))
        if rc == -sig:
            interrupted += 1
        elif rc != 0:
            problems.append("exit %d after %s" % (rc, signal.Signals(sig).name))
    report(not problems, "%s: %d signals (%d while writing, %d before the end) leave no temporary "
           "file and whole outputs" % (label, moments, during_write, interrupted), "; ".join(problems[:3]))
    report(during_write >= moments // 2 and interrupted >= moments // 2,
           "%s: most signals arrived while the files were written" % label,
           "%d while writing, %d before the end, of %d" % (during_write, interrupted, moments))
sys.exit(0)
