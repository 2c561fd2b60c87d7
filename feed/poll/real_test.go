package poll

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/parse"
)

// The real parser, end to end: the repository's strike feed served over
// loopback, found through a page's autodiscovery link.
func TestReadOnceWithTheRealParser(t *testing.T) {
	rss, err := os.ReadFile(filepath.Join("..", "..", "testdata", "strike.xml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/live":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<!doctype html><html><head><title>Strike</title>
<link rel="alternate" type="application/rss+xml" href="/feeds/strike.xml"></head><body><p>Follow the strike.</p></body></html>`))
		case "/feeds/strike.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(rss)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	snap, st, err := ReadOnce(context.Background(), srv.URL+"/live", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Updates) < 30 || snap.Title == "" {
		t.Errorf("%d updates, title %q", len(snap.Updates), snap.Title)
	}
	if snap.FeedURL != srv.URL+"/feeds/strike.xml" || !strings.HasSuffix(st.Source, " · /feeds/strike.xml") || st.State != feed.Offline {
		t.Errorf("feed URL %q, status %+v", snap.FeedURL, st)
	}

	_, _, err = ReadOnce(context.Background(), srv.URL+"/missing", Options{})
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing: %v", err)
	}
}

func livePage(n int, next string, ids ...string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><title>Depot strike</title>`)
	if next != "" {
		b.WriteString(`<link rel="next" href="` + next + `">`)
	}
	b.WriteString(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting",
"headline":"Depot strike: live","coverageStartTime":"2026-11-24T06:00:00Z","coverageEndTime":"2026-11-24T20:00:00Z",
"numberOfItems":` + strconv.Itoa(n) + `,"liveBlogUpdate":[`)
	for i, id := range ids {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"@type":"BlogPosting","url":"https://news.example/live#` + id + `","headline":"Update ` + id +
			`","articleBody":"Drivers at the depot report on stage ` + id + `.","datePublished":"2026-11-24T1` + id + `:00:00Z"}`)
	}
	b.WriteString(`]}</script></head><body></body></html>`)
	return b.String()
}

func TestPagedLivePageWithTheRealParser(t *testing.T) {
	pages := map[string]string{
		"/live":        livePage(5, "/live?page=2", "9", "8"),
		"/live?page=2": livePage(5, "/live?page=3", "7", "6"),
		"/live?page=3": livePage(5, "", "5"),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}))
	defer srv.Close()

	r := startPoller(t, srv.URL+"/live", Options{}, parse.Parse)
	ev := r.next()
	if ev.Snapshot == nil {
		t.Fatalf("no snapshot: %v", ev.Status.Err)
	}
	if len(ev.Snapshot.Updates) != 5 || ev.Snapshot.Total != 5 {
		t.Errorf("%d of %d updates loaded, want 5 of 5", len(ev.Snapshot.Updates), ev.Snapshot.Total)
	}
	// The coverage ended the day before the fake clock's start.
	wantStatus(t, ev, feed.Ended, start, EndedInterval)
}

// The real parser on a live blog announced before it starts: the
// LiveBlogPosting's coverage start makes it the story, though the page
// also links to the site's feed.
func TestLiveBlogAnnouncedBeforeItStartsWithTheRealParser(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/launch" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(`<rss version="2.0"><channel><title>Site news</title><item><guid>x</guid><title>Unrelated</title></item></channel></rss>`))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>Launch day</title>
<link rel="alternate" type="application/rss+xml" href="/news.xml">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"Launch day: live","coverageStartTime":"2026-06-01T09:00:00Z"}</script>
</head><body><h1>Launch day</h1></body></html>`))
	}))
	defer srv.Close()
	snap, _, err := ReadOnce(context.Background(), srv.URL+"/launch", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Title != "Launch day: live" || len(snap.Updates) != 0 || snap.CoverageStart.IsZero() || snap.FeedURL != "" {
		t.Errorf("title %q, %d updates, coverage start %v, read from %q", snap.Title, len(snap.Updates), snap.CoverageStart, snap.FeedURL)
	}
}
