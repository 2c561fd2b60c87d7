package record

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/record/recordtest"
	"github.com/liveline-tui/liveline/model"
)

func init() {
	// The small test parser keeps these tests fast and their IDs known;
	// TestRealParser and the replay benchmarks use feed/parse.
	DefaultParse = recordtest.Parse
}

func TestRealParser(t *testing.T) {
	fs, err := recordtest.Fetches(60, 2, 8, parseBody)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	direct := model.NewStory()
	for _, f := range fs {
		direct.Merge(f.Snapshot)
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	rec, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rec.Parse = parseBody
	for _, n := range []int{rec.Len(), rec.Len() - 3} {
		st, err := rec.Story(n)
		if err != nil {
			t.Fatal(err)
		}
		if n == rec.Len() && ids(st) != ids(direct) {
			t.Fatalf("final story differs:\n got %s\nwant %s", ids(st), ids(direct))
		}
		if st.Len() == 0 || st.Title != "Generated story" {
			t.Fatalf("story after %d: %d updates, title %q", n, st.Len(), st.Title)
		}
	}
}

// write records fetches into a new file and returns its path.
func write(t testing.TB, name string, steps, perStep, window int) string {
	t.Helper()
	fs, err := recordtest.Fetches(steps, perStep, window, recordtest.Parse)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
		// The same reading again changes nothing and is not written.
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func ids(s *model.Story) string {
	var b strings.Builder
	for _, u := range s.Updates() {
		b.WriteString(u.ID)
		b.WriteByte(' ')
	}
	return b.String()
}

// want returns the story built by merging the first n generated fetches.
func want(t testing.TB, n, perStep, window int) *model.Story {
	fs, err := recordtest.Fetches(n, perStep, window, recordtest.Parse)
	if err != nil {
		t.Fatal(err)
	}
	st := model.NewStory()
	for _, f := range fs {
		st.Merge(f.Snapshot)
	}
	return st
}

func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"story.jsonl", "story.jsonl.gz"} {
		t.Run(name, func(t *testing.T) {
			path := write(t, name, 120, 3, 10)
			rec, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Warnings) > 0 {
				t.Fatalf("warnings: %v", rec.Warnings)
			}
			if rec.Len() != 120 {
				t.Fatalf("steps = %d, want 120", rec.Len())
			}
			if got := rec.Checkpoints(); len(got) != 3 || got[0] != 50 || got[2] != 120 {
				t.Fatalf("checkpoints after %v", got)
			}
			for _, n := range []int{0, 1, 49, 50, 51, 99, 120} {
				st, err := rec.Story(n)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := ids(st), ids(want(t, n, 3, 10)); g != w {
					t.Fatalf("story after %d steps:\n got %s\nwant %s", n, g, w)
				}
			}
			f, err := rec.Fetch(7)
			if err != nil || !bytes.Equal(f.Body, recordtest.Window(7, 3, 10)) {
				t.Fatal("body 7 differs")
			}
			for _, i := range []int{119, 3, 50, 49, 0, 1, 2} { // out of order: each decodes its chain
				f, err := rec.Fetch(i)
				if err != nil || !bytes.Equal(f.Body, recordtest.Window(i, 3, 10)) {
					t.Fatalf("body %d differs: %v", i, err)
				}
			}
			if rec.Steps[7].URL != "https://example.com/live/rss" || rec.Steps[7].Status != 200 {
				t.Fatalf("step 7: %+v", rec.Steps[7])
			}
		})
	}
}

