package poll

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/model"
)

var start = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// fakeParse reads a line format standing in for real feeds:
//
//	title: Strike day
//	item: id|headline
//	next: /older
//	alt: /feed.xml
//	start: 2026-11-25T08:00:00Z
//	end: 2026-11-25T08:00:00Z
//	total: 12
type fakeParser struct{ calls atomic.Int32 }

func (f *fakeParser) parse(body []byte, contentType string, base *url.URL) (*parse.Result, error) {
	f.calls.Add(1)
	var r parse.Result
	for _, line := range strings.Split(string(body), "\n") {
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "title":
			r.Snapshot.Title = v
		case "item":
			id, headline, _ := strings.Cut(v, "|")
			r.Snapshot.Updates = append(r.Snapshot.Updates, model.Update{ID: id, Headline: headline})
		case "next":
			r.Next = v
		case "alt":
			r.Alternate = v
		case "start", "end":
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return nil, err
			}
			if k == "start" {
				r.Snapshot.CoverageStart = t
			} else {
				r.Snapshot.CoverageEnd = t
			}
		case "total":
			r.Snapshot.Total, _ = strconv.Atoi(v)
		case "broken":
			return nil, errors.New("the feed is not well-formed XML; check that the address is a feed")
		}
	}
	r.Snapshot.Prepare()
	return &r, nil
}

// site is a test server whose pages the test changes as it goes.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	pages    map[string]string
	status   map[string]int
	headers  map[string]http.Header
	requests map[string]int
}

func newSite(t *testing.T) *site {
	s := &site{pages: map[string]string{}, status: map[string]int{}, headers: map[string]http.Header{}, requests: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := r.URL.RequestURI()
	s.requests[key]++
	for k, v := range s.headers[key] {
		w.Header()[k] = v
	}
	if code := s.status[key]; code != 0 {
		w.WriteHeader(code)
		return
	}
	body, ok := s.pages[key]
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, hashBytes([]byte(body)))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write([]byte(body))
}

func (s *site) set(path, body string) {
	s.mu.Lock()
	s.pages[path] = body
	s.status[path] = 0
	s.mu.Unlock()
}

