package tui

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
)

// bigSnapshot is a snapshot of n updates, newest first.
func bigSnapshot(n int) *model.Snapshot {
	s := &model.Snapshot{Title: "Junior doctors' strike: live"}
	s.Updates = make([]model.Update, 0, n+1)
	s.Updates = append(s.Updates, numbersUpdate())
	for i := range n {
		u := strikeUpdate(i)
		u.Published = base.Add(-time.Duration(i) * time.Minute)
		s.Updates = append(s.Updates, u)
	}
	s.Prepare()
	return s
}

func benchmarkView(b *testing.B, n int) {
	m, _ := newTestModel(b, 200, 60)
	m.syncLimit = n + 1 // take the story in at once, to time frames of it
	send(m, bigSnapshot(n))
	if m.reader.Story().Len() != n+1 {
		b.Fatalf("the story holds %d updates", m.reader.Story().Len())
	}
	runtime.GC() // leave the garbage of building the story out of the frames
	b.ResetTimer()
	for b.Loop() {
		// Read down the story as a reader does, one update per key, so
		// the detail pane changes every frame and the timeline scrolls;
		// at the end, back to the top.
		if m.reader.Cursor() == len(m.reader.Items())-1 {
			press(m, "g")
		} else {
			press(m, "j")
		}
		_ = m.View()
	}
}

// BenchmarkView100 renders a 200x60 frame of a 100-update story.
func BenchmarkView100(b *testing.B) { benchmarkView(b, 100) }

// BenchmarkView100k renders the same frame of a 100,000-update story.
func BenchmarkView100k(b *testing.B) { benchmarkView(b, 100_000) }

// BenchmarkNewUpdate: one update arrives in a 10,000-update story (in a
// feed window of 50) and the frame is redrawn.
func BenchmarkNewUpdate(b *testing.B) {
	m, _ := newTestModel(b, 200, 60)
	m.syncLimit = 10_001 // take the story in at once
	send(m, bigSnapshot(10_000))
	if m.reader.Story().Len() != 10_001 {
		b.Fatalf("the story holds %d updates", m.reader.Story().Len())
	}
	next := 0
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		next++
		win := newsWindow(next)
		b.StartTimer()
		send(m, win)
		_ = m.View()
	}
}

// deckOf is a reader of n stories of size updates each, the first shown.
func deckOf(b *testing.B, n, size int) *Model {
	opts := Options{Now: func() time.Time { return base }, Location: time.UTC, Dark: true}
	for i := range n {
		opts.Stories = append(opts.Stories, StoryOptions{Source: &fakeSource{}, Name: fmt.Sprintf("story %d", i+1)})
	}
	m := New(opts)
	m.syncLimit = size + 1 // take each story in at once, as tests do
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	for _, s := range m.stories {
		m.Update(eventMsg{s: s, ev: feed.Event{Snapshot: bigSnapshot(size), Status: feed.Status{State: feed.Live}}})
	}
	runtime.GC()
	return m
}

// readDown reads down the story shown, one update per key, as a frame.
func readDown(b *testing.B, m *Model) {
	b.ResetTimer()
	for b.Loop() {
		if m.reader.Cursor() == len(m.reader.Items())-1 {
			press(m, "g")
		} else {
			press(m, "j")
		}
		_ = m.View()
	}
}

// BenchmarkDeckView1 and BenchmarkDeckView10 draw a 200x60 frame per key
// for one story of 1,000 updates, and for the first of ten such stories:
// the deck costs the tabs, not the stories hidden.
func BenchmarkDeckView1(b *testing.B)  { readDown(b, deckOf(b, 1, 1000)) }
func BenchmarkDeckView10(b *testing.B) { readDown(b, deckOf(b, 10, 1000)) }

// BenchmarkDeckNewUpdate: one update arrives in a story hidden behind the
// one shown, in a deck of ten stories of 1,000 updates, and the frame is
// drawn again.
func BenchmarkDeckNewUpdate(b *testing.B) {
	m := deckOf(b, 10, 1000)
	s := m.stories[5]
	next := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		next++
		win := newsWindow(next)
		b.StartTimer()
		m.Update(eventMsg{s: s, ev: feed.Event{Snapshot: win, Status: feed.Status{State: feed.Live}}})
		_ = m.View()
	}
}

// newsWindow is a feed's window of 50 updates in which the next-th new
// update has just arrived.
func newsWindow(next int) *model.Snapshot {
	win := &model.Snapshot{Title: "Junior doctors' strike: live"}
	nu := strikeUpdate(100_000 + next)
	nu.Published = base.Add(time.Duration(next) * time.Second)
	win.Updates = append(win.Updates, nu)
	for i := range 49 {
		u := strikeUpdate(i)
		u.Published = base.Add(-time.Duration(i) * time.Minute)
		win.Updates = append(win.Updates, u)
	}
	win.Prepare()
	return win
}

// BenchmarkDeckMemory reports the heap a deck of 1, 5 and 10 stories of
// 1,000 updates each holds once read and indexed (MB, and MB per story):
// memory grows with the stories, story by story.
func BenchmarkDeckMemory(b *testing.B) {
	for _, n := range []int{1, 5, 10} {
		b.Run(fmt.Sprintf("%dstories", n), func(b *testing.B) {
			var heap float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				m := deckOf(b, n, 1000)
				if m.stories[n-1].reader.Story().Len() == 0 {
					b.Fatal("the stories were not read")
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				heap = float64(after.HeapAlloc-before.HeapAlloc) / 1e6
				runtime.KeepAlive(m)
			}
			b.ReportMetric(heap, "MB")
			b.ReportMetric(heap/float64(n), "MB/story")
		})
	}
}
