package search

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// keystrokes returns what the search line holds after each key of a reader's
// session: a two-word query typed letter by letter, a backspace, a phrase,
// an exclusion, then, after clearing the line, a word that occurs nowhere.
func keystrokes() []string {
	var out []string
	line := ""
	typ := func(s string) {
		for _, r := range s {
			line += string(r)
			out = append(out, line)
		}
	}
	typ("strike minister")
	line = line[:len(line)-1]
	out = append(out, line)
	typ(`r "prime minister"`)
	typ(" -union")
	line = ""
	out = append(out, line)
	typ("quixotic")
	return out
}

var (
	bench100kHeap  uint64        // heap the index holds, measured
	bench100kBuild time.Duration // time to index the story
	bench100k      = sync.OnceValues(func() ([]*model.Update, *Index) {
		us := genStory(100_000, 4000, 1)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		x := NewIndex()
		for _, u := range us {
			x.Add(u)
		}
		bench100kBuild = time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		bench100kHeap = after.HeapAlloc - before.HeapAlloc
		return us, x
	})
)

func BenchmarkSearch100k(b *testing.B) {
	us, x := bench100k()
	_ = us
	script := keystrokes()
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, line := range script {
			start := time.Now()
			res := x.Search(ctx, Parse(line))
			lat = append(lat, time.Since(start))
			if res.Err != nil {
				b.Fatal(res.Err)
			}
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms/key")
	b.ReportMetric(pct(0.99), "p99-ms/key")
	b.ReportMetric(float64(bench100kHeap)/(1<<20), "index-MB")
	b.ReportMetric(bench100kBuild.Seconds(), "build-s")
	b.ReportMetric(float64(len(script)), "keys/op")
}

// BenchmarkScan100k is the baseline the index beats: the keystroke script
// answered by comparing every pre-folded text on one goroutine.
func BenchmarkScan100k(b *testing.B) {
	_, x := bench100k()
	script := keystrokes()
	for b.Loop() {
		for _, line := range script {
			q := Parse(line)
			for _, d := range x.docs {
				matchText(q, d.text)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(script)), "mean-ms/key")
}

// BenchmarkIndex100k measures building the index of the 100k story.
func BenchmarkIndex100k(b *testing.B) {
	us, _ := bench100k()
	for b.Loop() {
		x := NewIndex()
		for _, u := range us {
			x.Add(u)
		}
	}
	runtime.GC()
}

// BenchmarkHighlights measures highlighting one update's text, as the
// detail pane does on every search change.
func BenchmarkHighlights(b *testing.B) {
	us := genStory(200, 4000, 2)
	q := Parse(`strike "prime minister" zurich -union`)
	for b.Loop() {
		for _, u := range us {
			q.Highlights(u.Headline)
			q.Highlights(u.Text)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(us)), "µs/update")
}

// BenchmarkFold measures folding an update's fields, as indexing does.
func BenchmarkFold(b *testing.B) {
	us := genStory(200, 4000, 2)
	var buf []byte
	for b.Loop() {
		for _, u := range us {
			buf = foldUpdate(buf[:0], u)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(us)), "µs/update")
}