func (s *site) fail(path string, code int, h http.Header) {
	s.mu.Lock()
	s.status[path] = code
	s.headers[path] = h
	s.mu.Unlock()
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

// run starts a poller on a fake clock with exact (jitter-free) waits.
type run struct {
	t      *testing.T
	p      *Poller
	clk    *clock.Fake
	parser *fakeParser
	out    chan feed.Event
	cancel context.CancelFunc
	done   chan struct{}
}

// startPoller runs a poller on the fake parser, or on the one given.
func startPoller(t *testing.T, source string, opts Options, parse ...parse.Func) *run {
	t.Helper()
	clk := clock.NewFake(start)
	opts.Clock = clk
	opts.NoWatch = true // the fake clock alone decides when files are read
	r := &run{t: t, clk: clk, parser: &fakeParser{}, out: make(chan feed.Event), done: make(chan struct{})}
	r.p = New(source, opts)
	r.p.parse = r.parser.parse
	if len(parse) > 0 {
		r.p.parse = parse[0]
	}
	r.p.jitter = func(d time.Duration) time.Duration { return d }
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() {
		defer close(r.done)
		r.p.Run(ctx, r.out)
	}()
	t.Cleanup(r.stop)
	if ev := r.next(); ev.Status.State != feed.Connecting {
		t.Fatalf("first event %+v, want Connecting", ev.Status)
	}
	return r
}

func (r *run) stop() {
	r.cancel()
	<-r.done
}

func (r *run) next() feed.Event {
	r.t.Helper()
	select {
	case ev := <-r.out:
		return ev
	case <-time.After(5 * time.Second):
		r.t.Fatal("no event within 5s")
	}
	panic("unreachable")
}

// advance waits for the poller to sleep, then moves the clock on.
func (r *run) advance(d time.Duration) feed.Event {
	r.t.Helper()
	r.clk.BlockUntil(1)
	r.clk.Advance(d)
	return r.next()
}

func (r *run) quiet() {
	r.t.Helper()
	select {
	case ev := <-r.out:
		r.t.Fatalf("unexpected event %+v", ev.Status)
	case <-time.After(50 * time.Millisecond):
	}
}

func wantStatus(t *testing.T, ev feed.Event, state feed.State, last time.Time, next time.Duration) {
	t.Helper()
	if ev.Status.State != state {
		t.Errorf("state = %v, want %v (err %v)", ev.Status.State, state, ev.Status.Err)
	}
	if !ev.Status.LastCheck.Equal(last) {
		t.Errorf("last check %v, want %v", ev.Status.LastCheck, last)
	}
	if got := ev.Status.NextCheck.Sub(last); got != next {
		t.Errorf("next check in %v, want %v", got, next)
	}
}

func TestPollEmitsSnapshotOnlyWhenChanged(t *testing.T) {
	s := newSite(t)
	s.set("/live", "title: Strike\nitem: a|Walkout begins")
	var fetches []feed.Fetch
	r := startPoller(t, s.URL+"/live", Options{OnFetch: func(f feed.Fetch) { fetches = append(fetches, f) }})

	ev := r.next()
	wantStatus(t, ev, feed.Live, start, DefaultInterval)
	if ev.Snapshot == nil || ev.Snapshot.Title != "Strike" || len(ev.Snapshot.Updates) != 1 {
		t.Fatalf("snapshot %+v", ev.Snapshot)
	}
	if ev.Status.Err != nil || ev.Status.Source != s.Listener.Addr().String()+" · /live" {
		t.Errorf("status %+v", ev.Status)
	}
	if !ev.Snapshot.Fetched.Equal(start) {
		t.Errorf("fetched %v", ev.Snapshot.Fetched)
	}

	// Unchanged: a 304, no parse, no snapshot.
	ev = r.advance(DefaultInterval)
	wantStatus(t, ev, feed.Live, start.Add(DefaultInterval), DefaultInterval)
	if ev.Snapshot != nil {
		t.Error("snapshot sent for a 304")
	}
	if n := r.parser.calls.Load(); n != 1 {
		t.Errorf("parsed %d times, want 1: a 304 costs no parse", n)
	}
	if r.p.Validators().ETag == "" {
		t.Error("validators not kept")
	}

	s.set("/live", "title: Strike\nitem: b|Pickets at the depot\nitem: a|Walkout begins")
	ev = r.advance(DefaultInterval)
	if ev.Snapshot == nil || len(ev.Snapshot.Updates) != 2 {
		t.Fatalf("changed story not sent: %+v", ev.Snapshot)
	}
	if s.count("/live") != 3 {
		t.Errorf("requests = %d", s.count("/live"))
	}
	if len(fetches) != 2 || fetches[1].Status != 200 || !strings.Contains(string(fetches[1].Body), "Pickets") ||
		fetches[1].Snapshot == nil || fetches[1].ETag == "" || fetches[1].URL != s.URL+"/live" {
		t.Errorf("OnFetch got %+v", fetches)
	}
}

func TestSameBodyWithoutValidatorsIsNotParsedAgain(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte("title: T\nitem: a|One"))
	}))
	defer srv.Close()
	r := startPoller(t, srv.URL, Options{})
	if ev := r.next(); ev.Snapshot == nil {
		t.Fatal("no first snapshot")
	}
	if ev := r.advance(DefaultInterval); ev.Snapshot != nil {
		t.Error("same body sent again")
	}
	if hits.Load() != 2 || r.parser.calls.Load() != 1 {
		t.Errorf("hits %d, parses %d", hits.Load(), r.parser.calls.Load())
	}
}

func TestIntervalFloorAndFastOptIn(t *testing.T) {
	tests := []struct {
		opts Options
		want time.Duration
	}{
		{Options{}, DefaultInterval},
		{Options{Interval: 2 * time.Second}, MinInterval},
		{Options{Interval: 2 * time.Second, AllowFast: true}, 2 * time.Second},
		{Options{Interval: time.Millisecond, AllowFast: true}, FastestInterval},
		{Options{Interval: time.Minute}, time.Minute},
	}
	for _, tt := range tests {
		p := New("https://example.com/live", tt.opts)
		if got := p.normalWait(); got != tt.want {
			t.Errorf("%+v: wait %v, want %v", tt.opts, got, tt.want)
		}
	}
}

func TestMaxAgeRaisesTheWait(t *testing.T) {
	s := newSite(t)
	s.set("/live", "item: a|One")
	s.headers["/live"] = http.Header{"Cache-Control": {"max-age=120"}}
	r := startPoller(t, s.URL+"/live", Options{})
	wantStatus(t, r.next(), feed.Live, start, 2*time.Minute)

	// A max-age below the interval changes nothing; a huge one is capped.
	p := New(s.URL, Options{})
	p.maxAge = 5 * time.Second
	if p.normalWait() != DefaultInterval {
		t.Errorf("small max-age: %v", p.normalWait())
	}
	p.maxAge = 24 * time.Hour
	if p.normalWait() != MaxAgeCap {
		t.Errorf("huge max-age: %v", p.normalWait())
	}
}

