// Package poll follows one source: an http(s) address polled politely, a
// file re-read when it changes, or standard input read once. A Poller sends
// the source's snapshots and its status on a channel, and always knows when
// it last checked and when it checks next.
//
// A file is also read again as soon as it changes, through the system's
// file notifications where they work; its checks catch what they miss.
//
// Politeness: at least MinInterval between requests unless the user asks
// for less; Cache-Control max-age raises the wait; a story that stays the
// same is checked less and less often, back to normal as soon as it
// changes; failures back off exponentially with jitter; Retry-After is
// honoured, even by Refresh; a story whose coverage has ended is checked
// every EndedInterval. Pollers that share a Group never send two requests
// to one host at once, and their first checks are staggered.
package poll

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/feed/sniff"
	"github.com/liveline-tui/liveline/model"
)

// Scheduling constants.
const (
	DefaultInterval = 30 * time.Second
	// MinInterval is the floor between requests unless Options.AllowFast.
	MinInterval = 10 * time.Second
	// FastestInterval is the floor even with AllowFast.
	FastestInterval = time.Second
	// FileInterval is how often a file is checked for changes when no
	// interval is given and the system's notifications cannot watch it.
	FileInterval = 2 * time.Second
	// WatchedFileInterval is how often a file the notifications watch is
	// checked all the same, in case one was missed.
	WatchedFileInterval = DefaultInterval
	// SlowAfter unchanged checks in a row double the wait, and each
	// SlowAfter more double it again, up to SlowCap.
	SlowAfter = 10
	SlowCap   = 5 * time.Minute
	// BackoffCap bounds the wait after failures (Retry-After aside).
	BackoffCap = 5 * time.Minute
	// MaxAgeCap bounds how far Cache-Control max-age raises the wait.
	MaxAgeCap = 15 * time.Minute
	// MaxRetryAfter bounds how long a Retry-After is honoured.
	MaxRetryAfter = time.Hour
	// EndedInterval is the wait once a page says its coverage has ended.
	EndedInterval = 30 * time.Minute
	// DefaultMaxPages is how many pages (the first included) are read
	// when a page links to older ones.
	DefaultMaxPages = 10
	// maxAlternates bounds how many autodiscovery links are followed in a
	// row, so two pages that point at each other cannot loop.
	maxAlternates = 2
)

// Options configure a Poller. The zero value polls every DefaultInterval
// with a default client on the real clock.
type Options struct {
	// Interval between checks; DefaultInterval when 0. Values below
	// MinInterval are raised to it unless AllowFast is set, as when the
	// user asked for a short interval explicitly.
	Interval  time.Duration
	AllowFast bool
	Client    *fetch.Client
	Clock     clock.Clock
	// MaxPages bounds the pages read by following rel="next" links, the
	// first page included; DefaultMaxPages when 0.
	MaxPages int
	// Stdin is read when the source is "-".
	Stdin io.Reader
	// Validators from an earlier run make the first request conditional;
	// the caller holds the story they belong to, since a 304 sends none.
	Validators fetch.Validators
	// OnFetch, if set, is called after each reading that parsed into a
	// new snapshot, from the goroutine running the poller.
	OnFetch func(feed.Fetch)
	// Group, when set, is shared with the other pollers of the process:
	// it keeps them from sending two requests to one host at once and
	// spreads out their first checks.
	Group *Group
	// NoWatch leaves a file to the checks on the schedule; by default
	// the system's file notifications also have it read again as soon as
	// it changes.
	NoWatch bool
}

// defaultParseFunc is what New reads bodies with; tests swap it.
var defaultParseFunc parse.Func = parse.Parse

// openFile opens a file to read its contents; tests count the calls.
var openFile = os.Open

type kind uint8

const (
	kindHTTP kind = iota
	kindFile
	kindStdin
)

