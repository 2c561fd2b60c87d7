package tui

import (
	"runtime"
	"testing"
	"time"

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
	send(m, bigSnapshot(n))
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
	send(m, bigSnapshot(10_000))
	next := 0
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		next++
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
		b.StartTimer()
		send(m, win)
		_ = m.View()
	}
}