func TestUnchangedStorySlowsDownAndRecovers(t *testing.T) {
	p := New("https://example.com/live", Options{})
	for unchanged, want := range map[int]time.Duration{
		0: 30 * time.Second, 9: 30 * time.Second, 10: time.Minute, 19: time.Minute,
		20: 2 * time.Minute, 30: 4 * time.Minute, 40: SlowCap, 100: SlowCap,
	} {
		p.unchanged = unchanged
		if got := p.normalWait(); got != want {
			t.Errorf("after %d unchanged: %v, want %v", unchanged, got, want)
		}
	}

	s := newSite(t)
	s.set("/live", "item: a|One")
	r := startPoller(t, s.URL+"/live", Options{})
	r.next()
	var ev feed.Event
	for i := 0; i < SlowAfter; i++ {
		ev = r.advance(DefaultInterval)
	}
	if got := ev.Status.NextCheck.Sub(ev.Status.LastCheck); got != time.Minute {
		t.Fatalf("after %d unchanged checks the wait is %v, want 1m", SlowAfter, got)
	}
	s.set("/live", "item: b|Two\nitem: a|One")
	ev = r.advance(time.Minute)
	if ev.Snapshot == nil {
		t.Fatal("change not sent")
	}
	if got := ev.Status.NextCheck.Sub(ev.Status.LastCheck); got != DefaultInterval {
		t.Errorf("after a change the wait is %v, want %v", got, DefaultInterval)
	}
}

func TestFailuresBackOffAndRecover(t *testing.T) {
	s := newSite(t)
	s.set("/live", "item: a|One")
	r := startPoller(t, s.URL+"/live", Options{})
	if ev := r.next(); ev.Snapshot == nil {
		t.Fatal("no first snapshot")
	}

	s.fail("/live", 500, nil)
	wait := DefaultInterval
	for _, want := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute} {
		ev := r.advance(wait)
		if ev.Snapshot != nil {
			t.Fatal("a failure must not send a snapshot: the last good story stays")
		}
		wantStatus(t, ev, feed.Retrying, r.clk.Now(), want)
		msg := fmt.Sprintf("fetching %s/live: HTTP 500 Internal Server Error; retrying in %s", s.URL, fetch.FormatDuration(want))
		if ev.Status.Err == nil || ev.Status.Err.Error() != msg {
			t.Fatalf("err\n got %v\nwant %s", ev.Status.Err, msg)
		}
		var se *fetch.StatusError
		if !errors.As(ev.Status.Err, &se) || se.Code != 500 {
			t.Errorf("status error not reachable: %v", ev.Status.Err)
		}
		wait = want
	}

	s.set("/live", "item: a|One")
	ev := r.advance(wait)
	wantStatus(t, ev, feed.Live, r.clk.Now(), DefaultInterval)
	if ev.Status.Err != nil {
		t.Errorf("err after success: %v", ev.Status.Err)
	}
}

func TestBackoffJitterStaysWithinBounds(t *testing.T) {
	p := New("https://example.com/live", Options{})
	for fails := 1; fails < 12; fails++ {
		p.fails = fails
		base := min(DefaultInterval<<(fails-1), BackoffCap)
		for i := 0; i < 50; i++ {
			got := p.backoff()
			if got < base || got > min(base+base/4, BackoffCap) {
				t.Fatalf("fails=%d: backoff %v outside [%v, %v]", fails, got, base, base+base/4)
			}
		}
	}
}

func TestRetryAfterHonouredEvenByRefresh(t *testing.T) {
	s := newSite(t)
	s.set("/live", "item: a|One")
	r := startPoller(t, s.URL+"/live", Options{})
	r.next()

	s.fail("/live", 429, http.Header{"Retry-After": {"120"}})
	ev := r.advance(DefaultInterval)
	wantStatus(t, ev, feed.Retrying, start.Add(DefaultInterval), 2*time.Minute)
	if want := fmt.Sprintf("fetching %s/live: HTTP 429 Too Many Requests; retrying in 2m0s", s.URL); ev.Status.Err.Error() != want {
		t.Errorf("err\n got %v\nwant %s", ev.Status.Err, want)
	}
	if want := ev.Status.LastCheck.Add(2 * time.Minute); !ev.Status.RetryAfter.Equal(want) {
		t.Errorf("status says the site asked to wait until %v, want %v", ev.Status.RetryAfter, want)
	}
	if got := ev.Status.Text(ev.Status.LastCheck); got != "retrying in 2m · HTTP 429 Too Many Requests" {
		t.Errorf("text %q", got)
	}
	s.set("/live", "item: b|Two\nitem: a|One")
	before := s.count("/live")

	r.clk.BlockUntil(1)
	r.p.Refresh()
	r.quiet()
	r.clk.Advance(time.Minute)
	r.p.Refresh()
	r.quiet()
	if s.count("/live") != before {
		t.Fatal("refresh fetched during Retry-After")
	}

	ev = r.advance(time.Minute)
	if ev.Snapshot == nil || s.count("/live") != before+1 {
		t.Fatalf("no check once Retry-After passed")
	}
	wantStatus(t, ev, feed.Live, start.Add(DefaultInterval+2*time.Minute), DefaultInterval)
	if !ev.Status.RetryAfter.IsZero() {
		t.Errorf("Retry-After still reported once it has passed: %v", ev.Status.RetryAfter)
	}

	// Outside Retry-After, a refresh checks at once.
	s.set("/live", "item: c|Three\nitem: b|Two\nitem: a|One")
	r.clk.BlockUntil(1)
	r.p.Refresh()
	ev = r.next()
	if ev.Snapshot == nil || len(ev.Snapshot.Updates) != 3 {
		t.Fatal("refresh did not check")
	}
	if !ev.Status.LastCheck.Equal(r.clk.Now()) {
		t.Errorf("last check %v", ev.Status.LastCheck)
	}
}

