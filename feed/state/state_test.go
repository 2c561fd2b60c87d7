package state

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

var t0 = time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)

func upd(id, headline, text string, minutes int) model.Update {
	return model.Update{ID: id, Headline: headline, Body: model.TextBody(text),
		Published: t0.Add(time.Duration(minutes) * time.Minute)}
}

func snap(us ...model.Update) *model.Snapshot {
	s := &model.Snapshot{Title: "Rail strike: live", Link: "https://news.example/live/strike", Fetched: t0.Add(3 * time.Hour), Updates: us}
	s.Prepare()
	return s
}

func ids(us []*model.Update) string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	return strings.Join(out, ",")
}

const src = "https://news.example/live/strike?page=1"

func TestDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		env  map[string]string
		want string
		err  bool
	}{
		{map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/r"}, "/x/state/liveline", false},
		{map[string]string{"HOME": "/home/r"}, "/home/r/.local/state/liveline", false},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/r"}, "/home/r/.local/state/liveline", false},
		{map[string]string{}, "", true},
	}
	for _, c := range cases {
		got, err := Dir(env(c.env))
		if got != filepath.FromSlash(c.want) || (err != nil) != c.err {
			t.Errorf("Dir(%v) = %q, %v; want %q, error %v", c.env, got, err, c.want, c.err)
		}
	}
}

func TestFileName(t *testing.T) {
	cases := map[string]string{
		"https://www.News.example/live/strike-day-2?x=1": "news-example-live-strike-day-2-",
		"feed.xml":          "feed-xml-",
		"/tmp/a b/feed.xml": "tmp-a-b-feed-xml-",
		"-":                 "source-",
		"https://例え.jp/":    "jp-",
	}
	for in, prefix := range cases {
		got := FileName(in)
		if !strings.HasPrefix(got, prefix) || !strings.HasSuffix(got, ext) || len(got) != len(prefix)+12+len(ext) {
			t.Errorf("FileName(%q) = %q, want %q + 12 hex + %s", in, got, prefix, ext)
		}
	}
	if FileName("https://a.example/x") == FileName("https://a.example/x/") {
		t.Error("sources with the same slug share a file")
	}
	long := FileName("https://a.example/" + strings.Repeat("word-", 100))
	if len(long) > slugMax+1+12+len(ext) {
		t.Errorf("long name not cut: %d bytes", len(long))
	}
}

func TestLoadMissing(t *testing.T) {
	s, err := Load(t.TempDir(), src)
	if s != nil || err != nil {
		t.Fatalf("Load of nothing = %v, %v; want nil, nil", s, err)
	}
	s, err = Load(filepath.Join(t.TempDir(), "not", "there"), src)
	if s != nil || err != nil {
		t.Fatalf("Load in a missing dir = %v, %v; want nil, nil", s, err)
	}
}

