// Package replay plays a recorded story, or a saved feed or live-blog page,
// as it unfolded: each change arrives at its recorded time, scaled by a
// speed, on a clock tests can control. A Player is a feed.Player, so the
// reader shows a replay exactly as it shows a live source.
package replay

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/feed/source"
	"github.com/liveline-tui/liveline/model"
)

// DefaultSpeed is how many story seconds pass in a real second by default.
const DefaultSpeed = 10

// Speed limits for SetSpeed.
const (
	MinSpeed = 0.25
	MaxSpeed = 100000
)

// Tick is how often, in real time, a playing replay reports where it is, so
// a progress bar moves smoothly.
const Tick = 250 * time.Millisecond

// MaxSilence is the longest real time a replay waits for the next change,
// at any speed, unless it keeps true time: a story that went quiet for
// hours replays its quiet in a moment.
const MaxSilence = 3 * time.Second

// Options say how to play.
type Options struct {
	Speed float64       // story seconds per real second; DefaultSpeed when 0
	At    time.Duration // start this far into the story
	End   bool          // start at the end, with the final story
	Clock clock.Clock   // the real clock when nil
	// TrueTime keeps every silence as long as it was, scaled by the speed;
	// otherwise none lasts longer than MaxSilence.
	TrueTime bool
}

// Player plays a timeline. Its methods return at once; Run does the work.
type Player struct {
	tl      timeline
	source  string
	opts    Options
	clk     clock.Clock
	warning error

	mu      sync.Mutex
	pending []func(*run)
	wake    chan struct{}

	// states are story states kept in memory for seeking, by step count.
	states []memState
}

// memState is a story as it stood after some steps, kept by value.
type memState struct {
	after   int
	meta    model.Snapshot
	updates []model.Update
	used    uint64
}

// maxStates bounds the story states kept for seeking; captureEvery says
// how often, in steps, one is kept while playing or seeking.
const (
	maxStates    = 16
	captureEvery = 8
)

// Open opens a recording, or a saved RSS, Atom or JSON feed or live-blog
// page (either gzip-compressed or not), to play; feed/source's Sniff tells
// which the file holds.
func Open(path string, opts Options) (*Player, error) {
	if _, err := poll.StatFile(path); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, err)
	}
	name := filepath.Base(path)
	switch source.Sniff(data) {
	case source.Recording:
		rec, err := record.Read(data)
		if err == nil {
			return Recording(rec, name, opts)
		}
		if !errors.Is(err, record.ErrNotRecording) {
			return nil, fmt.Errorf("reading the recording %s: %w", path, err)
		}
	case source.CompressedFile:
		if zr, err := gzip.NewReader(bytes.NewReader(data)); err == nil {
			if plain, err := io.ReadAll(io.LimitReader(zr, 256<<20)); err == nil {
				data = plain
			}
		}
	}
	res, err := parse.Parse(data, contentType(path), nil)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(res.Snapshot.Updates) == 0 {
		if res.Alternate != "" {
			return nil, fmt.Errorf("reading %s: nothing to replay: the page holds no updates; its feed is at %s", path, res.Alternate)
		}
		return nil, fmt.Errorf("reading %s: nothing to replay: it holds no updates", path)
	}
	if fi, err := os.Stat(path); err == nil {
		res.Snapshot.Fetched = fi.ModTime()
	}
	return Feed(&res.Snapshot, name, opts)
}

func contentType(path string) string {
	switch strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz"))) {
	case ".json":
		return "application/json"
	case ".html", ".htm":
		return "text/html"
	case ".xml", ".rss", ".atom", ".rdf":
		return "application/xml"
	}
	return ""
}

// Recording returns a player for a recording read with record.Read; name
// is shown as the source.
func Recording(rec *record.Recording, name string, opts Options) (*Player, error) {
	if rec.Len() == 0 {
		return nil, errors.New("nothing to replay: the recording holds no changes")
	}
	p := newPlayer(newRecTimeline(rec), name, opts)
	if len(rec.Warnings) > 0 {
		p.warning = errors.New(strings.Join(rec.Warnings, "; "))
	}
	return p, nil
}

// Feed returns a player for a story read from a saved feed or page: each
// update appears at its published time, undated ones at the start.
func Feed(s *model.Snapshot, name string, opts Options) (*Player, error) {
	if len(s.Updates) == 0 {
		return nil, errors.New("nothing to replay: no updates")
	}
	return newPlayer(newFeedTimeline(s), name, opts), nil
}

func newPlayer(tl timeline, name string, opts Options) *Player {
	if opts.Speed <= 0 {
		opts.Speed = DefaultSpeed
	}
	opts.Speed = min(max(opts.Speed, MinSpeed), MaxSpeed)
	clk := opts.Clock
	if clk == nil {
		clk = clock.Real{}
	}
	return &Player{tl: tl, source: name, opts: opts, clk: clk, wake: make(chan struct{}, 1)}
}

// Steps returns how many changes the replay holds.
func (p *Player) Steps() int { return p.tl.len() }

