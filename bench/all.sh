#!/usr/bin/env bash
# Every whole-process measurement in turn; see docs/performance.md.
set -euo pipefail
dir=$(dirname "$0")
for script in dump reader recording; do
	echo "== $script"
	"$dir/$script.sh"
done
