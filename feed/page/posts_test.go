package page

import (
	"strings"
	"testing"
	"time"
)

// TestWeakStructuredData: updates whose headlines or times say nothing take
// them from their elements on the page, by fragment, by id or by order;
// failing that, headlines come from the text.
func TestWeakStructuredData(t *testing.T) {
	res, err := extract(t, "sameheadline.html", fixtureBase(t, "sameheadline.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Speech ends: fuel duty frozen", "Childcare pledge confirmed", "Good morning and welcome to our coverage of budget day, which starts at half past twelve."}
	if got := headlines(res.Snapshot); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headlines %q", got)
	}
	if at := res.Snapshot.Updates[1].Published; !at.Equal(time.Date(2026, 3, 4, 13, 2, 0, 0, time.UTC)) {
		t.Errorf("time %v, want the element's", at)
	}
	if res.Snapshot.FromLayout {
		t.Error("structured data matched with the page's elements is still structured data")
	}

	res, err = extract(t, "generic_order.html", fixtureBase(t, "generic_order.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got := headlines(res.Snapshot); got[0] != "Siegerin im Ziel" || !strings.HasPrefix(got[1], "An der Halbmarathonmarke") || got[2] != "Start!" {
		t.Errorf("headlines by order: %q", got)
	}

	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"the blog's headline and no elements", `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Vote","liveBlogUpdate":[
{"headline":"Vote","articleBody":"Polls open at seven."},{"headline":"Vote","articleBody":"Queues at the town hall."}]}</script>`,
			[]string{"Polls open at seven.", "Queues at the town hall."}},
		{"a generic word", `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Vote","liveBlogUpdate":[
{"headline":"Update","articleBody":"Polls open at seven.","datePublished":"2026-05-07T07:00:00Z"}]}</script>`,
			[]string{"Polls open at seven."}},
		{"good headlines stay", `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Vote","liveBlogUpdate":[
{"headline":"Polls open","articleBody":"At seven.","datePublished":"2026-05-07T07:00:00Z"},{"headline":"Queues","articleBody":"At the town hall.","datePublished":"2026-05-07T08:00:00Z"}]}</script>
<article id="post-1"><h2>Something else</h2><time datetime="2026-05-07T09:00:00Z">9</time></article><article id="post-2"><h2>And else</h2></article>`,
			[]string{"Polls open", "Queues"}},
	} {
		res, err := Extract([]byte(tc.page), nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Snapshot.Prepare()
		if got := headlines(res.Snapshot); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