// do queues a command for Run.
func (p *Player) do(f func(*run)) {
	p.mu.Lock()
	p.pending = append(p.pending, f)
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Refresh does nothing: a replay has nothing to check.
func (p *Player) Refresh() {}

// TogglePause pauses or resumes the replay.
func (p *Player) TogglePause() { p.do(func(r *run) { r.paused = !r.paused }) }

// SetSpeed sets how many story seconds pass in a real second.
func (p *Player) SetSpeed(factor float64) {
	p.do(func(r *run) {
		if factor > 0 {
			r.speed = min(max(factor, MinSpeed), MaxSpeed)
		}
	})
}

// Step jumps n changes forward (n > 0) or back (n < 0). A replay that had
// reached its end pauses where it lands.
func (p *Player) Step(n int) { p.do(func(r *run) { r.jump = append(r.jump, n) }) }

// Restart plays the replay again from its first change.
func (p *Player) Restart() { p.do(func(r *run) { r.restart = true }) }

// run is the state of a playing replay, owned by Run.
type run struct {
	p        *Player
	ctx      context.Context
	out      chan<- feed.Event
	step     int
	clock    time.Time // story time
	lastReal time.Time
	paused   bool
	speed    float64
	jump     []int
	restart  bool
	story    *model.Story // the story after step steps, when known
	err      error
	uses     uint64
	skipped  []feed.Span // story time passed over, merged and in order
}

// Run plays the replay, sending events on out until ctx is done. At the end
// it reports Offline and waits for steering.
func (p *Player) Run(ctx context.Context, out chan<- feed.Event) {
	r := &run{p: p, ctx: ctx, out: out, speed: p.opts.Speed, err: p.warning}
	tl := p.tl
	start := tl.time(0)
	r.clock = start
	r.story = model.NewStory()
	switch {
	case p.opts.End:
		r.seek(tl.len(), tl.time(tl.len()-1))
	case p.opts.At > 0:
		at := start.Add(p.opts.At)
		n := 0
		for n < tl.len() && !tl.time(n).After(at) {
			n++
		}
		r.seek(n, at)
	}
	r.lastReal = p.clk.Now()
	var tick <-chan time.Time // kept across steering, so waits do not pile up
	idle := false
	for {
		if !idle && !r.advance() {
			return
		}
		idle = false
		switch {
		case r.paused || r.step >= tl.len():
			tick = nil
		case tick == nil:
			tick = p.clk.After(Tick)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
			tick = nil
		case <-p.wake:
			ok, any := r.steer()
			if !ok {
				return
			}
			idle = !any
		}
	}
}

// steer applies queued commands; advance reports the result.
func (r *run) steer() (ok, any bool) {
	r.p.mu.Lock()
	cmds := r.p.pending
	r.p.pending = nil
	r.p.mu.Unlock()
	if len(cmds) == 0 {
		return true, false
	}
	wasPaused := r.paused
	for _, c := range cmds {
		c(r)
	}
	if wasPaused && !r.paused {
		r.lastReal = r.p.clk.Now() // a pause does not count as story time
	}
	for _, n := range r.jump {
		if !r.stepBy(n) {
			return false, true
		}
	}
	r.jump = r.jump[:0]
	if r.restart {
		r.restart, r.paused = false, false
		if !r.seek(1, r.p.tl.time(0)) {
			return false, true
		}
	}
	return true, true
}

// advance moves the story clock on by the real time passed and sends the
// changes that fell due, then a status.
func (r *run) advance() bool {
	tl := r.p.tl
	now := r.p.clk.Now()
	if !r.paused && r.step < tl.len() {
		r.clock = r.clock.Add(time.Duration(float64(now.Sub(r.lastReal)) * r.speed))
	}
	r.lastReal = now
	for r.step < tl.len() && !tl.time(r.step).After(r.clock) {
		if !r.forward() {
			return false
		}
	}
	if r.step == tl.len() {
		r.clock = tl.time(tl.len() - 1)
	}
	r.shortenSilence()
	return r.status()
}

// shortenSilence moves the story clock on to MaxSilence of real time
// before the next change, when the wait would be longer, and notes the
// stretch passed over.
func (r *run) shortenSilence() {
	tl := r.p.tl
	if r.p.opts.TrueTime || r.paused || r.step >= tl.len() {
		return
	}
	limit := time.Duration(float64(MaxSilence) * r.speed)
	next := tl.time(r.step)
	if next.Sub(r.clock) <= limit {
		return
	}
	from := r.clock
	r.clock = next.Add(-limit)
	r.skipped = addSpan(r.skipped, feed.Span{From: from, To: r.clock})
}

// addSpan adds s to spans, in order, joining those it touches.
func addSpan(spans []feed.Span, s feed.Span) []feed.Span {
	out := make([]feed.Span, 0, len(spans)+1)
	for _, o := range spans {
		switch {
		case o.To.Before(s.From):
			out = append(out, o)
		case s.To.Before(o.From):
			out = append(out, s)
			s = o
		default:
			if o.From.Before(s.From) {
				s.From = o.From
			}
			if o.To.After(s.To) {
				s.To = o.To
			}
		}
	}
	return append(out, s)
}

// forward applies the next step and sends its snapshot.
func (r *run) forward() bool {
	snap, err := r.p.tl.snapshot(r.step)
	if err != nil {
		r.err = err
	}
	r.step++
	if r.story != nil {
		r.story.Merge(snap)
		if r.step%captureEvery == 0 {
			r.p.capture(r.step, r.story, r.use())
		}
	}
	return r.send(feed.Event{Snapshot: snap, Status: r.statusValue(), Quiet: true})
}

// stepBy jumps n changes: small jumps forward send each change; jumps back,
// and long ones forward, send the whole story to replace the reader's.
func (r *run) stepBy(n int) bool {
	tl := r.p.tl
	target := min(max(r.step+n, 1), tl.len())
	if target == r.step {
		return true
	}
	if r.step == tl.len() {
		// Stepping back from the end is to look at something: stay there
		// until told to play.
		r.paused = true
	}
	if target > r.step && target-r.step <= 16 {
		for r.step < target {
			if !r.forward() {
				return false
			}
		}
		r.clock = tl.time(target - 1)
		r.lastReal = r.p.clk.Now()
		return true
	}
	return r.seek(target, tl.time(target-1))
}

// seek replaces the story with its state after n steps.
func (r *run) seek(n int, at time.Time) bool {
	st, err := r.p.state(n, r.use)
	if err != nil {
		r.err = err // a body that no longer parses; the rest of the story stands
	}
	r.story, r.step, r.clock = st, n, at
	r.lastReal = r.p.clk.Now()
	snap := st.Meta()
	snap.Fetched = at
	snap.Updates = make([]model.Update, st.Len())
	for i, u := range st.Updates() {
		snap.Updates[i] = *u
	}
	return r.send(feed.Event{Snapshot: &snap, Replace: true, Status: r.statusValue(), Quiet: true})
}

func (r *run) use() uint64 { r.uses++; return r.uses }

func (r *run) statusValue() feed.Status {
	tl := r.p.tl
	st := feed.Status{State: feed.Replaying, Source: r.p.source, Err: r.err,
		Replay: &feed.ReplayStatus{Clock: r.clock, Start: tl.time(0), End: tl.time(tl.len() - 1),
			Speed: r.speed, Paused: r.paused, Step: r.step, Steps: tl.len(), Skipped: slices.Clone(r.skipped)}}
	switch {
	case r.step == tl.len():
		st.State = feed.Offline
	case r.paused:
		st.State = feed.Paused
	}
	return st
}

func (r *run) status() bool { return r.send(feed.Event{Status: r.statusValue(), Quiet: true}) }

func (r *run) send(ev feed.Event) bool {
	select {
	case r.out <- ev:
		return true
	case <-r.ctx.Done():
		return false
	}
}

// state returns a story as it stood after n steps: from the nearest kept
// state or checkpoint before it, merging the steps in between and keeping
// a state every few steps on the way, so the next step back is quick.
func (p *Player) state(n int, use func() uint64) (*model.Story, error) {
	var st *model.Story
	from := 0
	var best *memState
	for i := range p.states {
		s := &p.states[i]
		if s.after <= n && (best == nil || s.after > best.after) {
			best = s
		}
	}
	// Start below n when possible, so the states kept on the way cover the
	// step just before n.
	lim := max(n-1, 0)
	if best != nil && best.after == n {
		best.used = use()
		return model.Restore(best.meta, best.updates), nil
	}
	if after, meta, ups, ok := p.tl.base(lim); ok && (best == nil || after > best.after) {
		st, from = model.Restore(meta, ups), after
	} else if best != nil {
		best.used = use()
		st, from = model.Restore(best.meta, best.updates), best.after
	} else {
		st = model.NewStory()
	}
	var firstErr error
	for i := from; i < n; i++ {
		snap, err := p.tl.snapshot(i)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		st.Merge(snap)
		if (i+1)%captureEvery == 0 || i+1 == n || i+1 == n-1 {
			p.capture(i+1, st, use())
		}
	}
	return st, firstErr
}

// capture keeps a copy of the story after n steps, dropping the least
// recently used state beyond maxStates.
func (p *Player) capture(n int, st *model.Story, used uint64) {
	for i := range p.states {
		if p.states[i].after == n {
			p.states[i].used = used
			return
		}
	}
	s := memState{after: n, meta: st.Meta(), updates: make([]model.Update, st.Len()), used: used}
	for i, u := range st.Updates() {
		s.updates[i] = *u
	}
	if len(p.states) < maxStates {
		p.states = append(p.states, s)
		return
	}
	old := 0
	for i := range p.states {
		if p.states[i].used < p.states[old].used {
			old = i
		}
	}
	p.states[old] = s
}

var _ feed.Player = (*Player)(nil)