// Poller follows one source. Create it with New; Run it once.
type Poller struct {
	source  string
	opts    Options
	clock   clock.Clock
	client  *fetch.Client
	refresh chan struct{}

	// Replaceable in tests.
	parse  parse.Func
	jitter func(time.Duration) time.Duration

	mu         sync.Mutex
	validators fetch.Validators

	// State owned by the goroutine running the poller.
	kind       kind
	target     string // the URL or path read now (after autodiscovery)
	bodyHash   uint64 // of the first page's body last parsed
	parsedOnce bool
	digest     uint64 // of the last snapshot sent
	sentOnce   bool
	unchanged  int  // successful checks in a row without a change
	watched    bool // the system's notifications watch the file
	fails      int  // failed checks in a row
	maxAge     time.Duration
	retryUntil time.Time
	ended      bool
	coverEnd   time.Time           // when the story's coverage ends, zero when open
	seen       map[string]struct{} // update IDs read so far, to know when older pages are needed
	stamp      fileStamp           // of the file last parsed
	readStamp  fileStamp           // of the file just read, kept once it parses
	failStamp  fileStamp           // of the file when it last failed for good
	failErr    error               // that failure, given again until the file changes
	stdinDone  bool
}

type fileStamp struct {
	mod  time.Time
	size int64
}

// New returns a poller for source: an http or https address, a file path,
// or "-" for opts.Stdin. A file or standard input may be gzip-compressed.
func New(source string, opts Options) *Poller {
	p := &Poller{
		source:     source,
		opts:       opts,
		clock:      opts.Clock,
		client:     opts.Client,
		refresh:    make(chan struct{}, 1),
		parse:      defaultParseFunc,
		jitter:     jitter,
		validators: opts.Validators,
		target:     source,
		seen:       make(map[string]struct{}),
	}
	if p.clock == nil {
		p.clock = clock.Real{}
	}
	if p.client == nil {
		p.client = &fetch.Client{}
	}
	switch {
	case source == "-":
		p.kind = kindStdin
	case link.IsWeb(source):
		p.kind = kindHTTP
	default:
		p.kind = kindFile
	}
	return p
}

// Refresh asks for a check now. A Retry-After still in force is honoured:
// the check waits for it. Refresh never blocks.
func (p *Poller) Refresh() {
	select {
	case p.refresh <- struct{}{}:
	default:
	}
}

// Validators returns the validators of the last successful reading, for
// saving between runs.
func (p *Poller) Validators() fetch.Validators {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.validators
}

func (p *Poller) setValidators(v fetch.Validators) {
	p.mu.Lock()
	p.validators = v
	p.mu.Unlock()
}

// interval is the normal wait between checks.
func (p *Poller) interval() time.Duration {
	d := p.opts.Interval
	if d <= 0 {
		switch {
		case p.kind == kindFile && p.watched:
			return WatchedFileInterval
		case p.kind == kindFile:
			return FileInterval
		}
		return DefaultInterval
	}
	if p.kind == kindHTTP && d < MinInterval && !p.opts.AllowFast {
		d = MinInterval
	}
	return max(d, FastestInterval)
}

// Run follows the source, sending events on out until ctx is done. It
// never closes out and leaves no goroutine behind.
func (p *Poller) Run(ctx context.Context, out chan<- feed.Event) {
	defer p.client.CloseIdleConnections()
	var changed <-chan struct{}
	if p.kind == kindFile && !p.opts.NoWatch {
		var done <-chan struct{}
		changed, done = watch(ctx, p.target)
		defer func() { <-done }()
		p.watched = changed != nil
	}
	var delay time.Duration
	if p.kind == kindHTTP {
		delay = p.opts.Group.startDelay(p.clock.Now())
	}
	if !p.send(ctx, out, feed.Event{Status: feed.Status{State: feed.Connecting, NextCheck: p.clock.Now().Add(delay), Source: p.sourceName()}}) {
		return
	}
	if delay > 0 {
		select {
		case <-ctx.Done():
			return
		case <-p.clock.After(delay):
		case <-p.refresh:
		}
	}
	for {
		r := p.check(ctx)
		if ctx.Err() != nil {
			return
		}
		ev := feed.Event{Snapshot: r.snap, Status: r.status}
		if !p.send(ctx, out, ev) {
			return
		}
		if r.status.NextCheck.IsZero() {
			<-ctx.Done()
			return
		}
		wake := p.clock.After(r.status.NextCheck.Sub(p.clock.Now()))
	wait:
		for {
			select {
			case <-ctx.Done():
				return
			case <-wake:
				break wait
			case <-changed:
				if p.kind != kindFile {
					continue // the file led to a feed on the web
				}
				break wait
			case <-p.refresh:
				if p.clock.Now().Before(p.retryUntil) {
					continue // the server asked for quiet; keep the schedule
				}
				break wait
			}
		}
	}
}

