package page

import (
	"strings"
	"testing"
	"time"
)

// TestUpdatesElsewhere: updates under blogPost, in a second script, or as
// BlogPosting nodes standing beside an empty blog are all read; a
// NewsArticle beside the blog is not.
func TestUpdatesElsewhere(t *testing.T) {
	res, err := extract(t, "two_blocks.html", fixtureBase(t, "two_blocks.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s.Title != "Council count: live results" || s.CoverageStart.IsZero() || len(s.Updates) != 2 {
		t.Fatalf("%q, coverage %v, %q", s.Title, s.CoverageStart, headlines(s))
	}
	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"blogPost", `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Count","blogPost":[{"headline":"A","articleBody":"a"},{"headline":"B","articleBody":"b"}]}</script>`,
			[]string{"A", "B"}},
		{"the same blog in two scripts", `<script type="application/ld+json">{"@type":"LiveBlogPosting","url":"https://g.example/live","headline":"Count"}</script>
<script type="application/ld+json">{"@type":"LiveBlogPosting","url":"https://g.example/live","liveBlogUpdate":{"headline":"A","articleBody":"a"}}</script>`,
			[]string{"A"}},
		{"posts beside an empty blog", `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Count"}</script>
<script type="application/ld+json">[{"@type":"NewsArticle","headline":"Explainer","articleBody":"x"},{"@type":"BlogPosting","headline":"A","articleBody":"a"},{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"BlogPosting","headline":"B","articleBody":"b"}}]}]</script>`,
			[]string{"A", "B"}},
	} {
		res, err := Extract([]byte(tc.page), nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Snapshot.Prepare()
		if got := headlines(res.Snapshot); strings.Join(got, "|") != strings.Join(tc.want, "|") || res.Snapshot.Title != "Count" {
			t.Errorf("%s: %q %q, want %q", tc.name, res.Snapshot.Title, got, tc.want)
		}
	}
}

// TestCoverageAboutToStart: a live blog with no updates yet is a story
// with none, and its start time.
func TestCoverageAboutToStart(t *testing.T) {
	page := `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Launch day: live","coverageStartTime":"2026-06-01T09:00:00Z"}</script><h1>Launch day: live</h1><p>Coverage starts at nine.</p>`
	res, err := Extract([]byte(page), mustURL(t, "https://x.example/live/launch"))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s == nil || len(s.Updates) != 0 || s.FromLayout || !s.CoverageStart.Equal(time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("%+v", s)
	}
}