// TestRoundTripAcrossRestart follows a story whose feed window moves on,
// saves it, restores it as a restarted reader would, and keeps following.
func TestRoundTripAcrossRestart(t *testing.T) {
	st := model.NewStory()
	st.Merge(snap(upd("c", "Talks resume", "Union and operator meet at ten.", 30),
		upd("b", "Picket lines", "Pickets form at the main depots.", 20),
		upd("a", "Strike begins", "No trains run on the western line.", 10)))
	// The window moves on: a falls off the end, b is edited, d arrives.
	st.Merge(snap(upd("d", "Offer made", "The operator offers 4 per cent.", 40),
		upd("c", "Talks resume", "Union and operator meet at eleven.", 30),
		upd("b", "Picket lines", "Pickets form at the main depots.", 20)))
	if ids(st.Updates()) != "d,c,b,a" {
		t.Fatalf("setup: %s", ids(st.Updates()))
	}

	dir := filepath.Join(t.TempDir(), "state")
	s := Capture(src, st)
	s.Read = []string{"a", "b", "c"}
	s.Starred = []string{"c"}
	s.ETag, s.LastModified = `W/"abc"`, "Wed, 04 Mar 2026 12:00:00 GMT"
	s.Saved = t0.Add(4 * time.Hour)
	if err := Save(dir, src, s); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Stat(Path(dir, src)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode: %v %v", fi.Mode(), err)
	}

	got, err := Load(dir, src)
	if err != nil || got == nil {
		t.Fatalf("Load = %v, %v", got, err)
	}
	if got.Version != Version || got.Source != src || !slices.Equal(got.Read, s.Read) || !slices.Equal(got.Starred, s.Starred) ||
		got.ETag != s.ETag || got.LastModified != s.LastModified || !got.Saved.Equal(s.Saved) {
		t.Errorf("fields lost: %+v", got)
	}
	r := got.Story()
	if ids(r.Updates()) != "d,c,b,a" || r.Title != st.Title || r.Link != st.Link {
		t.Fatalf("restored %s %q", ids(r.Updates()), r.Title)
	}
	c := r.ByID("c")
	if !c.Edited || c.Previous == nil || !strings.Contains(c.Previous.Text, "ten") || !strings.Contains(c.Text, "eleven") {
		t.Errorf("edit lost: %+v", c)
	}
	if a := r.ByID("a"); a.Text != "No trains run on the western line." || !a.Published.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("update that left the window: %+v", a)
	}
	if b := r.ByID("b"); len(b.Body.Blocks) != 1 || b.Hash != st.ByID("b").Hash {
		t.Errorf("body or hash lost: %+v", b)
	}

	// The restarted reader keeps following: only e is new, a is kept.
	ch := r.Merge(snap(upd("e", "Deal", "A deal is reached.", 50), upd("d", "Offer made", "The operator offers 4 per cent.", 40)))
	if ids(ch.New) != "e" || len(ch.Edited) != 0 || ids(r.Updates()) != "e,d,c,b,a" {
		t.Errorf("after restart: new %s edited %s order %s", ids(ch.New), ids(ch.Edited), ids(r.Updates()))
	}
}

func TestSaveReplacesAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		if err := Save(dir, src, &Saved{Read: []string{fmt.Sprint(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Load(dir, src)
	if err != nil || !slices.Equal(got.Read, []string{"2"}) {
		t.Fatalf("Load = %+v, %v", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("dir holds %d files, want 1", len(entries))
	}
}

func TestSaveRemovesStaleTemp(t *testing.T) {
	dir := t.TempDir()
	stale := Path(dir, src) + ".tmp-123"
	fresh := Path(dir, src) + ".tmp-456"
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	if err := Save(dir, src, &Saved{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale temp file kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temp file, maybe another process's, was removed")
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, src, Capture(src, model.Restore(model.Snapshot{Title: "T"}, []model.Update{upd("a", "A", "one", 1)}))); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(Path(dir, src))
	plain := func(s string) []byte { return []byte(s) }
	cases := []struct {
		name string
		data []byte
		why  string
	}{
		{"empty", nil, "empty"},
		{"garbage", plain("\x00\x01not json at all"), "not valid state"},
		{"foreign JSON object", plain(`{"name":"something else","items":[1,2]}`), "not a liveline state file"},
		{"foreign JSON array", plain(`[1,2,3]`), "not valid state"},
		{"wrong field type", plain(`{"format":"liveline-state","Version":1,"Source":"` + src + `","Read":"a"}`), "not valid state"},
		{"newer version", plain(`{"format":"liveline-state","Version":99,"Source":"` + src + `"}`), "newer liveline"},
		{"version zero", plain(`{"format":"liveline-state","Source":"` + src + `"}`), "unknown state version"},
		{"other source", plain(`{"format":"liveline-state","Version":1,"Source":"https://elsewhere.example/"}`), "another source"},
		{"trailing junk", append(plain(`{"format":"liveline-state","Version":1,"Source":"`+src+`"}`), "}{"...), "not valid state"},
		{"truncated gzip", good[:len(good)/2], "cut short"},
		{"truncated gzip footer", good[:len(good)-3], "cut short"},
		{"truncated plain JSON", plain(`{"format":"liveline-state","Version":1,"Sour`), "cut short"},
		{"truncated JSON in gzip", gz(plain(`{"format":"liveline-state","Version":1,"Sour`)), "cut short"},
		{"bad checksum", func() []byte { b := slices.Clone(good); b[len(b)-6] ^= 0xff; return b }(), "damaged"},
		{"gzip header only", good[:2], "cut short"},
		{"bad gzip header", append([]byte{0x1f, 0x8b, 0x00}, good[3:]...), "damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(Path(dir, src), c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Load(dir, src)
			var ue *UnreadableError
			if s != nil || !errors.As(err, &ue) {
				t.Fatalf("Load = %v, %v; want an *UnreadableError", s, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.why) || !strings.Contains(msg, "starting fresh") ||
				!strings.Contains(msg, Path(dir, src)) || !strings.Contains(msg, src) {
				t.Errorf("message %q does not say %q, the source and the file", msg, c.why)
			}
		})
	}
}

func TestLoadPlainJSON(t *testing.T) {
	dir := t.TempDir()
	data := `{"format":"liveline-state","Version":1,"Source":"` + src + `","Read":["x"],"Updates":[{"ID":"x","Headline":"X"}]}`
	os.WriteFile(Path(dir, src), []byte(data), 0o600)
	s, err := Load(dir, src)
	if err != nil || len(s.Updates) != 1 || s.Story().ByID("x") == nil {
		t.Fatalf("Load = %+v, %v", s, err)
	}
}

func TestLoadPermissionError(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads everything")
	}
	dir := t.TempDir()
	Save(dir, src, &Saved{})
	os.Chmod(Path(dir, src), 0)
	_, err := Load(dir, src)
	var ue *UnreadableError
	if err == nil || errors.As(err, &ue) {
		t.Fatalf("Load = %v; want a plain error", err)
	}
}

func TestConcurrentSaves(t *testing.T) {
	dir := t.TempDir()
	sources := []string{"https://a.example/live", "https://b.example/live", "https://c.example/live"}
	var wg sync.WaitGroup
	for _, source := range sources {
		for i := range 8 {
			wg.Go(func() {
				if err := Save(dir, source, &Saved{Read: []string{fmt.Sprint(i)}}); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	for _, source := range sources {
		if s, err := Load(dir, source); err != nil || s == nil || len(s.Read) != 1 {
			t.Errorf("%s: %+v %v", source, s, err)
		}
	}
}

func TestStoreDropsOlderSave(t *testing.T) {
	st := NewStore(t.TempDir())
	older := st.Saver(src, &Saved{Read: []string{"old"}})
	newer := st.Saver(src, &Saved{Read: []string{"new"}})
	if r := newer(); r.Err != nil || r.Skipped || r.Path != st.Path(src) {
		t.Fatalf("newer save: %+v", r)
	}
	if r := older(); !r.Skipped {
		t.Fatalf("older save after newer one: %+v", r)
	}
	s, err := st.Load(src)
	if err != nil || !slices.Equal(s.Read, []string{"new"}) {
		t.Fatalf("Load = %+v, %v", s, err)
	}
	if err := st.Save("https://other.example/", &Saved{}); err != nil {
		t.Fatal(err)
	}
}

func TestSaveErrorReported(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o600)
	if err := Save(filepath.Join(blocker, "state"), src, &Saved{}); err == nil || !strings.Contains(err.Error(), src) {
		t.Fatalf("Save under a file = %v", err)
	}
}

// bigStory is a day of busy coverage: n updates of a few paragraphs, some edited.
func bigStory(n int) *model.Story {
	para := "The union said the offer did not go far enough, and pickets would stay at the depots until the operator returned to talks. "
	us := make([]model.Update, n)
	for i := range us {
		us[i] = upd(fmt.Sprint("u", n-i), fmt.Sprint("Update ", n-i), strings.Repeat(para, 3)+"\n\n"+para, n-i)
	}
	st := model.NewStory()
	st.Merge(snap(us...))
	for i := 0; i < n; i += 10 {
		us[i].Body = model.TextBody(para + " Corrected.")
	}
	st.Merge(snap(us...))
	return st
}

func BenchmarkSave(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			s := Capture(src, bigStory(n))
			for b.Loop() {
				if err := Save(dir, src, s); err != nil {
					b.Fatal(err)
				}
			}
			fi, _ := os.Stat(Path(dir, src))
			b.ReportMetric(float64(fi.Size())/1024, "KiB")
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := Save(dir, src, Capture(src, bigStory(n))); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				s, err := Load(dir, src)
				if err != nil || len(s.Updates) != n {
					b.Fatal(err)
				}
				s.Story()
			}
		})
	}
}

// TestStoreMovesAStateSavedUnderAFormerName: a state saved under the
// argument as typed is found under the source's one name, and moved there.
func TestStoreMovesAStateSavedUnderAFormerName(t *testing.T) {
	dir := t.TempDir()
	const typed, key = "saved.xml", "/home/reader/news/saved.xml"
	st := model.NewStory()
	st.Merge(snap(upd("b", "Picket lines", "Pickets form at the main depots.", 20), upd("a", "Strike begins", "No trains run.", 10)))
	old := Capture(typed, st)
	old.Read, old.Starred = []string{"a"}, []string{"b"}
	if err := Save(dir, typed, old); err != nil {
		t.Fatal(err)
	}
	store := NewStore(dir)
	got, err := store.Load(key, typed)
	if err != nil || got == nil {
		t.Fatalf("Load = %v, %v", got, err)
	}
	if got.Source != key || !slices.Equal(got.Read, old.Read) || !slices.Equal(got.Starred, old.Starred) || got.Story().Len() != 2 {
		t.Errorf("moved state: %+v", got)
	}
	if _, err := os.Stat(Path(dir, typed)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the state under the former name is still there: %v", err)
	}
	if again, err := Load(dir, key); err != nil || again == nil || !slices.Equal(again.Read, old.Read) {
		t.Errorf("the state was not moved to its one name: %v, %v", again, err)
	}
	if none, err := store.Load("/elsewhere/other.xml", "other.xml"); none != nil || err != nil {
		t.Errorf("a source with no state, under any name: %v, %v", none, err)
	}
}

// TestPlaceIsKeptAcrossRestart: the place saved is the place found on
// reopening; a state saved before places were kept reads as no place.
func TestPlaceIsKeptAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	st := model.NewStory()
	st.Merge(snap(upd("b", "Picket lines", "Pickets form at the main depots.", 20), upd("a", "Strike begins", "No trains run.", 10)))
	shown := false
	place := Place{Selected: "a", SelectedAt: t0.Add(10 * time.Minute), OldestFirst: true, KeyOnly: true, Detail: 7, Panel: &shown}
	s := Capture(src, st)
	s.Place = place
	if err := NewStore(dir).Save(src, s); err != nil {
		t.Fatal(err)
	}
	got, err := NewStore(dir).Load(src)
	if err != nil || got == nil {
		t.Fatalf("Load = %v, %v", got, err)
	}
	p := got.Place
	if p.Selected != "a" || !p.SelectedAt.Equal(place.SelectedAt) || !p.OldestFirst || !p.KeyOnly || p.Detail != 7 || p.Panel == nil || *p.Panel {
		t.Errorf("place %+v, want %+v", p, place)
	}

	older := `{"format":"liveline-state","Version":1,"Source":"` + src + `","Read":["x"],"Updates":[{"ID":"x","Headline":"X"}]}`
	os.WriteFile(Path(dir, src), []byte(older), 0o600)
	got, err = Load(dir, src)
	if err != nil || got.Place != (Place{}) || !slices.Equal(got.Read, []string{"x"}) {
		t.Errorf("a state from before places: %+v, %v", got, err)
	}
}
