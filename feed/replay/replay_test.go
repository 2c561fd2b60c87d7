package replay

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/feed/record/recordtest"
	"github.com/liveline-tui/liveline/model"
)

// makeRecording records steps generated snapshots a minute apart.
func makeRecording(t testing.TB, steps, perStep, window int) string {
	t.Helper()
	fs, err := recordtest.Fetches(steps, perStep, window, recordtest.Parse)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "story.jsonl")
	w, err := record.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w.Parse = recordtest.Parse
	for _, f := range fs {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func openRec(t testing.TB, path string, opts Options) *Player {
	t.Helper()
	rec, err := record.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rec.Parse = recordtest.Parse
	p, err := Recording(rec, "story.jsonl", opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// harness runs a player on a fake clock and collects its events.
type harness struct {
	t      *testing.T
	clk    *clock.Fake
	events chan feed.Event
	cancel context.CancelFunc
	done   chan struct{}
	story  *model.Story
}

func start(t *testing.T, p *Player, clk *clock.Fake) *harness {
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, clk: clk, events: make(chan feed.Event), cancel: cancel, done: make(chan struct{}), story: model.NewStory()}
	go func() { p.Run(ctx, h.events); close(h.done) }()
	t.Cleanup(func() { cancel(); <-h.done })
	return h
}

// next reads events up to and including the next status-only one, and
// returns them all, applying snapshots to the harness's story.
func (h *harness) next() []feed.Event {
	h.t.Helper()
	var evs []feed.Event
	for {
		select {
		case ev := <-h.events:
			evs = append(evs, ev)
			if !ev.Quiet {
				h.t.Fatal("replay event not quiet")
			}
			if ev.Replace {
				h.story = model.NewStory()
			}
			if ev.Snapshot != nil {
				h.story.Merge(ev.Snapshot)
				continue
			}
			return evs
		case <-time.After(5 * time.Second):
			h.t.Fatal("no event")
		}
	}
}

// tick moves the fake clock one tick once the player waits, and returns
// what it sent.
func (h *harness) tick() []feed.Event {
	h.clk.BlockUntil(1)
	h.clk.Advance(Tick)
	return h.next()
}

func snapshots(evs []feed.Event) int {
	n := 0
	for _, ev := range evs {
		if ev.Snapshot != nil {
			n++
		}
	}
	return n
}

func last(evs []feed.Event) feed.Status { return evs[len(evs)-1].Status }

var t0 = time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)

// TestTimingDeterministic: keeping true time, steps a story minute apart
// arrive every 6 s of real time at speed 10, that is every 24 ticks, to the
// tick.
func TestTimingDeterministic(t *testing.T) {
	path := makeRecording(t, 5, 1, 3)
	clk := clock.NewFake(t0)
	p := openRec(t, path, Options{Clock: clk, TrueTime: true})
	h := start(t, p, clk)
	evs := h.next()
	if snapshots(evs) != 1 || last(evs).Replay.Step != 1 || last(evs).State != feed.Replaying {
		t.Fatalf("start: %d snapshots, status %+v", snapshots(evs), last(evs))
	}
	rs := last(evs).Replay
	if !rs.Start.Equal(recordtest.Start.Add(30*time.Second)) || rs.End.Sub(rs.Start) != 4*time.Minute || rs.Steps != 5 || rs.Speed != 10 {
		t.Fatalf("replay status %+v", rs)
	}
	var arrivals []int
	for i := 1; i <= 24*4; i++ {
		evs := h.tick()
		if n := snapshots(evs); n > 0 {
			arrivals = append(arrivals, i)
		}
		if got, want := last(evs).Replay.Clock, rs.Start.Add(time.Duration(i)*Tick*10); i < 96 && !got.Equal(want) {
			t.Fatalf("tick %d: story clock %v, want %v", i, got, want)
		}
	}
	if len(arrivals) != 4 || arrivals[0] != 24 || arrivals[1] != 48 || arrivals[2] != 72 || arrivals[3] != 96 {
		t.Fatalf("changes arrived at ticks %v, want 24 48 72 96", arrivals)
	}
	if clk.Waiters() != 0 {
		t.Fatal("a finished replay still ticks")
	}
	if h.story.Len() != 5 {
		t.Fatalf("story has %d updates, want 5", h.story.Len())
	}
}

// TestSilencesAreShortened: by default no wait between changes lasts more
// than MaxSilence of real time, whatever the speed, and the stretches of
// story time passed over are reported.
func TestSilencesAreShortened(t *testing.T) {
	for _, speed := range []float64{1, 10, 60} {
		path := makeRecording(t, 5, 1, 3)
		clk := clock.NewFake(t0)
		p := openRec(t, path, Options{Clock: clk, Speed: speed})
		h := start(t, p, clk)
		first := last(h.next()).Replay
		var arrivals []int
		var st feed.Status
		for i := 1; len(arrivals) < 4 && i <= 1000; i++ {
			evs := h.tick()
			if snapshots(evs) > 0 {
				arrivals = append(arrivals, i)
			}
			st = last(evs)
		}
		wait, shortened := int(MaxSilence/Tick), true
		if 60/speed <= MaxSilence.Seconds() {
			wait, shortened = int(time.Duration(60/speed*float64(time.Second))/Tick), false
		}
		for i, at := range arrivals {
			if at != (i+1)*wait {
				t.Fatalf("speed %v: changes arrived at ticks %v, want every %d", speed, arrivals, wait)
			}
		}
		skipped := st.Replay.Skipped
		if shortened && (len(skipped) != 4 || !skipped[0].From.Equal(first.Start)) || !shortened && len(skipped) != 0 {
			t.Fatalf("speed %v: skipped %v", speed, skipped)
		}
		if h.story.Len() != 5 {
			t.Fatalf("speed %v: story has %d updates", speed, h.story.Len())
		}
	}
}

func TestAddSpanJoinsWhatTouches(t *testing.T) {
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	var spans []feed.Span
	for _, s := range [][2]int{{10, 20}, {30, 40}, {0, 5}, {15, 32}, {50, 60}} {
		spans = addSpan(spans, feed.Span{From: at(s[0]), To: at(s[1])})
	}
	want := [][2]int{{0, 5}, {10, 40}, {50, 60}}
	if len(spans) != len(want) {
		t.Fatalf("spans %v", spans)
	}
	for i, w := range want {
		if !spans[i].From.Equal(at(w[0])) || !spans[i].To.Equal(at(w[1])) {
			t.Fatalf("span %d: %v", i, spans[i])
		}
	}
}

func TestEndIsOfflineWithWholeStory(t *testing.T) {
	path := makeRecording(t, 60, 2, 6)
	clk := clock.NewFake(t0)
	h := start(t, openRec(t, path, Options{Clock: clk, End: true}), clk)
	evs := h.next()
	if !evs[0].Replace || last(evs).State != feed.Offline || last(evs).Replay.Step != 60 {
		t.Fatalf("end: replace %v, status %+v", evs[0].Replace, last(evs))
	}
	if h.story.Len() != 120 {
		t.Fatalf("final story: %d updates, want 120", h.story.Len())
	}
}

func TestStepBackAndForward(t *testing.T) {
	path := makeRecording(t, 70, 2, 6)
	rec, _ := record.Open(path)
	rec.Parse = recordtest.Parse
	clk := clock.NewFake(t0)
	p := openRec(t, path, Options{Clock: clk, End: true})
	h := start(t, p, clk)
	h.next()
	check := func(step int) {
		t.Helper()
		want, _ := rec.Story(step)
		if got := ids(h.story); got != ids(want) {
			t.Fatalf("after step to %d:\n got %s\nwant %s", step, got, ids(want))
		}
	}
	for _, c := range []struct{ by, want int }{{-1, 69}, {-1, 68}, {-20, 48}, {+1, 49}, {+3, 52}, {+100, 70}, {-100, 1}, {+30, 31}} {
		p.Step(c.by)
		evs := h.next()
		if s := last(evs).Replay.Step; s != c.want {
			t.Fatalf("step %+d: at %d, want %d", c.by, s, c.want)
		}
		if c.by < 0 && !evs[0].Replace {
			t.Fatalf("step %+d did not replace the story", c.by)
		}
		if st := last(evs).State; c.want < 70 && st != feed.Paused {
			t.Fatalf("step %+d from the end: state %v, want paused", c.by, st)
		}
		check(c.want)
	}
}

func TestRestartPlaysAgainFromTheStart(t *testing.T) {
	path := makeRecording(t, 5, 1, 3)
	clk := clock.NewFake(t0)
	p := openRec(t, path, Options{Clock: clk, End: true})
	h := start(t, p, clk)
	if st := last(h.next()); st.State != feed.Offline || st.Replay.Step != 5 {
		t.Fatalf("at the end: %+v", st)
	} else if got := st.Text(t0); got != "replay ended · [ back a change · space plays again" {
		t.Errorf("at the end the header reads %q", got)
	}
	p.Restart()
	evs := h.next()
	st := last(evs)
	if !evs[0].Replace || st.State != feed.Replaying || st.Replay.Step != 1 || h.story.Len() != 1 {
		t.Fatalf("restart: replace %v, state %v, step %d, %d updates", evs[0].Replace, st.State, st.Replay.Step, h.story.Len())
	}
	if c := evs[0].Status.Replay.Clock; !c.Equal(st.Replay.Start) {
		t.Fatalf("restart: clock %v, want the start %v", c, st.Replay.Start)
	}
}

func TestPauseAndSpeed(t *testing.T) {
	path := makeRecording(t, 5, 1, 3)
	clk := clock.NewFake(t0)
	p := openRec(t, path, Options{Clock: clk})
	h := start(t, p, clk)
	h.next()
	h.tick()
	p.TogglePause()
	evs := h.next()
	if st := last(evs); st.State != feed.Paused || !st.Replay.Paused {
		t.Fatalf("paused: %+v", st)
	}
	clock0 := last(evs).Replay.Clock
	clk.Advance(time.Hour) // nothing waits while paused
	p.SetSpeed(120)
	h.next()
	p.TogglePause()
	evs = h.next()
	if st := last(evs); st.State != feed.Replaying || !st.Replay.Clock.Equal(clock0) || st.Replay.Speed != 120 {
		t.Fatalf("resumed: %+v %+v", st, st.Replay)
	}
	// At 120x a story minute takes half a second: two ticks.
	evs = append(h.tick(), h.tick()...)
	if snapshots(evs) != 1 {
		t.Fatalf("%d changes in two ticks at 120x", snapshots(evs))
	}
}

func TestAt(t *testing.T) {
	path := makeRecording(t, 10, 1, 3)
	clk := clock.NewFake(t0)
	h := start(t, openRec(t, path, Options{Clock: clk, At: 3*time.Minute + time.Second}), clk)
	evs := h.next()
	if !evs[0].Replace || last(evs).Replay.Step != 4 || h.story.Len() != 4 {
		t.Fatalf("--at: %+v, %d updates", last(evs).Replay, h.story.Len())
	}
}

func TestSavedFeed(t *testing.T) {
	clk := clock.NewFake(t0)
	p, err := Open(filepath.Join("..", "..", "testdata", "strike.xml"), Options{Clock: clk, Speed: 3600})
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, p, clk)
	evs := h.next()
	rs := last(evs).Replay
	if rs.Steps < 10 || rs.Step != 1 || h.story.Len() == 0 || h.story.Len() > 3 {
		t.Fatalf("start of saved feed: %+v, %d updates", rs, h.story.Len())
	}
	first := h.story.At(h.story.Len() - 1).Published
	if !first.Equal(rs.Start) {
		t.Fatalf("first update at %v, replay starts %v", first, rs.Start)
	}
	p.Step(1000)
	h.next()
	if h.story.Len() != 35 {
		t.Fatalf("whole feed: %d updates", h.story.Len())
	}
	for _, u := range h.story.Updates() {
		if u.Removed || u.Edited {
			t.Fatalf("update %s flagged removed/edited", u.ID)
		}
	}
}

