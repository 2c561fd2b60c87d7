#!/usr/bin/env bash
# liveline dump, as JSON and as text, beside a process that only parses the
# same file (and beside newsboat reloading it, where newsboat can be had):
# wall time, CPU time and peak memory, medians and ratios in one table.
#
#   bench/dump.sh            RUNS=20 bench/dump.sh
source "$(dirname "$0")/lib.sh"
need_perf
build runcmp
FEED=$(feed 10000)
BIN=$WORK/bin

cmds=(-cmd "parse=$BIN/parsebench -once $FEED"
	-cmd "json=$BIN/liveline dump --format json $FEED"
	-cmd "text=$BIN/liveline dump $FEED")
# The targets bound wall time and peak memory. liveline reads a large feed
# on every core, so its CPU time is more than its wall time by design: the
# table shows it beside the others' without a bound.
targets=(-target 'json:wall<=1.2' -target 'text:wall<=1.3' -target 'json:rss<=1.5' -target 'text:rss<=1.5')

# newsboat, from the system's packages when it is not there yet.
if ! command -v newsboat >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "newsboat is not installed: trying apt-get install -y newsboat"
	apt-get install -y -qq newsboat >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq newsboat >/dev/null 2>&1; } || true
fi
serve=()
if command -v newsboat >/dev/null; then
	# newsboat reads feeds over HTTP only: serve the file on 127.0.0.1,
	# and keep its files out of the real home.
	mkdir -p "$WORK/newsboat-home"
	serve=(-serve "$(dirname "$FEED")" -write "$WORK/newsboat-urls={serve}/$(basename "$FEED")")
	cmds+=(-cmd "newsboat=env HOME=$WORK/newsboat-home newsboat -u $WORK/newsboat-urls -c :memory: -x reload")
	targets+=(-target 'json:wall<1@newsboat' -target 'text:wall<1@newsboat')
else
	echo "skipped the newsboat comparison: newsboat is not installed and could not be installed from the system's packages"
fi
command -v hyperfine >/dev/null || echo "hyperfine is not installed (apt-get install -y hyperfine): timing with runcmp's own runs"

echo "liveline dump of $(basename "$FEED") ($(du -h "$FEED" | cut -f1)) against the bare parse"
"$BIN/runcmp" -runs "${RUNS:-10}" -base parse "${serve[@]}" "${cmds[@]}" "${targets[@]}"