func TestServiceUnavailableRetryAfterDate(t *testing.T) {
	s := newSite(t)
	date := time.Now().UTC().Truncate(time.Second)
	s.fail("/live", 503, http.Header{
		"Date":        {date.Format(http.TimeFormat)},
		"Retry-After": {date.Add(10 * time.Minute).Format(http.TimeFormat)},
	})
	r := startPoller(t, s.URL+"/live", Options{})
	ev := r.next()
	wantStatus(t, ev, feed.Retrying, start, 10*time.Minute)
	if !strings.HasSuffix(ev.Status.Err.Error(), "HTTP 503 Service Unavailable; retrying in 10m0s") {
		t.Errorf("err %v", ev.Status.Err)
	}
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r := startPoller(t, "http://"+addr+"/live", Options{})
	ev := r.next()
	wantStatus(t, ev, feed.Retrying, start, DefaultInterval)
	want := "fetching http://" + addr + "/live: connection to " + addr + " refused; the server is down or the address is wrong, check it and try again; retrying in 30s"
	if ev.Status.Err == nil || ev.Status.Err.Error() != want {
		t.Errorf("err\n got %v\nwant %s", ev.Status.Err, want)
	}
}

func TestParseErrorKeepsStory(t *testing.T) {
	s := newSite(t)
	s.set("/live", "item: a|One")
	r := startPoller(t, s.URL+"/live", Options{})
	r.next()
	s.set("/live", "broken: yes")
	ev := r.advance(DefaultInterval)
	if ev.Snapshot != nil || ev.Status.State != feed.Retrying {
		t.Fatalf("event %+v", ev)
	}
	if want := "reading " + s.URL + "/live: the feed is not well-formed XML; check that the address is a feed; retrying in 30s"; ev.Status.Err.Error() != want {
		t.Errorf("err\n got %v\nwant %s", ev.Status.Err, want)
	}
}

func TestAutodiscoveryFollowsTheFeed(t *testing.T) {
	s := newSite(t)
	s.set("/story", "title: A page\nalt: /feeds/live.xml")
	s.set("/feeds/live.xml", "title: Strike\nitem: a|One")
	r := startPoller(t, s.URL+"/story", Options{})
	ev := r.next()
	if ev.Snapshot == nil || ev.Snapshot.Title != "Strike" {
		t.Fatalf("snapshot %+v", ev.Snapshot)
	}
	if ev.Snapshot.FeedURL != s.URL+"/feeds/live.xml" {
		t.Errorf("feed URL %q", ev.Snapshot.FeedURL)
	}
	if want := s.Listener.Addr().String() + " · /feeds/live.xml"; ev.Status.Source != want {
		t.Errorf("source %q, want %q", ev.Status.Source, want)
	}
	r.advance(DefaultInterval)
	if s.count("/story") != 1 || s.count("/feeds/live.xml") != 2 {
		t.Errorf("the page must be read once and the feed polled: %v", s.requests)
	}
}

// TestLiveBlogWaitingToStartKeepsItsPage: a live blog with no updates yet
// that says when its coverage starts is the story; its feed link is not
// followed. One with no coverage start still hands over to its feed.
func TestLiveBlogWaitingToStartKeepsItsPage(t *testing.T) {
	s := newSite(t)
	s.set("/launch", "title: Launch day\nstart: 2026-11-26T09:00:00Z\nalt: /feed.xml")
	s.set("/feed.xml", "title: The site's news\nitem: a|Unrelated")
	r := startPoller(t, s.URL+"/launch", Options{})
	ev := r.next()
	if ev.Snapshot == nil || ev.Snapshot.Title != "Launch day" || len(ev.Snapshot.Updates) != 0 || ev.Snapshot.CoverageStart.IsZero() {
		t.Fatalf("snapshot %+v", ev.Snapshot)
	}
	r.advance(DefaultInterval)
	if s.count("/feed.xml") != 0 || s.count("/launch") != 2 {
		t.Errorf("the page must be polled and its feed left alone: %v", s.requests)
	}
}

