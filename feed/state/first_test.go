package state

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/liveline-tui/liveline/model"
)

// longStory saves a story of n updates, newest first, and returns it.
func longStory(t testing.TB, dir string, n int, place Place) *Saved {
	t.Helper()
	var us []model.Update
	for i := range n {
		us = append(us, upd(fmt.Sprintf("u%05d", i), fmt.Sprintf("Update %d", i), fmt.Sprintf("Text of update %d.", i), n-i))
	}
	s := Capture(src, model.Restore(model.Snapshot{Title: "Long story"}, snap(us...).Updates))
	s.Read, s.Place = []string{"u00001"}, place
	if err := Save(dir, src, s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoadFirstReadsTheNewestThenTheRest(t *testing.T) {
	dir := t.TempDir()
	longStory(t, dir, 2000, Place{})
	whole, err := Load(dir, src)
	if err != nil {
		t.Fatal(err)
	}
	first, rest, err := LoadFirst(dir, src, 200)
	if err != nil || rest == nil {
		t.Fatalf("LoadFirst: %v, rest %v", err, rest != nil)
	}
	if len(first.Updates) != 200 || first.Updates[0].ID != "u00000" || len(first.Read) != 1 || first.Meta.Title != "Long story" {
		t.Fatalf("first part: %d updates, read %v, title %q", len(first.Updates), first.Read, first.Meta.Title)
	}
	more, err := rest()
	if err != nil {
		t.Fatal(err)
	}
	all := append(first.Updates, more...)
	if len(all) != len(whole.Updates) {
		t.Fatalf("%d updates in two goes, %d at once", len(all), len(whole.Updates))
	}
	for i := range all {
		if all[i].ID != whole.Updates[i].ID || all[i].Text != whole.Updates[i].Text {
			t.Fatalf("update %d differs: %s %q against %s %q", i, all[i].ID, all[i].Text, whole.Updates[i].ID, whole.Updates[i].Text)
		}
	}
}

func TestLoadFirstReadsPastThePlace(t *testing.T) {
	dir := t.TempDir()
	longStory(t, dir, 2000, Place{Selected: "u00900"})
	first, rest, err := LoadFirst(dir, src, 200)
	if err != nil || rest == nil {
		t.Fatalf("LoadFirst: %v", err)
	}
	if n := len(first.Updates); n != 901+placeMargin {
		t.Fatalf("first part holds %d updates, want the selected one and %d more", n, placeMargin)
	}
	rest()
}

func TestLoadFirstOfAnOlderFileReadsItWhole(t *testing.T) {
	dir := t.TempDir()
	data := `{"format":"liveline-state","Version":1,"Source":"` + src + `","Updates":[{"ID":"x","Headline":"X"},{"ID":"y","Headline":"Y"}],"Read":["x"]}`
	os.WriteFile(Path(dir, src), []byte(data), 0o600)
	s, rest, err := LoadFirst(dir, src, 1)
	if err != nil || rest != nil || len(s.Updates) != 2 || len(s.Read) != 1 {
		t.Fatalf("LoadFirst = %d updates, read %v, rest %v, %v", len(s.Updates), s.Read, rest != nil, err)
	}
}

func TestLoadFirstOfAFileDamagedFurtherOn(t *testing.T) {
	dir := t.TempDir()
	longStory(t, dir, 3000, Place{})
	data, _ := os.ReadFile(Path(dir, src))
	os.WriteFile(Path(dir, src), data[:len(data)*3/4], 0o600)
	first, rest, err := LoadFirst(dir, src, 100)
	if err != nil || rest == nil || len(first.Updates) != 100 {
		t.Fatalf("the first part of a file cut further on: %v", err)
	}
	_, err = rest()
	var ue *UnreadableError
	if !errors.As(err, &ue) {
		t.Fatalf("the rest of a cut file gave %v, not an UnreadableError", err)
	}
}

// BenchmarkReopen10k reads the part of a saved 10,000-update story that a
// reopened reader shows first, and BenchmarkLoad10k the whole of it.
func BenchmarkReopen10k(b *testing.B) {
	dir := b.TempDir()
	longStory(b, dir, 10_000, Place{})
	for b.Loop() {
		_, rest, err := LoadFirst(dir, src, 500)
		if err != nil || rest == nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad10k(b *testing.B) {
	dir := b.TempDir()
	longStory(b, dir, 10_000, Place{})
	for b.Loop() {
		if _, err := Load(dir, src); err != nil {
			b.Fatal(err)
		}
	}
}
