package state

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

func TestListRecentNewestFirstWithUnreadCounts(t *testing.T) {
	dir := t.TempDir()
	save := func(source, title string, saved time.Time, read []string, us ...model.Update) {
		t.Helper()
		sn := snap(us...)
		sn.Title = title
		st := model.NewStory()
		st.Merge(sn)
		s := Capture(source, st)
		s.Read, s.Saved = read, saved
		if err := Save(dir, source, s); err != nil {
			t.Fatal(err)
		}
	}
	a, b, c := upd("a", "One", "first", 1), upd("b", "Two", "second", 2), upd("c", "Three", "third", 3)
	save("https://news.example/live/strike", "Strike", t0.Add(time.Hour), []string{"a"}, a, b, c)
	save("/feeds/budget.xml", "Budget", t0.Add(3*time.Hour), []string{"a", "b", "c"}, a, b, c)
	save("https://sport.example/final", "Final", t0.Add(2*time.Hour), nil, a, b)

	// An older copy of a source listed already, a damaged file, a save
	// cut short and a file of something else are all left out.
	older, err := os.ReadFile(Path(dir, "https://sport.example/final"))
	if err != nil {
		t.Fatal(err)
	}
	save("https://sport.example/final", "Final", t0.Add(4*time.Hour), []string{"a"}, a, b)
	for name, data := range map[string][]byte{
		"older-copy-000000000000" + ext: older,
		"damaged-000000000000" + ext:    []byte("\x1f\x8b not really"),
		FileName("x") + ".tmp-123":      older,
		"notes.txt":                     []byte("hello"),
		"not-state-000000000000" + ext:  []byte(`{"format":"other"}`),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	got, err := ListRecent(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Recent{
		{Source: "https://sport.example/final", Title: "Final", LastRead: t0.Add(4 * time.Hour), Unread: 1},
		{Source: "/feeds/budget.xml", Title: "Budget", LastRead: t0.Add(3 * time.Hour), Unread: 0},
		{Source: "https://news.example/live/strike", Title: "Strike", LastRead: t0.Add(time.Hour), Unread: 2},
	}
	for i := range got {
		got[i].LastRead = got[i].LastRead.UTC()
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ListRecent:\n got %+v\nwant %+v", got, want)
	}
}

func TestListRecentOfNoDirectoryIsEmpty(t *testing.T) {
	got, err := ListRecent(filepath.Join(t.TempDir(), "never-made"))
	if err != nil || len(got) != 0 {
		t.Errorf("ListRecent of a missing directory = %v, %v; want none and no error", got, err)
	}
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ListRecent(file); err == nil {
		t.Error("ListRecent of a file: no error")
	}
}

// BenchmarkListRecent lists ten stories of 1,000 updates each, as a
// reader following several stories for a while has saved.
func BenchmarkListRecent(b *testing.B) {
	dir := b.TempDir()
	story := bigStory(1000)
	for i := range 10 {
		source := fmt.Sprintf("https://news.example/live/story-%d", i)
		if err := Save(dir, source, Capture(source, story)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		list, err := ListRecent(dir)
		if err != nil || len(list) != 10 {
			b.Fatal(len(list), err)
		}
	}
}