func TestAutodiscoveryLoopStops(t *testing.T) {
	s := newSite(t)
	s.set("/a", "alt: /b")
	s.set("/b", "alt: /a")
	r := startPoller(t, s.URL+"/a", Options{})
	ev := r.next()
	if ev.Status.State != feed.Live || ev.Snapshot == nil || len(ev.Snapshot.Updates) != 0 {
		t.Fatalf("event %+v", ev)
	}
	if total := s.count("/a") + s.count("/b"); total > maxAlternates+1 {
		t.Errorf("%d requests", total)
	}
}

func TestOlderPagesAreFollowedAndCombined(t *testing.T) {
	s := newSite(t)
	s.set("/live", "title: Strike\ntotal: 6\nitem: f|Six\nitem: e|Five\nnext: /live?page=2")
	s.set("/live?page=2", "item: d|Four\nitem: c|Three\nnext: /live?page=3")
	s.set("/live?page=3", "item: b|Two\nitem: a|One\nitem: c|Three\nnext: /live?page=2")
	var fetches []feed.Fetch
	r := startPoller(t, s.URL+"/live", Options{OnFetch: func(f feed.Fetch) { fetches = append(fetches, f) }})
	ev := r.next()
	var ids []string
	for _, u := range ev.Snapshot.Updates {
		ids = append(ids, u.ID)
	}
	if got := strings.Join(ids, ","); got != "f,e,d,c,b,a" {
		t.Fatalf("updates %s", got)
	}
	if ev.Snapshot.Total != 6 {
		t.Errorf("total %d", ev.Snapshot.Total)
	}
	if s.count("/live?page=2") != 1 || s.count("/live?page=3") != 1 {
		t.Errorf("a next loop must stop: %v", s.requests)
	}
	// A recorder gets every page read, so a replay sees what was read.
	if len(fetches) != 1 || len(fetches[0].Pages) != 2 ||
		fetches[0].Pages[0].URL != s.URL+"/live?page=2" || !strings.Contains(string(fetches[0].Pages[1].Body), "item: b|Two") {
		t.Errorf("OnFetch got %+v", fetches)
	}

	// Later checks read the first page only while it overlaps what was read.
	s.set("/live", "title: Strike\ntotal: 7\nitem: g|Seven\nitem: f|Six\nnext: /live?page=2")
	ev = r.advance(DefaultInterval)
	if ev.Snapshot == nil || len(ev.Snapshot.Updates) != 2 || s.count("/live?page=2") != 1 {
		t.Errorf("older pages fetched again: %d updates, %v", len(ev.Snapshot.Updates), s.requests)
	}

	// A first page of nothing but new updates means some fell off it: read on.
	s.set("/live", "title: Strike\nitem: j|Ten\nitem: i|Nine\nnext: /live?page=2")
	s.set("/live?page=2", "item: h|Eight\nitem: g|Seven\nnext: /live?page=3")
	ev = r.advance(DefaultInterval)
	if len(ev.Snapshot.Updates) != 4 || s.count("/live?page=2") != 2 || s.count("/live?page=3") != 1 {
		t.Errorf("gap not filled: %d updates, %v", len(ev.Snapshot.Updates), s.requests)
	}
}

func TestMaxPages(t *testing.T) {
	s := newSite(t)
	for i := 1; i <= 20; i++ {
		s.set(fmt.Sprintf("/p%d", i), fmt.Sprintf("item: u%d|Update %d\nnext: /p%d", i, i, i+1))
	}
	defer swapParse((&fakeParser{}).parse)()
	for _, tt := range []struct{ max, want int }{{0, DefaultMaxPages}, {3, 3}, {1, 1}} {
		snap, _, err := ReadOnce(context.Background(), s.URL+"/p1", Options{MaxPages: tt.max})
		if err != nil {
			t.Fatal(err)
		}
		if len(snap.Updates) != tt.want {
			t.Errorf("MaxPages %d: %d updates, want %d", tt.max, len(snap.Updates), tt.want)
		}
	}
}

