package record

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/liveline-tui/liveline/feed/record/recordtest"
)

// dayLimit is the most a day of a large live page may take on disk.
const dayLimit = 50 << 20

// recordPage records the first n readings of the simulated live page and
// returns the recording's path and size.
func recordPage(tb testing.TB, n int) (string, int64) {
	tb.Helper()
	syncFile = func(*os.File) error { return nil }
	defer func() { syncFile = (*os.File).Sync }()
	path := filepath.Join(tb.TempDir(), "page.jsonl")
	w, err := Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	for k := range n {
		if err := w.Add(recordtest.LivePage(k)); err != nil {
			tb.Fatal(err)
		}
	}
	if w.Len() != n {
		tb.Fatalf("%d of %d readings recorded", w.Len(), n)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return path, fi.Size()
}

// TestDaySize records two hours of a 700 KB live page that changes every
// two minutes and scales the size up to a day, which must stay within
// dayLimit; every body must read back as it was received. The scaling
// overstates a day about twofold: two hours hold a full checkpoint and two
// bodies stored whole, which a day holds only every 400 and every 50
// readings. BenchmarkRecordDay records the whole day. Under the race detector, which leaves sizes alone but
// makes compressing 700 KB bodies ten times slower, it records a few
// readings and checks only that their bodies read back.
func TestDaySize(t *testing.T) {
	span := 60
	if raceEnabled {
		span = 6
	}
	path, size := recordPage(t, span)
	if !raceEnabled {
		perDay := size * recordtest.DaySteps / int64(span)
		t.Logf("%d readings: %.2f MB; a day at that rate: %.1f MB", span, float64(size)/1e6, float64(perDay)/1e6)
		if perDay > dayLimit {
			t.Errorf("a day of the live page would take %.1f MB, more than %d MB", float64(perDay)/1e6, dayLimit>>20)
		}
	}
	rec, err := Open(path)
	if err != nil || len(rec.Warnings) > 0 || rec.Len() != span {
		t.Fatalf("read back: %v %q, %d steps", err, rec.Warnings, rec.Len())
	}
	for k := range span {
		f, err := rec.Fetch(k)
		if err != nil {
			t.Fatalf("reading %d: %v", k, err)
		}
		if !bytes.Equal(f.Body, recordtest.LivePage(k).Body) {
			t.Fatalf("reading %d: the body read back differs from the one received", k)
		}
	}
}

// BenchmarkRecordDay records a whole simulated day (720 readings of a
// 700 KB live page) and reports its size; it fails above dayLimit.
func BenchmarkRecordDay(b *testing.B) {
	var size int64
	for b.Loop() {
		_, size = recordPage(b, recordtest.DaySteps)
	}
	b.ReportMetric(float64(size)/1e6, "MB/day")
	b.ReportMetric(float64(len(recordtest.LivePage(0).Body))/1e3, "KB/page")
	if size > dayLimit {
		b.Fatalf("a day of the live page took %.1f MB, more than %d MB", float64(size)/1e6, dayLimit>>20)
	}
}
