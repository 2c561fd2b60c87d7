package record

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/liveline-tui/liveline/feed/record/recordtest"
)

// testdata/v1.jsonl is a recording in the first form of the format, with
// every body stored as a JSON string (or base64 when not UTF-8), written by
// liveline before bodies were compressed: 52 fetches of a one-update feed
// (recordtest.Fetches(52, 1, 1)), the 51st with two older pages, the second
// of them not UTF-8, a full checkpoint after 50 fetches and a delta one at
// the end. Later versions must go on reading it.
const v1Fixture = "testdata/v1.jsonl"

func TestReadsVersion1(t *testing.T) {
	data, err := os.ReadFile(v1Fixture)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := Read(data)
	if err != nil || len(rec.Warnings) > 0 {
		t.Fatalf("read: %v %q", err, rec.Warnings)
	}
	if rec.Version != 1 || rec.Len() != 52 {
		t.Fatalf("version %d, %d steps", rec.Version, rec.Len())
	}
	if got := rec.Checkpoints(); len(got) != 2 || got[0] != 50 || got[1] != 52 {
		t.Fatalf("checkpoints after %v", got)
	}
	for _, i := range []int{0, 7, 50, 51} {
		f, err := rec.Fetch(i)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if !bytes.Equal(f.Body, recordtest.Window(i, 1, 1)) {
			t.Fatalf("step %d: body differs", i)
		}
		if i == 50 && (len(f.Pages) != 2 || !bytes.Equal(f.Pages[0].Body, recordtest.Window(49, 1, 1)) ||
			string(f.Pages[1].Body) != "not \xff a feed") {
			t.Fatalf("step 50: pages %+v", f.Pages)
		}
	}
	for _, n := range []int{0, 1, 49, 50, 51, 52} {
		st, err := rec.Story(n)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := ids(st), ids(want(t, n, 1, 1)); g != w {
			t.Fatalf("story after %d steps:\n got %s\nwant %s", n, g, w)
		}
	}
}

// TestAppendVersion1 adds to a recording of the first form in that form,
// so that the liveline that wrote it can still read all of it.
func TestAppendVersion1(t *testing.T) {
	data, err := os.ReadFile(v1Fixture)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.jsonl")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Append(path)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := recordtest.Fetches(56, 1, 1, recordtest.Parse)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs[52:] {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.HasPrefix(got, data) {
		t.Fatal("appending rewrote the old records")
	}
	added := got[len(data):]
	if bytes.Contains(added, []byte(`"body_zstd"`)) || !bytes.Contains(added, []byte(`"body":"`)) {
		t.Fatalf("records added to a version 1 file are not in its form: %.200s", added)
	}
	rec, err := Read(got)
	if err != nil || len(rec.Warnings) > 0 || rec.Version != 1 || rec.Len() != 56 {
		t.Fatalf("reopened: %v %q version %d, %d steps", err, rec.Warnings, rec.Version, rec.Len())
	}
	st, err := rec.Final()
	if err != nil || ids(st) != ids(want(t, 56, 1, 1)) {
		t.Fatalf("final story: %v", err)
	}
}