func TestCoverageEndedSlowsToEndedInterval(t *testing.T) {
	s := newSite(t)
	s.set("/live", "title: Strike\nend: "+start.Add(time.Hour).Format(time.RFC3339)+"\nitem: a|One")
	r := startPoller(t, s.URL+"/live", Options{})
	wantStatus(t, r.next(), feed.Live, start, DefaultInterval)

	// The end time passes with the page unchanged (304s): the poller notices.
	ev := r.advance(DefaultInterval)
	for ev.Status.LastCheck.Before(start.Add(time.Hour)) {
		ev = r.advance(ev.Status.NextCheck.Sub(r.clk.Now()))
	}
	wantStatus(t, ev, feed.Ended, ev.Status.LastCheck, EndedInterval)

	s.set("/live", "title: Strike\nend: "+start.Add(-time.Hour).Format(time.RFC3339)+"\nitem: b|Final word\nitem: a|One")
	ev = r.advance(EndedInterval)
	if ev.Snapshot == nil || ev.Status.State != feed.Ended {
		t.Fatalf("event %+v", ev.Status)
	}
}

func TestFileIsReadOnceAndReReadWhenItChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.xml")
	if err := os.WriteFile(path, []byte("title: Saved\nitem: a|One"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := startPoller(t, path, Options{})
	ev := r.next()
	wantStatus(t, ev, feed.Watching, start, FileInterval)
	if ev.Snapshot == nil || ev.Snapshot.Title != "Saved" || ev.Status.Source != "live.xml" || ev.Snapshot.FeedURL != "" {
		t.Fatalf("event %+v / %+v", ev.Status, ev.Snapshot)
	}
	for i := 0; i < 15; i++ {
		ev = r.advance(FileInterval)
		if ev.Snapshot != nil {
			t.Fatal("unchanged file sent again")
		}
		wantStatus(t, ev, feed.Watching, r.clk.Now(), FileInterval)
	}
	if r.parser.calls.Load() != 1 {
		t.Errorf("unchanged file parsed again")
	}
	if err := os.WriteFile(path, []byte("title: Saved\nitem: b|Two\nitem: a|One"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ev = r.advance(FileInterval); ev.Snapshot == nil || len(ev.Snapshot.Updates) != 2 {
		t.Fatal("changed file not sent")
	}
	os.Remove(path)
	ev = r.advance(FileInterval)
	if ev.Status.State != feed.Retrying || !strings.Contains(ev.Status.Err.Error(), "no such file; check the path") {
		t.Errorf("removed file: %+v", ev.Status)
	}
}

func TestStdinIsReadOnce(t *testing.T) {
	r := startPoller(t, "-", Options{Stdin: strings.NewReader("title: Piped\nitem: a|One")})
	ev := r.next()
	if ev.Snapshot == nil || ev.Snapshot.Title != "Piped" {
		t.Fatalf("snapshot %+v", ev.Snapshot)
	}
	if ev.Status.State != feed.Offline || !ev.Status.NextCheck.IsZero() || ev.Status.Source != "standard input" {
		t.Errorf("status %+v", ev.Status)
	}
	r.p.Refresh()
	r.quiet()
	if r.clk.Waiters() != 0 {
		t.Error("stdin source scheduled a check")
	}
}

func TestReadOnce(t *testing.T) {
	s := newSite(t)
	s.set("/live", "title: Strike\nitem: a|One\nnext: /older")
	s.set("/older", "item: z|Zero")
	p := &fakeParser{}
	defer swapParse(p.parse)()
	snap, st, err := ReadOnce(context.Background(), s.URL+"/live", Options{Validators: fetch.Validators{ETag: "ignored"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Updates) != 2 || st.State != feed.Offline || st.LastCheck.IsZero() || !st.NextCheck.IsZero() {
		t.Errorf("snap %+v, status %+v", snap, st)
	}

	s.fail("/live", 404, nil)
	_, st, err = ReadOnce(context.Background(), s.URL+"/live", Options{})
	if want := "fetching " + s.URL + "/live: HTTP 404 Not Found; check the address"; err == nil || err.Error() != want {
		t.Errorf("err\n got %v\nwant %s", err, want)
	}
	if st.State != feed.Retrying {
		t.Errorf("state %v", st.State)
	}

	_, _, err = ReadOnce(context.Background(), filepath.Join(t.TempDir(), "missing.xml"), Options{})
	if err == nil || !strings.Contains(err.Error(), "no such file; check the path") {
		t.Errorf("missing file: %v", err)
	}
}

// swapParse replaces the default parser for code paths that build their own
// Poller, and returns the function that puts it back.
func swapParse(f parse.Func) func() {
	old := defaultParseFunc
	defaultParseFunc = f
	return func() { defaultParseFunc = old }
}

func TestRunStopsCleanly(t *testing.T) {
	before := runtime.NumGoroutine()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		w.Write([]byte("item: a|One"))
	}))

	// Cancelled while waiting for the next check.
	r := startPoller(t, srv.URL+"/live", Options{})
	r.next()
	r.clk.BlockUntil(1)
	r.stop()

	// Cancelled in the middle of a request.
	r = startPoller(t, srv.URL+"/slow", Options{})
	time.Sleep(20 * time.Millisecond)
	r.stop()

	// Cancelled while blocked sending an event nobody reads.
	r = startPoller(t, srv.URL+"/live", Options{})
	time.Sleep(20 * time.Millisecond)
	r.stop()

	close(release)
	srv.Close()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines left, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func TestBrokenFileStaysAnErrorUntilFixed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.xml")
	os.WriteFile(path, []byte("broken: yes"), 0o644)
	r := startPoller(t, path, Options{})
	for i := 0; i < 3; i++ {
		var ev feed.Event
		if i == 0 {
			ev = r.next()
		} else {
			ev = r.advance(FileInterval)
		}
		if ev.Status.State != feed.Retrying || ev.Status.Err == nil {
			t.Fatalf("check %d: %+v", i, ev.Status)
		}
		wantStatus(t, ev, feed.Retrying, r.clk.Now(), FileInterval)
	}
	os.WriteFile(path, []byte("item: a|Fixed now"), 0o644)
	if ev := r.advance(FileInterval); ev.Snapshot == nil || ev.Status.State != feed.Watching {
		t.Fatalf("fixed file: %+v", ev.Status)
	}
}

func TestLinksInFilesNeverLeadToLocalFiles(t *testing.T) {
	s := newSite(t)
	s.set("/feed.xml", "title: From the web\nitem: a|One")
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.xml")
	os.WriteFile(secret, []byte("title: Secret\nitem: s|Secret"), 0o644)

	local := filepath.Join(dir, "local.html")
	os.WriteFile(local, []byte("alt: file://"+filepath.ToSlash(secret)), 0o644)
	r := startPoller(t, local, Options{})
	if ev := r.next(); ev.Snapshot != nil || ev.Status.Err == nil || !strings.Contains(ev.Status.Err.Error(), "which liveline cannot read; open the feed's address directly") {
		t.Fatalf("followed a link to a local file: %+v, %v", ev.Snapshot, ev.Status.Err)
	}

	// A saved page that links to a feed on the web switches to polling it.
	saved := filepath.Join(dir, "saved.html")
	os.WriteFile(saved, []byte("alt: "+s.URL+"/feed.xml"), 0o644)
	r = startPoller(t, saved, Options{})
	ev := r.next()
	if ev.Snapshot == nil || ev.Snapshot.Title != "From the web" || ev.Snapshot.FeedURL != s.URL+"/feed.xml" {
		t.Fatalf("snapshot %+v", ev.Snapshot)
	}
	wantStatus(t, ev, feed.Live, start, DefaultInterval)
	if ev.Status.Source != s.Listener.Addr().String()+" · /feed.xml" {
		t.Errorf("source %q", ev.Status.Source)
	}
}

func TestStdinMissing(t *testing.T) {
	r := startPoller(t, "-", Options{})
	ev := r.next()
	if ev.Status.State != feed.Offline || ev.Status.Err == nil || !ev.Status.NextCheck.IsZero() {
		t.Fatalf("status %+v", ev.Status)
	}
	r.quiet()
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return b.Bytes()
}

// TestCompressedFileAndStdin: a gzip-compressed file or standard input is
// read as what it holds, under the size cap; damaged compression is
// reported, saying what to do.
func TestCompressedFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.xml.gz")
	os.WriteFile(path, gzipped(t, "title: Saved\nitem: a|One"), 0o644)
	r := startPoller(t, path, Options{})
	if ev := r.next(); ev.Snapshot == nil || ev.Snapshot.Title != "Saved" || ev.Status.State != feed.Watching {
		t.Fatalf("compressed file: %+v / %+v", ev.Status, ev.Snapshot)
	}
	os.WriteFile(path, gzipped(t, "title: Saved\nitem: b|Two\nitem: a|One"), 0o644)
	if ev := r.advance(FileInterval); ev.Snapshot == nil || len(ev.Snapshot.Updates) != 2 {
		t.Fatalf("changed compressed file not sent: %+v", ev.Status)
	}

	s := startPoller(t, "-", Options{Stdin: bytes.NewReader(gzipped(t, "title: Piped\nitem: a|One"))})
	if ev := s.next(); ev.Snapshot == nil || ev.Snapshot.Title != "Piped" {
		t.Fatalf("compressed standard input: %+v", ev.Status)
	}

	large := filepath.Join(dir, "large.xml.gz")
	os.WriteFile(large, gzipped(t, "title: Big\n"+strings.Repeat("item: x|filler\n", 1000)), 0o644)
	_, _, err := ReadOnce(context.Background(), large, Options{Client: &fetch.Client{MaxSize: 1000}})
	if err == nil || !strings.Contains(err.Error(), "raise --max-size") {
		t.Errorf("over the cap once decompressed: %v", err)
	}

	damaged := filepath.Join(dir, "damaged.xml.gz")
	whole := gzipped(t, "title: Cut\n"+strings.Repeat("item: x|filler\n", 100))
	os.WriteFile(damaged, whole[:len(whole)/2], 0o644)
	_, _, err = ReadOnce(context.Background(), damaged, Options{})
	if err == nil || !strings.Contains(err.Error(), "gzip-compressed but cannot be decompressed") || !strings.Contains(err.Error(), "compress it again") {
		t.Errorf("damaged compression: %v", err)
	}
}

// TestFileOverTheCapIsNotReadAgainUntilItChanges: a file too large to read
// stays too large until it changes, so it is not read again at every check;
// once it changes, it is.
func TestFileOverTheCapIsNotReadAgainUntilItChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.xml")
	os.WriteFile(path, []byte("title: Big\n"+strings.Repeat("item: x|filler\n", 100)), 0o644)
	var reads int
	defer func(open func(string) (*os.File, error)) { openFile = open }(openFile)
	openFile = func(name string) (*os.File, error) { reads++; return os.Open(name) }
	r := startPoller(t, path, Options{Client: &fetch.Client{MaxSize: 200}})
	ev := r.next()
	if ev.Status.State != feed.Retrying || !feed.IsPermanent(ev.Status.Err) || ev.Status.Text(r.clk.Now()) != "retrying in 2s · larger than 200 bytes" {
		t.Fatalf("first check: %+v (%s)", ev.Status, ev.Status.Text(r.clk.Now()))
	}
	for range 3 {
		ev = r.advance(FileInterval)
		if !strings.Contains(ev.Status.Reason(), "raise --max-size") {
			t.Fatalf("later check: %+v", ev.Status)
		}
	}
	if reads != 1 {
		t.Errorf("the unchanged file was read %d times", reads)
	}
	os.WriteFile(path, []byte("title: Small\nitem: a|One"), 0o644)
	if ev = r.advance(FileInterval); ev.Snapshot == nil || ev.Status.State != feed.Watching || reads != 2 {
		t.Fatalf("the file, changed, was not read: %+v (%d reads)", ev.Status, reads)
	}
}

