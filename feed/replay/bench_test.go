package replay

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/internal/gen"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/feed/record"
)

// The benchmark story: 1,000 snapshots of a 50-update window that grows by
// 10 updates each time, 10,000 updates in all.
const (
	benchSnapshots = 1000
	benchPerStep   = 10
	benchWindow    = 50
)

var benchDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchRecording writes the benchmark recording once, parsing every body
// with feed/parse as a live session would.
var benchRecording = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "replay-bench")
	if err != nil {
		return "", err
	}
	benchDir = dir
	path := filepath.Join(dir, "story.jsonl")
	w, err := record.Create(path)
	if err != nil {
		return "", err
	}
	base := gen.Start
	for k := range benchSnapshots {
		newest := (k+1)*benchPerStep - 1
		n := min(benchWindow, newest+1)
		body := gen.Feed(n, newest-n+1)
		r, err := parse.Parse(body, "application/rss+xml", nil)
		if err != nil {
			return "", err
		}
		t := base.Add(time.Duration(newest)*time.Minute + 30*time.Second)
		r.Snapshot.Fetched = t
		if err := w.Add(feed.Fetch{Time: t, URL: gen.Link + "/rss", Status: 200,
			ContentType: "application/rss+xml", Body: body, Snapshot: &r.Snapshot}); err != nil {
			return "", err
		}
	}
	return path, w.Close()
})

func benchPath(b *testing.B) string {
	b.Helper()
	path, err := benchRecording()
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// openEnd opens the recording at its end and waits for the final story.
func openEnd(b *testing.B, path string) (*Player, chan feed.Event, context.CancelFunc, chan struct{}) {
	p, err := Open(path, Options{End: true, Clock: clock.NewFake(time.Unix(0, 0))})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan feed.Event, 4)
	done := make(chan struct{})
	go func() { p.Run(ctx, out); close(done) }()
	ev := <-out
	if !ev.Replace || len(ev.Snapshot.Updates) != benchSnapshots*benchPerStep {
		b.Fatalf("final story: replace %v, %d updates", ev.Replace, len(ev.Snapshot.Updates))
	}
	<-out // its status
	return p, out, cancel, done
}

// BenchmarkReplayOpen opens the recording and reaches its final state:
// within 1.5x of feed/parse's BenchmarkIngest10k.
func BenchmarkReplayOpen(b *testing.B) {
	path := benchPath(b)
	for b.Loop() {
		_, _, cancel, done := openEnd(b, path)
		cancel()
		<-done
	}
	fi, _ := os.Stat(path)
	b.ReportMetric(float64(fi.Size())/benchSnapshots, "file-bytes/snapshot")
}

// BenchmarkReplaySeekBack steps back one change from the end: under 50 ms.
func BenchmarkReplaySeekBack(b *testing.B) {
	path := benchPath(b)
	p, out, cancel, done := openEnd(b, path)
	defer func() { cancel(); <-done }()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Step(-1)
		ev := <-out
		if !ev.Replace || ev.Status.Replay.Step != benchSnapshots-1 {
			b.Fatalf("step back: replace %v, step %d", ev.Replace, ev.Status.Replay.Step)
		}
		<-out
		b.StopTimer()
		p.Step(+1) // back to the end, one change forward
		for ev := <-out; ev.Snapshot != nil; ev = <-out {
		}
		b.StartTimer()
	}
}
