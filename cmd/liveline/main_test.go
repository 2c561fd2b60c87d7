package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// runCmd runs liveline in process and returns its exit code and output.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &environment{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, location: time.UTC,
		getenv: func(k string) string {
			if k == "XDG_STATE_HOME" {
				return t.TempDir()
			}
			return ""
		}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code = run(ctx, args, env)
	return code, out.String(), errOut.String()
}

func repoFile(name string) string { return filepath.Join("..", "..", "testdata", name) }

func TestDumpTextPrintsTheStoryNewestFirst(t *testing.T) {
	code, out, errOut := runCmd(t, "", "dump", repoFile("strike.xml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[0], "strike") {
		t.Fatalf("first line is not the title: %q", lines[0])
	}
	for _, l := range lines {
		if w := len([]rune(l)); w > 80 && !strings.HasPrefix(l, "http") && !strings.Contains(l, "://") {
			t.Fatalf("line wider than 80 columns (%d): %q", w, l)
		}
	}
	if !strings.Contains(out, "In numbers") {
		t.Fatalf("no In numbers section:\n%s", out)
	}
}

func TestDumpJSONHasTheStableKeys(t *testing.T) {
	for _, f := range []string{"strike.xml", "strike.atom", "strike.json"} {
		code, out, errOut := runCmd(t, "", "dump", "--format", "json", repoFile(f))
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, errOut)
		}
		var story map[string]any
		if err := json.Unmarshal([]byte(out), &story); err != nil {
			t.Fatalf("%s: not JSON: %v", f, err)
		}
		for _, k := range []string{"title", "summary", "link", "updates", "in_numbers", "trackers", "figures", "coverage_start", "coverage_end"} {
			if _, ok := story[k]; !ok {
				t.Fatalf("%s: no %q key", f, k)
			}
		}
		ups := story["updates"].([]any)
		if len(ups) == 0 {
			t.Fatalf("%s: no updates", f)
		}
		for _, k := range []string{"id", "headline", "text", "published", "updated", "link", "author", "categories", "key", "edited", "removed"} {
			if _, ok := ups[0].(map[string]any)[k]; !ok {
				t.Fatalf("%s: update has no %q key", f, k)
			}
		}
	}
}

func TestDumpReadsStandardInput(t *testing.T) {
	data, err := os.ReadFile(repoFile("strike.xml"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, string(data), "dump", "-")
	if code != 0 || !strings.Contains(out, "In numbers") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestExitCodes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
	}))
	defer srv.Close()
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"dump", "--grep", "operations", repoFile("strike.xml")}, 0, ""},
		{[]string{"dump", "--grep", "zzzzunmatched", repoFile("strike.xml")}, 3, ""},
		{[]string{"dump"}, 2, "dump takes a SOURCE"},
		{[]string{"dump", "-", "-"}, 2, "standard input can be read once"},
		{[]string{"dump", "--follow", repoFile("strike.xml"), "-"}, 2, "--follow needs a URL or a file"},
		{[]string{"dump", "--record", filepath.Join(t.TempDir(), "r.llrec"), repoFile("strike.xml"), repoFile("strike.atom")}, 2, "--record records one story"},
		{[]string{"dump", repoFile("strike.xml"), srv.URL + "/feed"}, 1, "500"},
		{[]string{"dump", "--format", "json", srv.URL + "/feed", repoFile("strike.xml")}, 1, "500"},
		{[]string{"dump", "--grep", "zzzzunmatched", repoFile("strike.xml"), repoFile("strike.atom")}, 3, ""},
		{[]string{"dump", "--grep", "operations", repoFile("strike.xml"), repoFile("strike.atom")}, 0, ""},
		{[]string{"dump", "--format", "yaml", repoFile("strike.xml")}, 2, "--format must be text or json"},
		{[]string{"dump", "--bogus", repoFile("strike.xml")}, 2, "bogus"},
		{[]string{"dump", srv.URL + "/feed"}, 1, "500"},
		{[]string{"dump", filepath.Join(t.TempDir(), "missing.xml")}, 1, "missing.xml"},
		{[]string{"dump", repoFile("bad/not-a-feed.html")}, 1, "no live-blog data"},
		{[]string{"--version"}, 0, ""},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(t, "", c.args...)
		if code != c.code {
			t.Errorf("%v: exit %d, want %d\nstdout: %s\nstderr: %s", c.args, code, c.code, out, errOut)
		}
		if c.want != "" && !strings.Contains(errOut, c.want) {
			t.Errorf("%v: stderr %q lacks %q", c.args, errOut, c.want)
		}
	}
}