// TestBodiesStoredAsChanges: a fetch is stored as changes to the one
// before, body to body and page to page in the same place, except the
// first fetch of the file and the first after a checkpoint, so that a
// reader can start at any checkpoint.
func TestBodiesStoredAsChanges(t *testing.T) {
	path := write(t, "chain.jsonl", 2*CheckpointEvery+5, 1, 6)
	data, _ := os.ReadFile(path)
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	for i, l := range lines[1:] {
		before := lines[i]
		if bytes.Contains(l, []byte(`"checkpoint":`)) {
			continue
		}
		whole := i == 0 || bytes.Contains(before, []byte(`"checkpoint":`))
		prev := []byte(`"prev":"` + string(lineCRC(before)) + `"`)
		if whole == bytes.Contains(l, prev) || whole == bytes.Contains(l, []byte(`"body_delta":true`)) {
			t.Fatalf("line %d (after %.40s): stored whole %v, but reads %.300s", i+2, before, whole, l)
		}
	}

	page := func(from, to int) []byte { // items from..to, newest first
		var items []recordtest.Item
		for i := from; i >= to; i-- {
			items = append(items, recordtest.GenItem(i))
		}
		return recordtest.RSS("Generated story", "https://example.com/live", items)
	}
	at := func(n int) feed.Page {
		return feed.Page{URL: fmt.Sprintf("https://example.com/live?page=%d", n), ContentType: "application/rss+xml"}
	}
	fetches := [][]feed.Page{{at(2), at(3)}, {at(2), at(3), at(4)}, nil, {at(2)}}
	path = filepath.Join(t.TempDir(), "pages.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var sent []feed.Fetch
	for k, pages := range fetches {
		newest := 40 + k
		for n := range pages {
			pages[n].Body = page(newest-10*(n+1), newest-10*(n+2)+1)
		}
		f := feed.Fetch{Time: recordtest.Start.Add(time.Duration(k) * time.Minute), URL: "https://example.com/live",
			Status: 200, ContentType: "application/rss+xml", Body: page(newest, newest-9), Pages: pages}
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, f)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(path)
	lines = bytes.Split(data, []byte("\n"))
	// Deltas: fetch 2 against 1 (body and pages 2 and 3, page 4 whole),
	// fetch 3 against 2 (body), fetch 4 against 3 (body; page 2 whole).
	for n, want := range []int{0, 3, 1, 1} {
		if got := bytes.Count(lines[1+n], []byte(`"body_delta":true`)); got != want {
			t.Errorf("fetch %d: %d bodies stored as changes, want %d", n+1, got, want)
		}
	}
	rec, err := Open(path)
	if err != nil || len(rec.Warnings) > 0 || rec.Len() != len(sent) {
		t.Fatalf("read back: %v %q, %d steps", err, rec.Warnings, rec.Len())
	}
	for _, i := range []int{3, 0, 1, 2, 3} {
		got, err := rec.Fetch(i)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Body, sent[i].Body) || len(got.Pages) != len(sent[i].Pages) {
			t.Fatalf("fetch %d read back differs", i+1)
		}
		for n, pg := range got.Pages {
			if pg.URL != sent[i].Pages[n].URL || !bytes.Equal(pg.Body, sent[i].Pages[n].Body) {
				t.Fatalf("fetch %d, page %d read back differs", i+1, n+2)
			}
		}
	}
}