// TestFileFailuresSayTheyWillNotFixThemselves: a missing file, a directory
// and a body that is no feed are failures for good; each names itself.
func TestFileFailuresSayTheyWillNotFixThemselves(t *testing.T) {
	dir := t.TempDir()
	notFeed := filepath.Join(dir, "page.html")
	os.WriteFile(notFeed, []byte("<html><body>Hello</body></html>"), 0o644)
	for _, tc := range []struct {
		path, brief string
	}{
		{filepath.Join(dir, "missing.xml"), "no such file"},
		{dir, "a directory"},
		{notFeed, "not a feed or live blog"},
	} {
		_, _, err := ReadOnce(context.Background(), tc.path, Options{})
		if !feed.IsPermanent(err) || feed.Brief(err) != tc.brief {
			t.Errorf("%s: permanent %v, brief %q (%v)", tc.path, feed.IsPermanent(err), feed.Brief(err), err)
		}
	}
}

// TestRetryReasonLeavesOutWhen: a retried failure's message says when the
// next try is, as the check failed; the status's reason, which a reader
// keeps on screen while Text counts down, leaves that out.
func TestRetryReasonLeavesOutWhen(t *testing.T) {
	busy := &fetch.StatusError{URL: "http://127.0.0.1/live", Code: 503, Status: "503 Service Unavailable"}
	for _, tc := range []struct {
		err        error
		error, why string
	}{
		{errors.New("fetching x: connection refused"), "fetching x: connection refused; retrying in 30s", "fetching x: connection refused"},
		{busy, "fetching http://127.0.0.1/live: HTTP 503 Service Unavailable; retrying in 30s", "fetching http://127.0.0.1/live: HTTP 503 Service Unavailable"},
	} {
		e := &RetryError{Err: tc.err, In: 30 * time.Second}
		if got := e.Error(); got != tc.error {
			t.Errorf("Error() = %q, want %q", got, tc.error)
		}
		if got := (feed.Status{State: feed.Retrying, Err: e}).Reason(); got != tc.why {
			t.Errorf("Reason() = %q, want %q", got, tc.why)
		}
	}
}