func TestHostileInputNeverReachesTheTerminal(t *testing.T) {
	matches, _ := filepath.Glob(repoFile("bad/*"))
	if len(matches) < 10 {
		t.Fatalf("only %d bad fixtures", len(matches))
	}
	for _, f := range matches {
		for _, format := range []string{"text", "json"} {
			_, out, errOut := runCmd(t, "", "dump", "--format", format, f)
			for _, s := range []string{out, errOut} {
				for _, r := range s {
					if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x202e {
						t.Fatalf("%s (%s): control character %U in output:\n%q", f, format, r, s)
					}
				}
			}
		}
	}
}

func TestDumpFollowPrintsJSONLines(t *testing.T) {
	out := followGrowingFeed(t, "--format", "json")
	kinds := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct{ Event string }
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		kinds[ev.Event]++
	}
	if kinds["new"] != 2 || kinds["status"] == 0 {
		t.Fatalf("events %v", kinds)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func waitUntil(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRecordWhileFollowingThenDumpTheRecording(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "strike.llrec")
	followGrowingFeed(t, "--record", rec)
	code, text, errOut := runCmd(t, "", "dump", "--format", "json", rec)
	if code != 0 {
		t.Fatalf("dumping the recording: exit %d: %s", code, errOut)
	}
	var story struct {
		Title   string
		Updates []struct{ Headline string }
	}
	if err := json.Unmarshal([]byte(text), &story); err != nil {
		t.Fatal(err)
	}
	if story.Title != "Junior doctors strike: live" || len(story.Updates) != 2 || story.Updates[0].Headline != "Picket report number 2" {
		t.Fatalf("recording's final state: %+v", story)
	}
}

// followGrowingFeed runs "dump --follow" with extra flags against a local
// feed that gains an update once the first is printed, stops it once the
// second is, and returns what it printed.
func followGrowingFeed(t *testing.T, flags ...string) string {
	t.Helper()
	feed := &growingFeed{}
	feed.add(1)
	srv := httptest.NewServer(feed)
	defer srv.Close()
	var out syncBuffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &bytes.Buffer{}, location: time.UTC, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	args := append([]string{"dump", "--follow", "--interval", "100ms"}, flags...)
	go func() { done <- run(ctx, append(args, srv.URL), env) }()
	waitUntil(t, func() bool { return strings.Contains(out.String(), "Picket report number 1") })
	feed.add(2)
	waitUntil(t, func() bool { return strings.Contains(out.String(), "Picket report number 2") })
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}
	return out.String()
}

// TestRecordingKeepsOlderPages records a live page whose older updates sit
// on a second page, and checks that the recording's story has them all.
func TestRecordingKeepsOlderPages(t *testing.T) {
	blog := func(next string, updates ...string) string {
		var items []string
		for _, u := range updates {
			items = append(items, `{"@type":"BlogPosting","headline":"`+u+`","articleBody":"Details of `+u+`.","datePublished":"2026-11-25T0`+u[len(u)-1:]+`:00:00Z"}`)
		}
		link := ""
		if next != "" {
			link = `<link rel="next" href="` + next + `">`
		}
		return `<html><head>` + link + `<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting",` +
			`"headline":"Strike live","liveBlogUpdate":[` + strings.Join(items, ",") + `]}</script></head><body></body></html>`
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Query().Get("page") == "2" {
			w.Write([]byte(blog("", "Update 2", "Update 1")))
			return
		}
		w.Write([]byte(blog("?page=2", "Update 4", "Update 3")))
	}))
	defer srv.Close()
	rec := filepath.Join(t.TempDir(), "paged.llrec")
	var out syncBuffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &bytes.Buffer{}, location: time.UTC, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"dump", "--follow", "--interval", "100ms", "--record", rec, srv.URL + "/live"}, env)
	}()
	waitUntil(t, func() bool { return strings.Contains(out.String(), "Update 1") })
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}
	// Drop the closing checkpoint, as a killed liveline never writes it, so
	// the story is read back from the recorded bodies.
	data, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, `"checkpoint"`) {
		t.Fatalf("the recording does not end in a checkpoint: %.80s", last)
	}
	if err := os.WriteFile(rec, []byte(strings.Join(lines[:len(lines)-1], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, text, errOut := runCmd(t, "", "dump", rec)
	if code != 0 {
		t.Fatalf("dumping the recording: exit %d: %s", code, errOut)
	}
	for _, h := range []string{"Update 4", "Update 3", "Update 2", "Update 1"} {
		if !strings.Contains(text, h) {
			t.Errorf("the recording lost %q:\n%s", h, text)
		}
	}
}

// TestDumpFollowTextFitsEightyColumns: "[new] " starts the rule over a new
// update instead of pushing an 80-column rule onto a second line.
func TestDumpFollowTextFitsEightyColumns(t *testing.T) {
	out := followGrowingFeed(t)
	rules := 0
	for _, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > dumpWidth {
			t.Errorf("line %d columns wide: %q", w, line)
		}
		if strings.HasPrefix(line, "[new] ─") {
			rules++
		}
	}
	if rules != 2 {
		t.Errorf("%d rules start with [new], want 2:\n%s", rules, out)
	}
}
