package parse

import (
	"bytes"
	"sync"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/liveline-tui/liveline/feed/internal/gen"
	"github.com/liveline-tui/liveline/model"
)

// feed10k is a generated 10,000-update live blog (about 11 MB of RSS).
var feed10k = sync.OnceValue(func() []byte { return gen.Feed(10000, 0) })

// BenchmarkIngest10k is the whole ingest path of one poll: repair, parse,
// normalise (sanitise, HTML to structured text, Prepare) and a merge into a
// new story.
func BenchmarkIngest10k(b *testing.B) {
	body := feed10k()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Parse(body, "application/rss+xml", base)
		if err != nil {
			b.Fatal(err)
		}
		if ch := model.NewStory().Merge(&r.Snapshot); len(ch.New) != 10000 {
			b.Fatalf("%d new updates", len(ch.New))
		}
	}
}

// BenchmarkGofeedParse10k is the bare gofeed parse of the same bytes with
// default options, the yardstick for BenchmarkIngest10k.
func BenchmarkGofeedParse10k(b *testing.B) {
	body := feed10k()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
		if err != nil || len(f.Items) != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkMergeUnchanged10k merges a snapshot identical to what the story
// already holds: the cost of a poll that found nothing new.
func BenchmarkMergeUnchanged10k(b *testing.B) {
	r, err := Parse(feed10k(), "application/rss+xml", base)
	if err != nil {
		b.Fatal(err)
	}
	st := model.NewStory()
	st.Merge(&r.Snapshot)
	b.ReportAllocs()
	for b.Loop() {
		if ch := st.Merge(&r.Snapshot); !ch.Empty() {
			b.Fatal("changes on an identical snapshot")
		}
	}
}

// BenchmarkMergeFirst10k is a story's first reading of 10,000 updates:
// each is copied into the story, its text packed together.
func BenchmarkMergeFirst10k(b *testing.B) {
	r, err := Parse(feed10k(), "application/rss+xml", base)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		model.NewStory().Merge(&r.Snapshot)
	}
}
