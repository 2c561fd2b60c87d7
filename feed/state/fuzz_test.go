package state

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// FuzzLoad feeds arbitrary bytes to Load as a state file: it must either
// read a state or say the file is unreadable, never panic.
func FuzzLoad(f *testing.F) {
	const source = "https://news.example/live"
	dir := f.TempDir()
	snap := &model.Snapshot{Title: "Strike", Updates: []model.Update{
		{ID: "a", Headline: "Pickets gather", Body: model.TextBody("Doctors at the gates."), Published: time.Date(2016, 1, 12, 8, 0, 0, 0, time.UTC)},
	}}
	snap.Prepare()
	st := model.NewStory()
	st.Merge(snap)
	s := Capture(source, st)
	s.Read = []string{"a"}
	if err := Save(dir, source, s); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(Path(dir, source))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	if zr, err := gzip.NewReader(bytes.NewReader(good)); err == nil {
		var plain bytes.Buffer
		plain.ReadFrom(zr)
		f.Add(plain.Bytes())
	}
	f.Add([]byte(`{"format":"liveline-state","version":1}`))
	f.Add([]byte(`{"format":"liveline-state","version":99}`))
	f.Add([]byte("\x1f\x8b"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fdir := t.TempDir()
		if err := os.WriteFile(Path(fdir, source), data, 0o600); err != nil {
			t.Fatal(err)
		}
		saved, err := Load(fdir, source)
		var unreadable *UnreadableError
		switch {
		case err == nil && saved != nil:
			saved.Story() // must rebuild without panicking
		case err != nil && !errors.As(err, &unreadable):
			t.Fatalf("a bad file gave %T %v, not an UnreadableError", err, err)
		}
		// Read in two goes, the file gives the same updates, or fails.
		first, rest, ferr := LoadFirst(fdir, source, 1)
		if ferr == nil && rest != nil {
			more, rerr := rest()
			ferr = rerr
			if first != nil {
				first.Updates = append(first.Updates, more...)
			}
		}
		switch {
		case (err == nil) != (ferr == nil):
			t.Fatalf("Load says %v, LoadFirst and its rest %v", err, ferr)
		case err == nil && saved != nil && len(first.Updates) != len(saved.Updates):
			t.Fatalf("LoadFirst and its rest read %d updates, Load %d", len(first.Updates), len(saved.Updates))
		}
	})
}
