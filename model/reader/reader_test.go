package reader

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/search"
)

var base = time.Date(2016, 1, 12, 17, 0, 0, 0, time.UTC)

// snapshot holds updates u<from> to u<to-1>, newest first; every third is
// a key event and every fifth mentions the union.
func snapshot(from, to int) *model.Snapshot {
	s := &model.Snapshot{Title: "Strike: live"}
	for i := from; i < to; i++ {
		text := fmt.Sprintf("Update %d from the picket line.", i)
		if i%5 == 0 {
			text = fmt.Sprintf("Update %d: the union answers.", i)
		}
		u := model.Update{ID: fmt.Sprintf("u%03d", i), Headline: fmt.Sprintf("Headline %d", i),
			Body: model.TextBody(text), Published: base.Add(-time.Duration(i) * time.Minute)}
		if i%3 == 0 {
			u.Categories = []string{"Key event"}
		}
		s.Updates = append(s.Updates, u)
	}
	s.Prepare()
	return s
}

func ids(us []*model.Update) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	return out
}

const rows = 10

func TestFirstReadingIsReadAndSelectsTheNewest(t *testing.T) {
	r := New()
	res := r.Apply(snapshot(3, 20), false, rows, true)
	if !res.First || r.Unread() != 0 || !r.Loaded() || !r.Built() {
		t.Fatalf("first reading: first %v, unread %d, loaded %v, built %v", res.First, r.Unread(), r.Loaded(), r.Built())
	}
	if r.Selected().ID != "u003" || r.NewCount() != 0 {
		t.Fatalf("selected %s, badge %d", r.Selected().ID, r.NewCount())
	}
}

func TestNewsNeverMovesAReaderOfAnOlderUpdate(t *testing.T) {
	for _, oldestFirst := range []bool{false, true} {
		r := New()
		r.Apply(snapshot(2, 40), false, rows, true)
		if oldestFirst {
			r.ToggleOrder(rows)
		}
		r.Select(15, rows)
		sel, top := r.Selected().ID, r.Offset()
		topID := r.Items()[top].ID
		res := r.Apply(snapshot(0, 40), false, rows, true)
		if r.Selected().ID != sel || r.Items()[r.Offset()].ID != topID || res.Moved {
			t.Fatalf("oldestFirst=%v: moved from %s (top %s) to %s (top %s)", oldestFirst, sel, topID, r.Selected().ID, r.Items()[r.Offset()].ID)
		}
		if r.NewCount() != 2 || r.Unread() != 2 {
			t.Fatalf("badge %d, unread %d; want 2 and 2", r.NewCount(), r.Unread())
		}
		r.SelectNewest(rows)
		if r.Selected().ID != "u000" || r.NewCount() != 0 {
			t.Fatalf("newest: %s, badge %d", r.Selected().ID, r.NewCount())
		}
	}
}

func TestFollowOnlyFromTheNewestAndOnlyWhenAllowed(t *testing.T) {
	r := New()
	r.Apply(snapshot(3, 20), false, rows, true)
	if res := r.Apply(snapshot(2, 20), false, rows, false); res.Moved || r.Selected().ID != "u003" || r.NewCount() != 1 {
		t.Fatalf("not following, yet moved to %s (badge %d)", r.Selected().ID, r.NewCount())
	}
	r.SelectNewest(rows)
	if res := r.Apply(snapshot(1, 20), false, rows, true); !res.Moved || r.Selected().ID != "u001" || r.NewCount() != 0 {
		t.Fatalf("following: selected %s, badge %d", r.Selected().ID, r.NewCount())
	}
}

func TestEditsKeepTheSelection(t *testing.T) {
	r := New()
	r.Apply(snapshot(0, 10), false, rows, true)
	r.Select(4, rows)
	snap := snapshot(0, 10)
	snap.Updates[4].Body = model.TextBody("Corrected text.")
	snap.Prepare()
	res := r.Apply(snap, false, rows, true)
	if len(res.Changes.Edited) != 1 || r.Selected().ID != "u004" || r.Selected().Text != "Corrected text." {
		t.Fatalf("edit: %d edited, selected %s %q", len(res.Changes.Edited), r.Selected().ID, r.Selected().Text)
	}
}

func TestFiltersStarsAndMarks(t *testing.T) {
	r := New()
	r.Apply(snapshot(0, 12), false, rows, true)
	r.ToggleStar("u001", rows)
	r.ToggleKeyOnly(rows)
	if got := ids(r.Items()); !slices.Equal(got, []string{"u000", "u001", "u003", "u006", "u009"}) {
		t.Fatalf("key events and stars: %v", got)
	}
	r.ToggleKeyOnly(rows)
	if len(r.Items()) != 12 {
		t.Fatalf("all: %d", len(r.Items()))
	}
	read, starred := r.Marks()
	if len(read) != 12 || !slices.Equal(starred, []string{"u001"}) {
		t.Fatalf("marks: %d read, starred %v", len(read), starred)
	}
	r.Apply(snapshot(0, 12), false, rows, true)
	if r.MarkRead("nope") || r.MarkRead("u000") {
		t.Fatal("marking an unknown or read update changed something")
	}
}

