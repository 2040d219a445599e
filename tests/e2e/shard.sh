#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# shard.sh: spreading an --each run over processes and machines.
# --shard K/N splits the sorted article list round robin; the shards
# together write exactly the files of one run, byte for byte.  The three
# recipes of the README are run here as far as one machine can: GNU
# parallel with a local "ssh login" (`-S :`, the same command line that
# goes to remote hosts), the Slurm array script run once per task with
# the variables Slurm sets, and the Kubernetes Indexed Job's manifest
# parsed (its shard count must equal its completions) and its command run
# once per index.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1700000000
SITE=$WORK/site
if ! python3 "$TOP/bench/gen.py" 23 "$SITE/news" >/dev/null 2>"$WORK/err"; then
	fail "bench/gen.py made a site" "$(head -c 300 "$WORK/err")"
	exit 0
fi
mkdir -p "$SITE/news/older"
mv "$SITE"/news/001*.md "$SITE/news/older/" 2>/dev/null
"$GALLEY" pdf -q --each "$SITE" -o "$WORK/one" 2>"$WORK/err"
n=$(find "$WORK/one" -name '*.pdf' | wc -l)
check "one --each run writes 23 PDFs" test "$n" = 23

# Shards by hand: disjoint, and together the whole.
for k in 0 1 2 3 4; do
	"$GALLEY" pdf -q --each --shard "$k/5" "$SITE" -o "$WORK/s$k" 2>>"$WORK/err"
done
total=0
for k in 0 1 2 3 4; do
	total=$((total + $(find "$WORK/s$k" -name '*.pdf' 2>/dev/null | wc -l)))
	mkdir -p "$WORK/union"
	cp -r "$WORK/s$k/." "$WORK/union/" 2>/dev/null
done
check "five shards write 23 files between them (none twice)" test "$total" = 23
check "five shards write the files of one run, byte for byte" diff -r "$WORK/one" "$WORK/union"
"$GALLEY" pdf -q --each --shard 30/40 "$SITE" -o "$WORK/empty" 2>"$WORK/err"
rc=$?
check "a shard with no article: exit 0, nothing written" test "$rc" = 0 -a ! -e "$WORK/empty"
for bad in 5/5 1/0 x/2 -1/2 2 1/2x; do
	"$GALLEY" pdf --each --shard "$bad" "$SITE" -o "$WORK/bad" 2>"$WORK/err"
	rc=$?
	[ "$rc" = 2 ] || { fail "--shard $bad: usage error" "exit $rc"; continue; }
	ok "--shard $bad: usage error"
done
"$GALLEY" pdf --shard 0/2 "$SITE" -o "$WORK/x.pdf" 2>"$WORK/err"
check "--shard without --each: usage error" test $? = 2

# GNU parallel, with the local machine as its one ssh login.
BIN=$WORK/bin
mkdir -p "$BIN"
ln -s "$GALLEY" "$BIN/galley"
if command -v parallel >/dev/null; then
	PATH=$BIN:$PATH parallel --will-cite -S : --workdir "$WORK" -j 2 \
		galley pdf -q --each --shard {}/4 "$SITE" -o "$WORK/par" ::: 0 1 2 3 2>"$WORK/err"
	check "GNU parallel -S : with four shards: the files of one run" diff -r "$WORK/one" "$WORK/par"
else
	fail "GNU parallel is installed (make deps)"
fi

# The Slurm array script, once per task of its array.
SB=$TOP/contrib/slurm/galley-array.sbatch
range=$(sed -n 's/^#SBATCH --array=\([0-9]*\)-\([0-9]*\)$/\1 \2/p' "$SB")
check "the Slurm script declares an array" test -n "$range"
set -- $range
count=$(( ${2:-0} - ${1:-0} + 1 ))
for ((t = ${1:-0}; t <= ${2:--1}; t++)); do
	SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_TASK_COUNT=$count SLURM_CPUS_PER_TASK=1 \
		SITE=$SITE OUT=$WORK/slurm GALLEY=$GALLEY bash "$SB" 2>>"$WORK/err"
done
check "the Slurm array's $count tasks: the files of one run" diff -r "$WORK/one" "$WORK/slurm"

# The Kubernetes Indexed Job: checked, then its command run per index.
K8S=$TOP/contrib/kubernetes/galley-indexed-job.yaml
if python3 - "$K8S" >"$WORK/k8s" 2>"$WORK/err" <<'EOF'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
spec = job["spec"]
pod = spec["template"]["spec"]
c = pod["containers"][0]
env = {e["name"]: e["value"] for e in c["env"]}
assert job["apiVersion"] == "batch/v1" and job["kind"] == "Job", "a batch/v1 Job"
assert spec["completionMode"] == "Indexed", "an Indexed Job"
assert int(env["SHARDS"]) == spec["completions"], "SHARDS equals completions"
assert 1 <= spec["parallelism"] <= spec["completions"], "parallelism within completions"
assert pod["restartPolicy"] in ("Never", "OnFailure"), "a Job's restart policy"
assert c["command"][:2] == ["/bin/sh", "-c"], "a shell command"
mounts = {m["name"] for m in c["volumeMounts"]}
assert mounts <= {v["name"] for v in pod["volumes"]}, "every mount has a volume"
print(spec["completions"])
print(c["command"][2])
EOF
then
	ok "the Kubernetes manifest is an Indexed Job whose SHARDS equals its completions"
	completions=$(sed -n 1p "$WORK/k8s")
	cmd=$(sed -n 2p "$WORK/k8s")
	for ((i = 0; i < completions; i++)); do
		PATH=$BIN:$PATH JOB_COMPLETION_INDEX=$i SHARDS=$completions SITE=$SITE OUT=$WORK/k8s-out \
			/bin/sh -c "$cmd" 2>>"$WORK/err"
	done
	check "the Indexed Job's $completions pods: the files of one run" diff -r "$WORK/one" "$WORK/k8s-out"
else
	fail "the Kubernetes manifest is an Indexed Job whose SHARDS equals its completions" "$(tail -n 2 "$WORK/err")"
fi