func (p *Poller) send(ctx context.Context, out chan<- feed.Event, ev feed.Event) bool {
	select {
	case out <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

// ReadOnce reads source once, following autodiscovery and older pages, and
// returns the snapshot, for one-shot dumps. Options.Validators are ignored:
// a dump needs the body.
func ReadOnce(ctx context.Context, source string, opts Options) (*model.Snapshot, feed.Status, error) {
	opts.Validators = fetch.Validators{}
	p := New(source, opts)
	defer p.client.CloseIdleConnections()
	r := p.check(ctx)
	r.status.NextCheck = time.Time{}
	if r.err != nil {
		return nil, r.status, r.err
	}
	if r.status.State == feed.Live || r.status.State == feed.Watching {
		r.status.State = feed.Offline
	}
	return r.snap, r.status, nil
}

// result is the outcome of one check.
type result struct {
	snap   *model.Snapshot // nil unless the story changed
	status feed.Status
	err    error // the failure itself, without the retry note
}

// RetryError is a failed check that will be tried again.
type RetryError struct {
	Err error
	In  time.Duration // until the next try
}

func (e *RetryError) Error() string {
	return e.Reason() + "; retrying in " + fetch.FormatDuration(e.In)
}

// Reason is the failure without the note on when it is tried again, for
// a reader that shows that note itself and counts it down.
func (e *RetryError) Reason() string {
	var se *fetch.StatusError
	if errors.As(e.Err, &se) && se.Temporary() {
		return se.Plain() // the retry note says what happens next
	}
	return e.Err.Error()
}

func (e *RetryError) Unwrap() error { return e.Err }

// check reads the source once and decides when to check next.
func (p *Poller) check(ctx context.Context) result {
	snap, changed, resp, err := p.load(ctx)
	now := p.clock.Now()
	st := feed.Status{LastCheck: now, Source: p.sourceName()}
	if err != nil {
		if ctx.Err() != nil {
			return result{status: st, err: err}
		}
		if p.kind == kindStdin {
			st.State = feed.Offline
			st.Err = err
			return result{status: st, err: err}
		}
		p.fails++
		wait := p.backoff()
		var se *fetch.StatusError
		if errors.As(err, &se) && se.RetryAfter > 0 {
			ra := min(se.RetryAfter, MaxRetryAfter)
			p.retryUntil = now.Add(ra)
			wait = max(wait, ra)
		}
		st.State = feed.Retrying
		st.NextCheck = now.Add(wait)
		st.Err = &RetryError{Err: err, In: wait}
		st.RetryAfter = p.heldUntil(now)
		return result{status: st, err: err}
	}
	p.fails = 0
	if resp != nil {
		p.maxAge = resp.MaxAge // Retry-After on a success means nothing (RFC 9110 §10.2.3)
	}
	if changed {
		p.unchanged = 0
	} else {
		p.unchanged++
	}
	p.ended = !p.coverEnd.IsZero() && !now.Before(p.coverEnd)
	st.State = feed.Live
	if p.ended {
		st.State = feed.Ended
	}
	switch {
	case p.kind == kindStdin:
		st.State = feed.Offline
		return result{snap: snap, status: st}
	case p.kind == kindFile && !p.ended:
		st.State = feed.Watching
	}
	wait := p.normalWait()
	if r := p.retryUntil.Sub(now); r > wait {
		wait = r
	}
	st.NextCheck = now.Add(wait)
	st.RetryAfter = p.heldUntil(now)
	return result{snap: snap, status: st}
}

// heldUntil is when a Retry-After still in force at now ends; zero when
// none is.
func (p *Poller) heldUntil(now time.Time) time.Time {
	if now.Before(p.retryUntil) {
		return p.retryUntil
	}
	return time.Time{}
}

// normalWait is the wait after a successful check.
func (p *Poller) normalWait() time.Duration {
	base := p.interval()
	if p.kind == kindFile {
		return base // a stat costs nothing; no need to slow down
	}
	w := base
	if p.unchanged >= SlowAfter {
		limit := max(SlowCap, base)
		for i := 0; i < p.unchanged/SlowAfter && w < limit; i++ {
			w *= 2
		}
		w = min(w, limit)
	}
	if p.maxAge > w {
		w = max(w, min(p.maxAge, MaxAgeCap))
	}
	if p.ended {
		w = max(w, EndedInterval)
	}
	return w
}

// backoff is the wait after p.fails failures in a row: the interval
// doubled per failure, with up to a quarter more of jitter, at most
// BackoffCap (or the interval, if that is longer).
func (p *Poller) backoff() time.Duration {
	base := p.interval()
	if p.kind == kindFile {
		return base // a missing or broken file is checked again at the usual pace
	}
	limit := max(BackoffCap, base)
	d := base
	for i := 1; i < p.fails && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	return min(p.jitter(d), limit)
}

func jitter(d time.Duration) time.Duration {
	if d < 4 {
		return d
	}
	return d + rand.N(d/4)
}

// sourceName names what is read for people: "host · /feed/path", a file
// name, or "standard input".
func (p *Poller) sourceName() string {
	switch p.kind {
	case kindStdin:
		return "standard input"
	case kindFile:
		return filepath.Base(p.target)
	}
	return urlName(p.target)
}

func urlName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return u.Host + " · " + path
}

// load reads the source, and when it changed parses it, following
// autodiscovery and older pages. changed reports whether the story
// differs from the last one sent; snap is set only then.
func (p *Poller) load(ctx context.Context) (snap *model.Snapshot, changed bool, resp *fetch.Response, err error) {
	for hop := 0; ; hop++ {
		resp, err = p.read(ctx, p.target, p.Validators())
		if err != nil {
			return nil, false, nil, err
		}
		if resp == nil || resp.NotModified {
			return nil, false, resp, nil // the file is as it was, or a 304
		}
		h := hashBytes(resp.Body)
		if p.parsedOnce && h == p.bodyHash {
			p.setValidators(resp.Validators)
			p.stamp = p.readStamp
			return nil, false, resp, nil
		}
		base := link.Base(resp.URL)
		body := resp.Body
		if p.opts.OnFetch == nil {
			// Nothing reads the body after the parse: the parse can let
			// it go once it is parsed, rather than hold it to the end.
			resp.Body = nil
		}
		res, err := p.parse(body, resp.ContentType, base)
		if err != nil {
			return nil, false, nil, p.failed(unparsable(display(resp.URL), err))
		}
		// A page with no updates hands over to its feed, unless it is a
		// live blog that says when its coverage starts: that is the story,
		// with nothing posted yet.
		waiting := !res.Snapshot.CoverageStart.IsZero()
		if len(res.Snapshot.Updates) == 0 && !waiting && res.Alternate != "" && hop < maxAlternates {
			alt := link.Address(base, res.Alternate)
			if alt == "" {
				return nil, false, nil, p.failed(feed.Permanent("feed link unreadable", fmt.Errorf("reading %s: the page links to a feed at %q, which liveline cannot read; open the feed's address directly", display(resp.URL), res.Alternate)))
			}
			if alt != p.target {
				p.switchTo(alt)
				continue
			}
		}
		s := res.Snapshot
		var pages []feed.Page
		if res.Next != "" {
			pages = p.olderPages(ctx, &s, resp.URL, res.Next)
		}
		now := p.clock.Now()
		s.Fetched = now
		if resp.URL != p.source && s.FeedURL == "" && p.kind == kindHTTP {
			s.FeedURL = resp.URL
		}
		p.bodyHash, p.parsedOnce = h, true
		p.stamp = p.readStamp
		p.failStamp, p.failErr = fileStamp{}, nil
		p.setValidators(resp.Validators)
		p.coverEnd = s.CoverageEnd
		for i := range s.Updates {
			p.seen[s.Updates[i].ID] = struct{}{}
		}
		if p.opts.OnFetch != nil {
			p.opts.OnFetch(feed.Fetch{
				Time:         now,
				URL:          resp.URL,
				Status:       resp.Status,
				ETag:         resp.Validators.ETag,
				LastModified: resp.Validators.LastModified,
				ContentType:  resp.ContentType,
				Body:         resp.Body,
				Pages:        pages,
				Snapshot:     &s,
			})
		}
		d := digest(&s)
		if p.sentOnce && d == p.digest {
			return nil, false, resp, nil
		}
		p.digest, p.sentOnce = d, true
		return &s, true, resp, nil
	}
}

// switchTo makes a discovered feed the source read from now on.
func (p *Poller) switchTo(target string) {
	p.target = target
	if link.IsWeb(target) {
		p.kind = kindHTTP
	}
	p.setValidators(fetch.Validators{})
	p.parsedOnce = false
}

// olderPages follows next links while they may hold updates not read yet:
// on the first reading, and whenever a whole page is new (more updates
// arrived between checks than a page holds). It stops at MaxPages, at a
// page seen before, and quietly at the first failure: what was read stands,
// and updates from missing pages stay in the story from earlier readings.
// It joins the pages' updates to s, read from addr, and returns the pages
// it read.
func (p *Poller) olderPages(ctx context.Context, s *model.Snapshot, addr, next string) []feed.Page {
	maxPages := p.opts.MaxPages
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	pages := 1
	visited := map[string]bool{addr: true}
	read := func(u string) (feed.Page, bool) {
		if u == "" || visited[u] || pages >= maxPages {
			return feed.Page{}, false
		}
		visited[u] = true
		pages++
		resp, err := p.read(ctx, u, fetch.Validators{})
		if err != nil || resp == nil || resp.NotModified {
			return feed.Page{}, false
		}
		return feed.Page{URL: resp.URL, ContentType: resp.ContentType, Body: resp.Body}, true
	}
	return parse.Pages{Read: read, Parse: p.parse, More: p.allUnseen}.Join(s, addr, next)
}

// allUnseen reports whether no update in us was read before.
func (p *Poller) allUnseen(us []model.Update) bool {
	for i := range us {
		if _, ok := p.seen[us[i].ID]; ok {
			return false
		}
	}
	return true
}

// read gets target: over HTTP, or from a file when its size or time
// changed (nil response when it did not), or from standard input once.
func (p *Poller) read(ctx context.Context, target string, v fetch.Validators) (*fetch.Response, error) {
	if link.IsWeb(target) {
		release, err := p.opts.Group.acquire(ctx, target)
		if err != nil {
			return nil, err
		}
		defer release()
		return p.client.Get(ctx, target, v)
	}
	if p.kind == kindStdin && target == "-" {
		if p.stdinDone {
			return nil, nil
		}
		p.stdinDone = true
		if p.opts.Stdin == nil {
			return nil, feed.Permanent("nothing on standard input", errors.New("reading standard input: nothing is connected to it; pipe a feed into liveline or give a URL or file"))
		}
		body, err := p.readLimited(p.opts.Stdin, "standard input", 0)
		if err != nil {
			return nil, err
		}
		return &fetch.Response{URL: "-", Status: 200, Body: body}, nil
	}
	path := target
	fi, err := statFile(path, ", or give an http(s) address")
	if err != nil {
		return nil, err
	}
	stamp := fileStamp{mod: fi.ModTime(), size: fi.Size()}
	if target == p.target {
		switch {
		case p.parsedOnce && stamp == p.stamp:
			return nil, nil
		case p.failErr != nil && stamp == p.failStamp:
			return nil, p.failErr // it failed for good as it is: wait for a change
		}
		p.readStamp = stamp
	}
	f, err := openFile(path)
	if err != nil {
		return nil, fileError(path, err, "")
	}
	defer f.Close()
	body, err := p.readLimited(f, path, fi.Size())
	if err != nil && target == p.target {
		return nil, p.failed(err)
	}
	if err != nil {
		return nil, err
	}
	return &fetch.Response{URL: path, Status: 200, Body: body}, nil
}

// readLimited reads r up to the size cap, decompressing it first when it
// is gzip-compressed (the cap applies to what it holds); sizeHint, when
// known, sizes the buffer at once instead of growing it through a large
// file.
func (p *Poller) readLimited(r io.Reader, name string, sizeHint int64) ([]byte, error) {
	limit := p.client.MaxSize
	if limit <= 0 {
		limit = fetch.DefaultMaxSize
	}
	br := bufio.NewReader(r)
	var src io.Reader = br
	compressed := false
	if magic, _ := br.Peek(2); sniff.Gzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, gzipError(name, err)
		}
		src, compressed = zr, true
	}
	var buf bytes.Buffer
	if sizeHint > 0 {
		buf.Grow(int(min(sizeHint, limit) + 1))
	}
	_, err := buf.ReadFrom(io.LimitReader(src, limit+1))
	body := buf.Bytes()
	switch {
	case err != nil && compressed:
		return nil, gzipError(name, err)
	case err != nil:
		return nil, feed.Transient("cannot read", fmt.Errorf("reading %s: %v", name, err))
	case int64(len(body)) > limit:
		return nil, feed.Permanent("larger than "+fetch.FormatSize(limit), fmt.Errorf("reading %s: it is larger than %s; raise --max-size", name, fetch.FormatSize(limit)))
	}
	return body, nil
}