func TestSearchFiltersAndKeepsNewMatches(t *testing.T) {
	r := New()
	r.Apply(snapshot(1, 30), false, rows, true)
	q := search.Parse("union")
	r.SetQuery(q, rows)
	stale := r.Index().Search(context.Background(), search.Parse("picket"))
	if r.SetResult(stale, rows) {
		t.Fatal("a result for another query was taken")
	}
	if !r.SetResult(r.Index().Search(context.Background(), q), rows) {
		t.Fatal("the result was refused")
	}
	if got := ids(r.Items()); !slices.Equal(got, []string{"u005", "u010", "u015", "u020", "u025"}) {
		t.Fatalf("search: %v", got)
	}
	r.Apply(snapshot(0, 30), false, rows, true) // u000 matches
	if got := ids(r.Items()); got[0] != "u000" || len(got) != 6 {
		t.Fatalf("a new match was not kept: %v", got)
	}
	if !r.SelectID("u001", rows) || r.Searching() || r.Selected().ID != "u001" {
		t.Fatal("selecting an update the search hides did not clear the search")
	}
}

func TestPreparedOffTheLoopMatchesApply(t *testing.T) {
	direct := New()
	direct.Apply(snapshot(0, 50), false, rows, true)

	r := New()
	p := Prepare(snapshot(0, 50), false)
	res := r.Install(p, rows)
	if !res.First || r.Built() || len(r.Items()) != 50 || r.Selected().ID != "u000" {
		t.Fatalf("installed: first %v, built %v, %d items", res.First, r.Built(), len(r.Items()))
	}
	old := Build(model.NewStory())
	if r.SetBuilt(old) {
		t.Fatal("an index built for another story was taken")
	}
	if !r.SetBuilt(Build(r.Story())) || !r.Built() {
		t.Fatal("the story's own index was refused")
	}
	if r.Unread() != direct.Unread() || r.Board().Len() != direct.Board().Len() || r.Index().Len() != direct.Index().Len() {
		t.Fatalf("prepared reader differs: unread %d/%d, board %d/%d", r.Unread(), direct.Unread(), r.Board().Len(), direct.Board().Len())
	}
}

func TestReplaceKeepsMarksAndPlace(t *testing.T) {
	r := New()
	r.Apply(snapshot(0, 20), false, rows, true)
	r.ToggleStar("u007", rows)
	r.Select(7, rows)
	r.Apply(snapshot(5, 20), true, rows, true) // a replay seeks back
	if r.Selected().ID != "u007" || !r.IsStarred("u007") || r.Unread() != 0 {
		t.Fatalf("replace: selected %s, starred %v, unread %d", r.Selected().ID, r.IsStarred("u007"), r.Unread())
	}
}

func TestRestoreShowsAtOnce(t *testing.T) {
	story := model.NewStory()
	story.Merge(snapshot(0, 10))
	r := Restore(story, []string{"u001", "u002"}, []string{"u003"})
	if !r.Loaded() || r.Built() || r.Unread() != 8 || !r.IsStarred("u003") || len(r.Items()) != 10 {
		t.Fatalf("restored: loaded %v, built %v, unread %d", r.Loaded(), r.Built(), r.Unread())
	}
}

func TestRestoredPlaceCountsTheUnreadAboveIt(t *testing.T) {
	story := model.NewStory()
	story.Merge(snapshot(0, 10))
	var read []string
	for i := 3; i < 10; i++ {
		read = append(read, fmt.Sprintf("u%03d", i))
	}
	r := Restore(story, read, nil)
	r.SetPlace(Place{Selected: "u005"}, rows)
	if r.Selected().ID != "u005" || r.NewCount() != 3 {
		t.Fatalf("restored on %s with badge %d; want u005 and the 3 unread above it", r.Selected().ID, r.NewCount())
	}
}

// TestRestoredPlaceKeepsTheTimelineRow: reopened, the timeline shows the
// same top row as when the person left, with what arrived since above it;
// a top row that has gone, or that would hide the selection, falls back to
// the selection a third of the way down.
func TestRestoredPlaceKeepsTheTimelineRow(t *testing.T) {
	story := model.NewStory()
	story.Merge(snapshot(0, 40))
	r := Restore(story, nil, nil)
	r.SetPlace(Place{Selected: "u020"}, rows)
	for r.Selected().ID != "u026" {
		r.Move(1, rows)
	}
	p := r.Place()
	if p.Top == "" || p.Top == p.Selected {
		t.Fatalf("place %+v: no top row kept", p)
	}

	reopened := model.NewStory()
	reopened.Merge(snapshot(0, 40))
	reopened.Merge(snapshot(-5, 40)) // five arrived while away
	for _, tc := range []struct {
		name, top string
		wantTop   string
	}{
		{"same top row", p.Top, p.Top},
		{"top row gone", "u999", "u023"},
		{"selection below the rows shown", "u010", "u023"},
	} {
		r := Restore(reopened, nil, nil)
		q := p
		q.Top = tc.top
		r.SetPlace(q, rows)
		if got := r.Place(); got.Selected != "u026" || got.Top != tc.wantTop {
			t.Errorf("%s: selected %s, top %s; want u026 under %s", tc.name, got.Selected, got.Top, tc.wantTop)
		}
	}
}