func TestAppend(t *testing.T) {
	path := write(t, "a.jsonl", 60, 2, 6)
	fs, _ := recordtest.Fetches(70, 2, 6, recordtest.Parse)
	w, err := Append(path)
	if err != nil {
		t.Fatal(err)
	}
	if w.Len() != 60 {
		t.Fatalf("Len = %d", w.Len())
	}
	for _, f := range fs[60:] {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rec, err := Open(path)
	if err != nil || len(rec.Warnings) > 0 || rec.Len() != 70 {
		t.Fatalf("reopened: %v %v len %d", err, rec.Warnings, rec.Len())
	}
	if _, err := Append(filepath.Join(filepath.Dir(path), "missing.jsonl")); err != nil {
		t.Fatal(err)
	}
	notRec := filepath.Join(filepath.Dir(path), "feed.xml")
	os.WriteFile(notRec, recordtest.Window(0, 1, 1), 0o644)
	if _, err := Append(notRec); err == nil || !strings.Contains(err.Error(), "not a liveline recording") {
		t.Fatalf("append to a feed: %v", err)
	}
}

// TestCutAnywhere cuts a small recording at every byte offset: the reader
// must recover every record that ends before the cut, and Append must carry
// on from there.
func TestCutAnywhere(t *testing.T) {
	path := write(t, "small.jsonl", 6, 1, 3)
	data, _ := os.ReadFile(path)
	full, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	// ends[i] is where the line of step i ends.
	var ends []int
	off := 0
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		off += len(line)
		if bytes.HasPrefix(line, []byte(`{"t":`)) && !bytes.Contains(line, []byte(`"checkpoint":`)) {
			ends = append(ends, off)
		}
	}
	if len(ends) != full.Len() {
		t.Fatalf("found %d step lines, recording has %d", len(ends), full.Len())
	}
	dir := t.TempDir()
	syncFile = func(*os.File) error { return nil }
	defer func() { syncFile = (*os.File).Sync }()
	wantLen := make([]int, len(ends)+1)
	for n := range wantLen {
		wantLen[n] = want(t, n, 1, 3).Len()
	}
	for cut := 0; cut <= len(data); cut++ {
		rec, err := Read(data[:cut])
		if cut == 0 {
			if err == nil {
				t.Fatal("empty file read without error")
			}
			continue
		}
		if err != nil {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		complete := 0
		for _, e := range ends {
			if e-1 <= cut { // a line missing only its newline is complete
				complete++
			}
		}
		if rec.Len() != complete {
			t.Fatalf("cut at %d: %d steps, want %d", cut, rec.Len(), complete)
		}
		torn := cut < len(data) && data[cut-1] != '\n' && !bytes.HasSuffix(data[:cut], []byte(`"}`))
		if torn != (len(rec.Warnings) == 1 && rec.Warnings[0] == "the last record was cut short") {
			t.Fatalf("cut at %d: warnings %q", cut, rec.Warnings)
		}
		if cut%11 != 0 {
			continue // reaching the story is slow; a sample of cuts will do
		}
		if st, err := rec.Final(); err != nil || st.Len() != wantLen[complete] {
			t.Fatalf("cut at %d: final story: %v", cut, err)
		}
		for i := range rec.Len() { // every body before the cut reads back
			if f, err := rec.Fetch(i); err != nil || !bytes.Equal(f.Body, recordtest.Window(i, 1, 3)) {
				t.Fatalf("cut at %d: body %d: %v", cut, i, err)
			}
		}
		if cut%77 == 0 { // appending after a cut starts a clean line
			p := filepath.Join(dir, "cut.jsonl")
			os.WriteFile(p, data[:cut], 0o644)
			w, err := Append(p)
			if err != nil {
				t.Fatalf("append after cut at %d: %v", cut, err)
			}
			fs, _ := recordtest.Fetches(8, 1, 3, recordtest.Parse)
			for _, f := range fs[complete:] {
				w.Add(f)
			}
			w.Close()
			rec, err := Open(p)
			if err != nil {
				t.Fatalf("append after cut at %d: %v", cut, err)
			}
			if len(rec.Warnings) > 0 || rec.Len() != 8 {
				t.Fatalf("append after cut at %d: %q, %d steps", cut, rec.Warnings, rec.Len())
			}
			for i := range rec.Len() {
				if f, err := rec.Fetch(i); err != nil || !bytes.Equal(f.Body, recordtest.Window(i, 1, 3)) {
					t.Fatalf("append after cut at %d: body %d: %v", cut, i, err)
				}
			}
		}
	}
}

func TestDamagedRecordSkipped(t *testing.T) {
	path := write(t, "d.jsonl", 10, 1, 4)
	data, _ := os.ReadFile(path)
	lines := bytes.SplitAfter(data, []byte("\n"))
	// Damage one byte inside the body of the fourth step (line 5).
	off := 0
	for _, l := range lines[:4] {
		off += len(l)
	}
	bad := bytes.Clone(data)
	bad[off+len(lines[4])/2] ^= 0x20
	rec, err := Read(bad)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Len() != 9 {
		t.Fatalf("steps = %d, want 9", rec.Len())
	}
	w := "skipped a damaged record at line 5 (byte " + strconv.Itoa(off) + ")"
	// The fetches after it, up to the closing checkpoint, are stored as
	// changes to the damaged one.
	lost := "6 fetches after a damaged record were stored as changes to it and cannot be read back; the next checkpoint restores the story"
	if len(rec.Warnings) != 2 || rec.Warnings[0] != w || rec.Warnings[1] != lost {
		t.Fatalf("warnings %q, want %q and %q", rec.Warnings, w, lost)
	}
	for i := range rec.Len() {
		f, err := rec.Fetch(i)
		if (err != nil) != (i >= 3) {
			t.Fatalf("step %d: %v", i, err)
		}
		if i < 3 && !bytes.Equal(f.Body, recordtest.Window(i, 1, 4)) {
			t.Fatalf("step %d: body differs", i)
		}
	}
	// The final checkpoint still gives the whole story.
	st, err := rec.Final()
	if err != nil || ids(st) != ids(want(t, 10, 1, 4)) {
		t.Fatalf("final story after damage: %v", err)
	}
}

func TestNotARecording(t *testing.T) {
	for _, in := range []string{"<rss/>", `{"version":"https://jsonfeed.org/version/1.1"}`, "\x00\x01"} {
		if _, err := Read([]byte(in)); err != ErrNotRecording {
			t.Errorf("%q: %v", in, err)
		}
	}
	line, _ := encodeLine(header{Recording: 99})
	if _, err := Read(line); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("future version: %v", err)
	}
}