// failed notes a failure of the file being followed that will last until
// the file changes, so the file is not read again before then, and returns
// err.
func (p *Poller) failed(err error) error {
	if p.kind == kindFile && feed.IsPermanent(err) {
		p.failStamp, p.failErr = p.readStamp, err
	}
	return err
}

// unparsable is a body read from name that is no feed or page liveline
// can read: it will not change by being read again.
func unparsable(name string, err error) error {
	brief := "malformed feed"
	if errors.Is(err, parse.ErrNotFeed) {
		brief = "not a feed or live blog"
	}
	return feed.Permanent(brief, fmt.Errorf("reading %s: %w", name, err))
}

func gzipError(name string, err error) error {
	return feed.Permanent("damaged gzip", fmt.Errorf("reading %s: it is gzip-compressed but cannot be decompressed (%v); compress it again, or give it uncompressed", name, err))
}

// StatFile looks up a file to read, and says what is wrong when it cannot
// be read: missing, a directory, not allowed.
func StatFile(path string) (os.FileInfo, error) { return statFile(path, "") }

// statFile is StatFile; also is added to the advice for a missing file.
func statFile(path, also string) (os.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err, also)
	}
	if fi.IsDir() {
		return nil, feed.Permanent("a directory", fmt.Errorf("reading %s: it is a directory; give a feed, page or recording file", path))
	}
	return fi, nil
}

