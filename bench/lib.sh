# Shared set-up of the measurement scripts in this folder: where things
# are, and building what they run. Sourced by them, not run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Built binaries and generated feeds are kept here between runs; remove
# the folder to start afresh.
WORK=${BENCH_WORK:-$ROOT/bench/.work}
# The independent fixtures (genfeed, parsebench) live beside the
# repository, when they are there at all.
PERF=$ROOT/../shared/perf
mkdir -p "$WORK/bin" "$WORK/feeds"

# need_perf stops the script, successfully, when the fixtures are missing:
# the comparisons need a feed and a bare parse that liveline did not write.
need_perf() {
	if [ ! -d "$PERF/genfeed" ] || [ ! -d "$PERF/parsebench" ]; then
		echo "skipped: the independent fixtures (genfeed, parsebench) are not beside the repository, at ../shared/perf from its root"
		exit 0
	fi
	(cd "$PERF/genfeed" && go build -o "$WORK/bin/genfeed" .)
	(cd "$PERF/parsebench" && go build -o "$WORK/bin/parsebench" .)
}

# build NAME... builds liveline and the named tools of bench/ into $WORK/bin.
build() {
	(cd "$ROOT" && go build -o "$WORK/bin/liveline" ./cmd/liveline)
	local tool
	for tool in "$@"; do
		(cd "$ROOT" && go build -o "$WORK/bin/$tool" "./bench/$tool")
	done
}

# feed N prints the path of the independent N-update RSS feed, writing it
# the first time.
feed() {
	local path=$WORK/feeds/strikes-live-$1.rss.xml
	if [ ! -s "$path" ]; then
		"$WORK/bin/genfeed" -n "$1" -format rss -o "$WORK/feeds" >/dev/null 2>&1 ||
			{ echo "genfeed -n $1 failed" >&2; return 1; }
	fi
	echo "$path"
}
