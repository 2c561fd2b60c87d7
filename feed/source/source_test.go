package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/record"
)

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

var strikeXML = filepath.Join("..", "..", "testdata", "strike.xml")

// recordFeed records one fetch of a feed body at path (gzip-compressed
// when path ends in .gz).
func recordFeed(t *testing.T, path string, body []byte) {
	t.Helper()
	w, err := record.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := parse.Parse(body, "application/rss+xml", nil)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	res.Snapshot.Fetched = when
	if err := w.Add(feed.Fetch{Time: when, URL: "https://news.example/live/rss", Status: 200, Body: body, Snapshot: &res.Snapshot}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// files writes one file of each kind and returns their paths by name.
func files(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	feedBody, err := os.ReadFile(strikeXML)
	if err != nil {
		t.Fatal(err)
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	write := func(name string, b []byte) {
		if err := os.WriteFile(p(name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("strike.xml", feedBody)
	write("strike.xml.gz", gz(t, feedBody))
	write("page.html", []byte(`<!doctype html><script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Live"}</script>`))
	write("empty.xml", nil)
	write("broken.gz", []byte{0x1f, 0x8b, 0xff, 0xff})
	recordFeed(t, p("strike.llrec"), feedBody)
	recordFeed(t, p("strike.llrec.gz"), feedBody)
	os.Mkdir(p("folder"), 0o755)
	return map[string]string{
		"feed": p("strike.xml"), "compressed feed": p("strike.xml.gz"), "page": p("page.html"), "empty": p("empty.xml"),
		"broken gzip": p("broken.gz"), "recording": p("strike.llrec"), "compressed recording": p("strike.llrec.gz"),
		"folder": p("folder"), "missing": p("missing.xml"),
	}
}

// TestClassify is the table of what each kind of argument is taken for.
func TestClassify(t *testing.T) {
	f := files(t)
	for _, tc := range []struct {
		name, arg string
		kind      Kind
		target    string
	}{
		{"https address", "https://news.example/live", Address, "https://news.example/live"},
		{"http address in capitals", "HTTP://NEWS.EXAMPLE/rss", Address, "HTTP://NEWS.EXAMPLE/rss"},
		{"standard input", "-", Stdin, "-"},
		{"feed file", f["feed"], File, f["feed"]},
		{"page file", f["page"], File, f["page"]},
		{"empty file", f["empty"], File, f["empty"]},
		{"compressed feed", f["compressed feed"], CompressedFile, f["compressed feed"]},
		{"broken gzip", f["broken gzip"], CompressedFile, f["broken gzip"]},
		{"recording", f["recording"], Recording, f["recording"]},
		{"compressed recording", f["compressed recording"], Recording, f["compressed recording"]},
		{"file address", "file://" + filepath.ToSlash(f["recording"]), Recording, f["recording"]},
		{"file address of a feed", "file://" + filepath.ToSlash(f["feed"]), File, f["feed"]},
		{"missing file", f["missing"], File, f["missing"]},
		{"directory", f["folder"], File, f["folder"]},
		{"other scheme", "ftp://news.example/rss", File, "ftp://news.example/rss"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Classify(tc.arg)
			if a.Kind != tc.kind || a.Target != tc.target || a.Given != tc.arg {
				t.Errorf("Classify(%q) = %+v, want kind %v, target %q", tc.arg, a, tc.kind, tc.target)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	rec := []byte(`{"liveline_recording":1,"created":"2026-03-04T09:00:00Z"}` + "\n")
	long := bytes.Clone(rec)
	for i := range 2000 {
		long = strconv.AppendInt(append(long, `{"t":"2026-03-04T09:00:00Z","n":`...), int64(i*i*7919), 36)
		long = append(long, "}\n"...)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want Kind
	}{
		{"recording", rec, Recording},
		{"start of a recording", rec[:10], Recording},
		{"compressed recording", gz(t, rec), Recording},
		{"first bytes of a large compressed recording", gz(t, long)[:sniffLen], Recording},
		{"compressed feed", gz(t, []byte("<rss version=\"2.0\">")), CompressedFile},
		{"json feed", []byte(`{"version":"https://jsonfeed.org/version/1.1"}`), File},
		{"rss", []byte(`<?xml version="1.0"?><rss>`), File},
		{"empty", nil, File},
	} {
		if got := Sniff(tc.data); got != tc.want {
			t.Errorf("%s: Sniff = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestOpenReadsEveryKindOfFile: a feed, a compressed feed and a recording
// (plain or compressed) read as the same story.
func TestOpenReadsEveryKindOfFile(t *testing.T) {
	f := files(t)
	var want string
	for _, name := range []string{"feed", "compressed feed", "recording", "compressed recording"} {
		src, err := Open(Classify(f[name]), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		story, err := src.ReadOnce(context.Background())
		src.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ids []string
		for _, u := range story.Updates() {
			ids = append(ids, u.ID)
		}
		got := story.Title + ": " + strings.Join(ids, " ")
		if want == "" {
			want = got
			if story.Len() == 0 {
				t.Fatalf("%s: no updates", name)
			}
		} else if got != want {
			t.Errorf("%s reads as\n%s\nnot as the feed does\n%s", name, got, want)
		}
	}
}

// TestRecordingRunsAsItsFinalState: a recording sends its story once,
// offline and quiet, and has nothing to check or save validators for.
func TestRecordingRunsAsItsFinalState(t *testing.T) {
	f := files(t)
	src, err := Open(Classify(f["recording"]), Options{Record: filepath.Join(t.TempDir(), "unused.llrec")})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if src.Kind() != Recording {
		t.Fatalf("kind %v", src.Kind())
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan feed.Event, 1)
	done := make(chan struct{})
	go func() { src.Run(ctx, out); close(done) }()
	ev := <-out
	src.Refresh()
	cancel()
	<-done
	if ev.Snapshot == nil || !ev.Replace || !ev.Quiet || ev.Status.State != feed.Offline || ev.Status.Source != f["recording"] || ev.Status.Err != nil {
		t.Fatalf("event %+v", ev.Status)
	}
	if len(ev.Snapshot.Updates) == 0 {
		t.Error("no updates")
	}
	if v := src.Validators(); !v.Empty() {
		t.Errorf("validators %+v", v)
	}
}

// TestOpenRecordsAndWarns: with Record, each changed reading is appended
// to the recording; a damaged recording opened to read is reported
// through Warn.
func TestOpenRecordsAndWarns(t *testing.T) {
	f := files(t)
	out := filepath.Join(t.TempDir(), "made.llrec")
	src, err := Open(Classify(f["feed"]), Options{Record: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.ReadOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	rec, err := record.Open(out)
	if err != nil || rec.Len() != 1 {
		t.Fatalf("recording made: %v, %v", rec, err)
	}

	data, _ := os.ReadFile(f["recording"])
	damaged := filepath.Join(t.TempDir(), "damaged.llrec")
	os.WriteFile(damaged, append(data, []byte(`{"t":"2026-03-04T10:00:00Z","url":"x"`)...), 0o644)
	var warnings []string
	src, err = Open(Classify(damaged), Options{Warn: func(msg string) { warnings = append(warnings, msg) }})
	if err != nil {
		t.Fatal(err)
	}
	src.Close()
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], damaged+": ") || !strings.Contains(warnings[0], "cut short") {
		t.Errorf("warnings %q", warnings)
	}

	if _, err := Open(Classify(f["feed"]), Options{Record: f["folder"]}); err == nil || !strings.Contains(err.Error(), "cannot record to") {
		t.Errorf("recording to a directory: %v", err)
	}
}

// TestOpenStdin: "-" reads Options.Poll.Stdin once.
func TestOpenStdin(t *testing.T) {
	body, _ := os.ReadFile(strikeXML)
	src, err := Open(Classify("-"), Options{Poll: poll.Options{Stdin: bytes.NewReader(gz(t, body))}})
	if err != nil {
		t.Fatal(err)
	}
	story, err := src.ReadOnce(context.Background())
	if err != nil || story.Len() == 0 {
		t.Fatalf("%v, %v", story, err)
	}
}

// FuzzSniff: any start of a file is one kind of file or another, without
// a panic, and only gzip data is taken for a compressed one.
func FuzzSniff(f *testing.F) {
	rec := []byte(`{"liveline_recording":1,"created":"2026-03-04T09:00:00Z"}` + "\n")
	f.Add(rec)
	f.Add(gz(f, rec))
	f.Add(gz(f, []byte("<rss>")))
	f.Add([]byte{0x1f, 0x8b, 0x08})
	f.Fuzz(func(t *testing.T, data []byte) {
		k := Sniff(data)
		if k != File && k != CompressedFile && k != Recording {
			t.Fatalf("Sniff(%q) = %v", data, k)
		}
		if k == CompressedFile && !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Fatalf("%q taken for gzip", data)
		}
	})
}

// TestKeyIsOneNamePerSource: one source written several ways has one key.
func TestKeyIsOneNamePerSource(t *testing.T) {
	dir := t.TempDir()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	saved := filepath.Join(dir, "saved.xml")
	if err := os.WriteFile(saved, []byte(`<rss version="2.0"><channel></channel></rss>`), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	link := filepath.Join(dir, "latest.xml")
	if err := os.Symlink(saved, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	for _, tc := range []struct{ arg, want string }{
		{"../saved.xml", saved},
		{saved, saved},
		{link, saved},
		{"file://" + filepath.ToSlash(saved), saved},
		{"../missing.xml", filepath.Join(dir, "missing.xml")},
		{"-", "-"},
		{"https://news.example/live", "https://news.example/live"},
		{"HTTPS://News.Example:443/live#latest", "https://news.example/live"},
		{"http://news.example:80/live?page=2", "http://news.example/live?page=2"},
		{"http://news.example:8080/Live", "http://news.example:8080/Live"},
		{"https://news.example", "https://news.example/"},
		{"https://[::1]:443/live", "https://[::1]/live"},
	} {
		if got := Classify(tc.arg).Key(); got != tc.want {
			t.Errorf("Key of %q = %q, want %q", tc.arg, got, tc.want)
		}
	}
}