func fileError(path string, err error, also string) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return feed.Permanent("no such file", fmt.Errorf("reading %s: no such file; check the path%s", path, also))
	case errors.Is(err, os.ErrPermission):
		return feed.Permanent("permission denied", fmt.Errorf("reading %s: permission denied; check the file's permissions", path))
	}
	return feed.Transient("cannot read", fmt.Errorf("reading %s: %v", path, unwrapPath(err)))
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func display(read string) string {
	if read == "-" {
		return "standard input"
	}
	return read
}

// hashBytes sums a body to tell whether it changed since the last
// reading. The sum is compared within the process only, so it may use a
// seed of its own: maphash reads a large body many times faster than FNV.
func hashBytes(b []byte) uint64 {
	return maphash.Bytes(bodySeed, b)
}

var bodySeed = maphash.MakeSeed()

// digest sums what a reader sees of a snapshot, so a body that changed
// only in ways that do not matter (a timestamp, an ad slot) is no news.
func digest(s *model.Snapshot) uint64 {
	h := fnv.New64a()
	w := func(parts ...string) {
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
	}
	w(s.Title, s.Summary, s.Link, s.FeedURL, strconv.Itoa(s.Total),
		s.CoverageStart.UTC().Format(time.RFC3339), s.CoverageEnd.UTC().Format(time.RFC3339))
	for i := range s.Updates {
		u := &s.Updates[i]
		key := "0"
		if u.Key {
			key = "1"
		}
		w(u.ID, strconv.FormatUint(u.Hash, 16), u.Published.UTC().Format(time.RFC3339), u.Link, u.Author, key, strings.Join(u.Categories, "\x1f"))
	}
	return h.Sum64()
}