func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	fs, _ := recordtest.Fetches(4, 1, 2, recordtest.Parse)
	path := filepath.Join(dir, "seed.jsonl")
	w, _ := Create(path)
	// Two fetches with older pages, the second stored as changes to the
	// first, page to page.
	fs[2].Pages = []feed.Page{{URL: "https://example.com/live?page=2", Body: recordtest.Window(0, 1, 2)}}
	fs[3].Pages = []feed.Page{{URL: "https://example.com/live?page=2", Body: recordtest.Window(1, 1, 2)}, {Body: []byte("\xff")}}
	fs[2].Snapshot, fs[3].Snapshot = nil, nil
	for _, fe := range fs {
		w.Add(fe)
	}
	w.Close()
	data, _ := os.ReadFile(path)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(`{"liveline_recording":1}`))
	if old, err := os.ReadFile(v1Fixture); err == nil {
		f.Add(old)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := Read(bytes.Clone(data))
		if err != nil {
			return
		}
		for i := range rec.Steps {
			rec.Snapshot(i)
		}
		for i := rec.Len() - 1; i >= 0; i -= 2 { // backwards: each decodes its chain anew
			rec.Fetch(i)
		}
		rec.Final()
	})
}

// TestGzipDamage: a compressed recording cut anywhere, or with a damaged
// member, keeps the records in its whole members.
func TestGzipDamage(t *testing.T) {
	path := write(t, "g.jsonl.gz", 6, 1, 3)
	data, _ := os.ReadFile(path)
	full, err := Read(data)
	if err != nil || len(full.Warnings) > 0 || full.Len() != 6 {
		t.Fatalf("whole: %v %q %d", err, full.Warnings, full.Len())
	}
	last := -1
	for cut := 2; cut < len(data); cut++ { // two bytes say gzip
		rec, err := Read(data[:cut])
		if err != nil {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		if rec.Len() < last {
			t.Fatalf("cut at %d: %d steps, fewer than a shorter cut's %d", cut, rec.Len(), last)
		}
		last = rec.Len()
	}
	if last < 6 { // cut inside the final checkpoint
		t.Fatalf("cut in the last member: %d steps", last)
	}
	// Damage a byte in the middle of the file: one member is lost.
	bad := bytes.Clone(data)
	bad[len(bad)/3] ^= 0xff
	rec, err := Read(bad)
	if err != nil || len(rec.Warnings) == 0 || rec.Len() < 5 {
		t.Fatalf("damaged: %v %q %d steps", err, rec.Warnings, rec.Len())
	}
	// Appending after a cut member continues a readable file.
	p := filepath.Join(t.TempDir(), "cut.jsonl.gz")
	os.WriteFile(p, data[:len(data)-5], 0o644)
	w, err := Append(p)
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := recordtest.Fetches(8, 1, 3, recordtest.Parse)
	for _, f := range fs[6:] {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	rec, err = Open(p)
	if err != nil || len(rec.Warnings) > 0 || rec.Len() != 8 {
		t.Fatalf("append after cut: %v %q %d", err, rec.Warnings, rec.Len())
	}
}

// TestDeltaCheckpoints: checkpoints between full ones hold only changes;
// a damaged checkpoint breaks the deltas built on it, and the reader falls
// back to an older checkpoint and the bodies.
func TestDeltaCheckpoints(t *testing.T) {
	path := write(t, "delta.jsonl", 12*CheckpointEvery/5, 1, 4)
	data, _ := os.ReadFile(path)
	lines := bytes.SplitAfter(data, []byte("\n"))
	var cps []int // line numbers of checkpoints
	for i, l := range lines {
		if bytes.Contains(l, []byte(`"checkpoint":{"seq":`)) {
			cps = append(cps, i)
		}
	}
	if len(cps) < 3 || !bytes.Contains(lines[cps[1]], []byte(`"base":1,`)) || !bytes.Contains(lines[cps[1]], []byte(`"order":[`)) {
		t.Fatalf("checkpoints at lines %v; second: %.80s", cps, lines[cps[1]])
	}
	if got := bytes.Count(lines[cps[1]], []byte(`{"ID":`)); got != CheckpointEvery {
		t.Fatalf("the delta holds %d updates, want the %d new ones", got, CheckpointEvery)
	}
	n := bytes.Count(data, []byte(`{"t":`)) - len(cps)
	wantIDs := ids(want(t, n, 1, 4))
	for _, broken := range []int{-1, 0, 1} {
		bad := bytes.Clone(data)
		if broken >= 0 {
			off := 0
			for _, l := range lines[:cps[broken]] {
				off += len(l)
			}
			bad[off+40] ^= 1
		}
		rec, err := Read(bad)
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []int{n, n - 1, CheckpointEvery + 1} {
			st, err := rec.Story(at)
			if err != nil {
				t.Fatal(err)
			}
			if got, w := ids(st), ids(want(t, at, 1, 4)); got != w {
				t.Fatalf("checkpoint %d damaged, story after %d:\n got %s\nwant %s", broken, at, got, w)
			}
		}
		if st, _ := rec.Final(); ids(st) != wantIDs {
			t.Fatal("final story differs")
		}
	}
}

func TestOlderPagesKept(t *testing.T) {
	page := func(from, to int) []byte { // items from..to, newest first
		var items []recordtest.Item
		for i := from; i >= to; i-- {
			items = append(items, recordtest.GenItem(i))
		}
		return recordtest.RSS("Generated story", "https://example.com/live", items)
	}
	first := feed.Fetch{Time: recordtest.Start.Add(time.Hour), URL: "https://example.com/live", Status: 200,
		ContentType: "application/rss+xml", Body: page(29, 20), Pages: []feed.Page{
			{URL: "https://example.com/live?page=2", ContentType: "application/rss+xml", Body: page(19, 10)},
			{URL: "https://example.com/live?page=3", Body: []byte("not \xff a feed")},
			{URL: "https://example.com/live?page=4", ContentType: "application/rss+xml", Body: page(9, 0)},
		}}
	later := feed.Fetch{Time: first.Time.Add(time.Minute), URL: first.URL, Status: 200,
		ContentType: "application/rss+xml", Body: page(30, 21)}
	path := filepath.Join(t.TempDir(), "paged.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []feed.Fetch{first, later} {
		if err := w.Add(f); err != nil { // no snapshot: the writer parses body and pages
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rec, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Len() != 2 {
		t.Fatalf("%d steps", rec.Len())
	}
	got, err := rec.Fetch(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Pages) != 3 || got.Pages[0].URL != first.Pages[0].URL || !bytes.Equal(got.Pages[1].Body, first.Pages[1].Body) {
		t.Fatalf("pages read back: %+v", got.Pages)
	}
	for n, want := range map[int]int{1: 30, 2: 31} {
		st, err := rec.Story(n) // 1 re-parses the first fetch; 2 starts from the closing checkpoint
		if err != nil {
			t.Fatal(err)
		}
		removed := 0
		for _, u := range st.Updates() {
			if u.Removed {
				removed++
			}
		}
		if st.Len() != want || removed != 0 {
			t.Errorf("after %d steps: %d updates (%d removed), want %d", n, st.Len(), removed, want)
		}
	}
}
