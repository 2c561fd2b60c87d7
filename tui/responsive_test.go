package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
)

// driver runs a model as a Bubble Tea program does: every command on a
// goroutine of its own, every message through Update on one goroutine,
// timing each Update call.
type driver struct {
	m       *Model
	still   bool // presses no keys while it waits
	msgs    chan tea.Msg
	longest time.Duration
	slowest string // the type of the message that took longest
	calls   int
}

func newDriver(m *Model) *driver { return &driver{m: m, msgs: make(chan tea.Msg, 1024)} }

// run starts cmd, sending what it returns back to the driver; batches
// are opened up.
func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				d.run(c)
			}
		default:
			d.msgs <- msg
		}
	}()
}

// update sends msg through Update and times it.
func (d *driver) update(msg tea.Msg) {
	start := time.Now()
	_, cmd := d.m.Update(msg)
	_ = d.m.View()
	if took := time.Since(start); took > d.longest {
		d.longest = took
		d.slowest = fmt.Sprintf("%T", msg)
	}
	d.calls++
	d.run(cmd)
}

// until handles messages, pressing j every few milliseconds as a restless
// reader would, until done reports true or the time is up.
func (d *driver) until(t testing.TB, limit time.Duration, done func() bool) {
	t.Helper()
	deadline := time.After(limit)
	keys := time.NewTicker(5 * time.Millisecond)
	defer keys.Stop()
	for !done() {
		select {
		case msg := <-d.msgs:
			d.update(msg)
		case <-keys.C:
			if !d.still {
				d.update(tea.KeyPressMsg{Code: 'j', Text: "j"})
			}
		case <-deadline:
			t.Fatalf("not done after %v", limit)
		}
	}
}

// firstReading measures a story's first reading of n updates: the longest
// Update call, the time until the story shows, and until it is indexed.
func firstReading(t testing.TB, n int) (longest, shown, built time.Duration) {
	m, _ := newTestModel(t, 200, 60)
	d := newDriver(m)
	snap := bigSnapshot(n)
	start := time.Now()
	d.update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snap, Status: feed.Status{State: feed.Live}}})
	d.until(t, 2*time.Minute, func() bool { return m.reader.Story().Len() > 0 })
	shown = time.Since(start)
	d.until(t, 2*time.Minute, m.reader.Built)
	built = time.Since(start)
	t.Logf("%d updates: longest Update %v, for a %s", n, d.longest, d.slowest)
	return d.longest, shown, built
}

func TestLargeFirstReadingLeavesKeysFree(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	m.syncLimit = 10
	d := newDriver(m)
	d.update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(1, 40), Status: feed.Status{State: feed.Live}}})
	if m.reader.Loaded() || !m.busy {
		t.Fatal("a reading over the limit was taken in on the update loop")
	}
	// Keys are answered meanwhile: a search typed now runs once the
	// story is indexed, and a reading that arrives waits its turn.
	for _, k := range []string{"/", "u", "n", "i", "o", "n", "enter"} {
		d.update(keyMsg(k))
	}
	d.update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(0, 40), Status: feed.Status{State: feed.Live}}})
	if len(m.pending) != 1 {
		t.Fatalf("a reading during preparation did not wait: %d pending", len(m.pending))
	}
	d.until(t, 10*time.Second, func() bool {
		return m.reader.Built() && len(m.pending) == 0 && len(m.reader.Items()) > 0
	})
	if m.reader.Story().Len() != 40 || m.reader.Unread() != 1 {
		t.Fatalf("after the build: %d updates, %d unread; want 40 and 1", m.reader.Story().Len(), m.reader.Unread())
	}
	for _, u := range m.reader.Items() {
		if !m.reader.Query().Match(u) {
			t.Fatalf("the search typed during the build let %s through", u.ID)
		}
	}
	if n := len(m.reader.Items()); n == 40 {
		t.Fatal("the search typed during the build was not applied")
	}
}

// BenchmarkFirstReading reports, for a story's first reading, the longest
// Update call (max-update-ms), when the story shows (shown-ms) and when it
// is indexed (built-ms), while keys are pressed throughout.
func BenchmarkFirstReading(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			var longest, shown, built time.Duration
			for b.Loop() {
				l, s, bu := firstReading(b, n)
				longest, shown, built = max(longest, l), s, bu
			}
			b.ReportMetric(float64(longest.Microseconds())/1000, "max-update-ms")
			b.ReportMetric(float64(shown.Microseconds())/1000, "shown-ms")
			b.ReportMetric(float64(built.Microseconds())/1000, "built-ms")
		})
	}
}