func ids(s *model.Story) string {
	var b strings.Builder
	for _, u := range s.Updates() {
		b.WriteString(u.ID)
		if u.Removed {
			b.WriteString("(removed)")
		}
		b.WriteByte(' ')
	}
	return b.String()
}

func TestCompressedSavedFeed(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "strike.xml"))
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	path := filepath.Join(t.TempDir(), "strike.xml.gz")
	os.WriteFile(path, buf.Bytes(), 0o644)
	p, err := Open(path, Options{})
	if err != nil || p.Steps() < 10 {
		t.Fatalf("compressed feed: %v", err)
	}
}

func TestSavedFeedWithoutDates(t *testing.T) {
	clk := clock.NewFake(t0)
	p, err := Open(filepath.Join("..", "..", "testdata", "bad", "no-dates-ids.xml"), Options{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, p, clk)
	evs := h.next()
	if last(evs).Replay.Steps != 1 || last(evs).State != feed.Offline || h.story.Len() == 0 {
		t.Fatalf("undated feed: %+v, %d updates", last(evs).Replay, h.story.Len())
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"empty.jsonl": `{"liveline_recording":1,"created":"2026-01-01T00:00:00Z","crc":"00000000"}` + "\n", "x.txt": "hello"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(body), 0o644)
		if _, err := Open(path, Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestBodyThatNoLongerParses: a recorded body the parser now rejects plays
// as a step that changes nothing, and says so, while the rest plays on.
func TestBodyThatNoLongerParses(t *testing.T) {
	fs, err := recordtest.Fetches(4, 1, 3, recordtest.Parse)
	if err != nil {
		t.Fatal(err)
	}
	fs[1].Body = []byte("<rss><channel><item>cut")
	path := filepath.Join(t.TempDir(), "bad.jsonl")
	w, _ := record.Create(path)
	for _, f := range fs {
		w.Add(f)
	}
	w.Close()
	rec, _ := record.Open(path)
	rec.Parse = recordtest.Parse
	clk := clock.NewFake(t0)
	for _, end := range []bool{false, true} {
		p, _ := Recording(rec, "bad", Options{Clock: clk, End: end, Speed: 1000})
		h := start(t, p, clk)
		evs := h.next()
		for last(evs).State != feed.Offline {
			evs = h.tick()
		}
		if last(evs).Err == nil || h.story.Len() != 4 {
			t.Fatalf("end %v: err %v, %d updates", end, last(evs).Err, h.story.Len())
		}
	}
}
