//go:build ignore

// Write prints a generated live-blog feed, for whole-program timings:
//
//	go run ./feed/internal/gen/write.go -n 10000 > feed10k.xml
package main

import (
	"flag"
	"os"

	"github.com/liveline-tui/liveline/feed/internal/gen"
)

func main() {
	n := flag.Int("n", 10000, "number of updates")
	start := flag.Int("start", 0, "number of the oldest update")
	flag.Parse()
	os.Stdout.Write(gen.Feed(*n, *start))
}
