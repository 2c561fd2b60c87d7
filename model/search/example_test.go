package search_test

import (
	"context"
	"fmt"
	"time"

	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/search"
)

func Example() {
	t0 := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	snap := &model.Snapshot{Updates: []model.Update{
		{ID: "3", Headline: "Talks resume in Zürich", Body: model.TextBody("Union leaders meet the prime minister."), Published: t0.Add(2 * time.Hour)},
		{ID: "2", Headline: "Pickets at the café", Body: model.TextBody("Staff walk out for the morning."), Published: t0.Add(time.Hour)},
		{ID: "1", Headline: "Strike begins", Body: model.TextBody("The union says members voted to strike."), Published: t0},
	}}
	snap.Prepare()
	story := model.NewStory()
	ch := story.Merge(snap)

	// Index every new or edited update as merges report them.
	x := search.NewIndex()
	for _, u := range ch.New {
		x.Add(u)
	}

	q := search.Parse(`zurich "prime minister" -strike`)
	res := x.Search(context.Background(), q)
	fmt.Printf("%s: %d of %d\n", res.Query, res.Len(), story.Len())
	for _, u := range story.Updates() {
		if res.Has(u) {
			for _, h := range q.Highlights(u.Headline) {
				fmt.Printf("%s [%s]\n", u.Headline, u.Headline[h[0]:h[1]])
			}
		}
	}

	// One implementation for scripts too: Match checks a single update.
	fmt.Println(search.Parse("cafe").Match(story.ByID("2")))
	// Output:
	// zurich "prime minister" -strike: 1 of 3
	// Talks resume in Zürich [Zürich]
	// true
}
