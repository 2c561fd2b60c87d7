package poll

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
)

// TestChangedFileIsReadAgainAtOnce: a file replaced on disk (written
// beside it and renamed over it, as most programs save) or written in
// place is read again well within a second, long before the next check.
func TestChangedFileIsReadAgainAtOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.xml")
	os.WriteFile(path, []byte("title: Saved\nitem: a|One"), 0o644)
	p := New(path, Options{Clock: clock.NewFake(start), Interval: time.Hour})
	p.parse = (&fakeParser{}).parse
	out := make(chan feed.Event)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx, out); close(done) }()
	defer func() { cancel(); <-done }()
	next := func() feed.Event {
		t.Helper()
		for {
			select {
			case ev := <-out:
				if ev.Snapshot != nil {
					return ev
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the changed file was not read again")
			}
		}
	}
	if ev := next(); len(ev.Snapshot.Updates) != 1 {
		t.Fatalf("first reading: %+v", ev.Snapshot)
	}
	time.Sleep(50 * time.Millisecond) // let the watch begin

	tmp := filepath.Join(dir, ".live.xml.tmp")
	os.WriteFile(tmp, []byte("title: Saved\nitem: b|Two\nitem: a|One"), 0o644)
	began := time.Now()
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	if ev := next(); len(ev.Snapshot.Updates) != 2 {
		t.Fatalf("after the replace: %+v", ev.Snapshot)
	}
	if took := time.Since(began); took > 500*time.Millisecond {
		t.Errorf("a replaced file was read again after %v", took)
	}

	began = time.Now()
	os.WriteFile(path, []byte("title: Saved\nitem: c|Three\nitem: b|Two\nitem: a|One"), 0o644)
	if ev := next(); len(ev.Snapshot.Updates) != 3 {
		t.Fatalf("after writing in place: %+v", ev.Snapshot)
	}
	if took := time.Since(began); took > 500*time.Millisecond {
		t.Errorf("a file written in place was read again after %v", took)
	}
}

// TestNoNotificationsLeavesTheChecks: where a file cannot be watched, there
// is no change channel, and the poller's checks alone find changes.
func TestNoNotificationsLeavesTheChecks(t *testing.T) {
	changed, done := watch(context.Background(), filepath.Join(t.TempDir(), "no", "such", "folder", "live.xml"))
	if changed != nil {
		t.Error("a folder that does not exist was watched")
	}
	select {
	case <-done:
	default:
		t.Error("an unwatched file's watch has not ended")
	}
}
