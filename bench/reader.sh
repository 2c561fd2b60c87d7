#!/usr/bin/env bash
# The reader as a person meets it, in a pseudo-terminal: the first frame
# with the story for the independent 1k, 10k and 100k feeds beside a
# process that only parses each file, the memory it takes once shown, how
# soon the 10k story shows again when reopened from saved state, and the
# CPU it uses over a minute with nothing arriving.
#
#   bench/reader.sh          RUNS=3 IDLE=30s SKIP_100K=1 bench/reader.sh
source "$(dirname "$0")/lib.sh"
need_perf
build ttyprobe
BIN=$WORK/bin
probe=("$BIN/ttyprobe" -liveline "$BIN/liveline" -parse "$BIN/parsebench" -runs "${RUNS:-5}")

"${probe[@]}" -file "$(feed 1000)"
"${probe[@]}" -file "$(feed 10000)" -target-ratio 1.1 -target-rss 100 -reopen "${RUNS:-5}" -target-reopen 200ms
if [ -z "${SKIP_100K:-}" ]; then
	# 170 MB: more than the default --max-size, and slow, so fewer runs.
	"${probe[@]}" -file "$(feed 100000)" -args "--max-size 300MiB" -runs "${RUNS_100K:-3}" \
		-target-ratio 1.3 -target-rss 900
fi
"$BIN/ttyprobe" -liveline "$BIN/liveline" -file "$(feed 10000)" -runs 0 \
	-idle "${IDLE:-60s}" -idle-sizes 80x24,200x60 -target-idle 0.2
