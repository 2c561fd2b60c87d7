#!/usr/bin/env bash
# The size of a simulated day's recording of a 700 KB live page that
# changes every two minutes (720 readings), against the 50 MB target.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
out=$(go test -run '^$' -bench 'RecordDay$' -benchtime 1x ./feed/record 2>&1) && ok=met || ok=MISSED
line=$(grep -m1 '^BenchmarkRecordDay' <<<"$out" || true)
mb=$(awk '{for (i = 2; i <= NF; i++) if ($i == "MB/day") print $(i-1)}' <<<"$line")
page=$(awk '{for (i = 2; i <= NF; i++) if ($i == "KB/page") print $(i-1)}' <<<"$line")
if [ -z "$mb" ]; then
	echo "$out"
	echo "recording: the benchmark reported no size (target ≤ 50 MB: $ok)"
	exit 1
fi
echo "recording: a simulated day of a ${page} KB live page changing every two minutes (720 readings): $mb MB   target ≤ 50 MB: $ok"
