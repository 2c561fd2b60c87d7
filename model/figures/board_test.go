package figures

import (
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

var day = time.Date(2016, 1, 12, 8, 0, 0, 0, time.UTC)

func post(id string, minutes int, blocks ...model.Block) model.Update {
	return model.Update{ID: id, Published: day.Add(time.Duration(minutes) * time.Minute), Body: model.Body{Blocks: blocks}}
}

func merge(s *model.Story, us ...model.Update) model.Changes {
	snap := model.Snapshot{Fetched: day.Add(48 * time.Hour), Updates: us}
	snap.Prepare()
	return s.Merge(&snap)
}

// groups renders the board's groups as "label unit: text@update, ..."
func groups(b *Board) []string {
	var out []string
	for _, g := range b.Groups() {
		var figs []string
		for _, f := range g.Figures {
			figs = append(figs, f.Text+"@"+f.UpdateID)
		}
		out = append(out, fmt.Sprintf("%s %s: %s", g.Label, g.Unit, strings.Join(figs, ", ")))
	}
	return out
}

func lines(b *Board) string {
	l, id := b.List()
	var s []string
	for _, x := range l {
		if x.UpdateID != id {
			return "line from another update"
		}
		s = append(s, x.Text)
	}
	return id + ": " + strings.Join(s, "; ")
}

func eq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot\n  %s\nwant\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestBoard(t *testing.T) {
	s := model.NewStory()
	b := NewBoard()

	first := post("first", 0,
		heading("In numbers"),
		bullet("About 26,000 junior doctors were on the rota"),
		bullet("39% of them turned up"),
		bullet("3,454 operations were postponed or cancelled"),
		bullet("ITV Report"))
	b.Apply(merge(s, first))
	eq(t, "after the first update", groups(b), []string{
		"junior doctors : About 26,000@first",
		"junior doctors %: 39%@first",
		"operations : 3,454@first",
	})
	if got := lines(b); got != "first: About 26,000 junior doctors were on the rota; 39% of them turned up; 3,454 operations were postponed or cancelled" {
		t.Errorf("list: %s", got)
	}

	second := post("second", 90, para("By the evening around 4,000 operations had been cancelled, and 44 per cent of junior doctors had worked."))
	third := post("third", 60, para("Trusts said more than half of junior doctors were out. Two further strikes are planned."))
	b.Apply(merge(s, second, third, first))
	eq(t, "after two more", groups(b), []string{
		"operations : around 4,000@second, 3,454@first", // groups led by one update: in text order
		"junior doctors %: 44 per cent@second, more than half@third, 39%@first",
		"strikes : Two@third",
		"junior doctors : About 26,000@first",
	})

	// an edit replaces what the update said
	second.Body = model.Body{Blocks: []model.Block{para("By the evening about 4,200 operations had been cancelled.")}}
	ch := merge(s, second, third, first)
	if len(ch.Edited) != 1 {
		t.Fatalf("edit not seen: %+v", ch)
	}
	b.Apply(ch)
	eq(t, "after an edit", groups(b), []string{
		"operations : about 4,200@second, 3,454@first",
		"junior doctors %: more than half@third, 39%@first",
		"strikes : Two@third",
		"junior doctors : About 26,000@first",
	})

	// a newer list wins; an older update arriving late lands in its place
	fourth := post("fourth", 120, para("Key figures:"), bullet("5,264 procedures cancelled"), bullet("43% of junior doctors at work"), para("More later."))
	early := post("early", -30, para("Up to 3,000 operations may be hit, officials warned."))
	b.Apply(merge(s, fourth, second, third, first, early))
	if got := lines(b); got != "fourth: 5,264 procedures cancelled; 43% of junior doctors at work" {
		t.Errorf("list: %s", got)
	}
	eq(t, "after a list and a late arrival", groups(b), []string{
		"procedures : 5,264@fourth",
		"junior doctors %: 43%@fourth, more than half@third, 39%@first",
		"operations : about 4,200@second, 3,454@first, Up to 3,000@early",
		"strikes : Two@third",
		"junior doctors : About 26,000@first",
	})

	// removed while the feed still covers its time: its figures and list go
	ch = merge(s, second, third, first, early)
	if len(ch.Removed) != 1 || ch.Removed[0].ID != "fourth" {
		t.Fatalf("removal not seen: %+v", ch.Removed)
	}
	b.Apply(ch)
	if got := lines(b); !strings.HasPrefix(got, "first: ") {
		t.Errorf("list after removal: %s", got)
	}
	eq(t, "after a removal", groups(b), []string{
		"operations : about 4,200@second, 3,454@first, Up to 3,000@early",
		"junior doctors %: more than half@third, 39%@first",
		"strikes : Two@third",
		"junior doctors : About 26,000@first",
	})
	if f := b.Groups()[0].Figures[0]; !f.Time.Equal(second.Published) || f.UpdateID != "second" {
		t.Errorf("newest figure = %+v", f)
	}

	// it comes back: read again
	b.Apply(merge(s, fourth, second, third, first, early))
	if got := lines(b); !strings.HasPrefix(got, "fourth: ") {
		t.Errorf("list after return: %s", got)
	}
	if g := b.Groups()[0]; g.Label != "procedures" {
		t.Errorf("first group after return: %+v", g)
	}
}

// Groups match what a board built in one go would show, however the updates
// arrive.
func TestBoardOrderIndependent(t *testing.T) {
	texts := []string{
		"3,454 operations were cancelled.", "Around 4,000 operations were cancelled.",
		"43% of junior doctors came in.", "44 per cent of junior doctors came in.",
		"5,264 procedures were cancelled, 2,077 inpatient and 3,187 day case procedures.",
		"More than half of junior doctors were out.", "About 10,000 junior doctors worked.",
	}
	var us []model.Update
	for i, tx := range texts {
		us = append(us, post(fmt.Sprint("u", i), i*10, para(tx)))
	}
	whole := NewBoard()
	s := model.NewStory()
	whole.Apply(merge(s, us...))
	want := groups(whole)

	one := NewBoard()
	s = model.NewStory()
	var seen []model.Update
	for _, i := range []int{3, 0, 6, 1, 5, 2, 4} {
		seen = append(seen, us[i]) // a feed showing what has come so far, in any order
		one.Apply(merge(s, seen...))
	}
	eq(t, "one at a time, out of order", groups(one), want)
}

// A whole story read in at once, removed updates left out, matches the
// board that followed it.
func TestBoardWholeStory(t *testing.T) {
	s := model.NewStory()
	b := NewBoard()
	a := post("a", 0, para("3,454 operations were cancelled."))
	c := post("c", 20, para("Around 4,000 operations were cancelled."))
	d := post("d", 30, para("43% of junior doctors came in."))
	b.Apply(merge(s, d, c, a))
	b.Apply(merge(s, d, a)) // c removed
	whole := NewBoard()
	whole.Apply(model.Changes{New: s.Updates()})
	eq(t, "whole story", groups(whole), groups(b))
	eq(t, "following", groups(b), []string{"junior doctors %: 43%@d", "operations : 3,454@a"})
}

// A story read page by page, newest page first as a poller follows "next"
// links, ends up as if read at once; so does one read oldest page first.
func TestBoardPages(t *testing.T) {
	ch := benchStory(300)
	whole := NewBoard()
	whole.Apply(ch)
	want := groups(whole)
	for _, name := range []string{"newest page first", "oldest page first"} {
		b := NewBoard()
		for p := 0; p < 6; p++ {
			q := p
			if name == "oldest page first" {
				q = 5 - p
			}
			b.Apply(model.Changes{New: ch.New[q*50 : q*50+50]})
		}
		eq(t, name, groups(b), want)
		if l, id := b.List(); len(l) == 0 || id != "u287" {
			t.Errorf("%s: list from %s", name, id)
		}
	}
}

// Whatever a story goes through (updates arriving, edited, vanishing and
// coming back, in any order), the board that followed it matches one built
// from the story at the end of each step.
func TestBoardFollowsStory(t *testing.T) {
	phrases := []string{
		"3,454 operations were cancelled.", "Around 4,000 operations were cancelled.", "43% of junior doctors came in.",
		"More than half of junior doctors were out.", "Two further strikes are planned.", "5,264 procedures were cancelled.",
		"About 10,000 junior doctors worked.", "Talks resume on Thursday.", "In numbers\n- 26,000 junior doctors rostered\n- 39% came in",
		"71% of staff were at work, and 1,140 inpatient procedures were put off.",
	}
	r := rng(7)
	s := model.NewStory()
	b := NewBoard()
	texts := map[int]string{}
	for step := 0; step < 500; step++ {
		var us []model.Update
		for id := 11; id >= 0; id-- { // newest first
			if r.n(4) == 0 {
				continue // missing from this reading
			}
			if _, ok := texts[id]; !ok || r.n(6) == 0 {
				texts[id] = phrases[r.n(len(phrases))] + " " + phrases[r.n(len(phrases))]
			}
			u := post(fmt.Sprint("id", id), id*5, para(texts[id]))
			if id%4 == 0 {
				u.Published = time.Time{} // undated: placed by the feed's order
			}
			us = append(us, u)
		}
		b.Apply(merge(s, us...))
		fresh := NewBoard()
		fresh.Apply(model.Changes{New: s.Updates()})
		eq(t, fmt.Sprint("step ", step), groups(b), groups(fresh))
		if lb, _ := b.List(); lines(b) != lines(fresh) || len(lb) != len(func() []Line { l, _ := fresh.List(); return l }()) {
			t.Errorf("step %d: list %q, fresh %q", step, lines(b), lines(fresh))
		}
		if t.Failed() {
			return
		}
	}
}

// TestBoardReadOnSeveralCoresAsOnOne: a large first reading, whose figures
// are read over the cores, fills the board exactly as one core does.
func TestBoardReadOnSeveralCoresAsOnOne(t *testing.T) {
	ch := benchStory(2500)
	files, _ := filepath.Glob(filepath.Join("testdata", "eval", "*.txt"))
	at := day.Add(-time.Hour)
	for _, path := range files {
		st, err := readEvalStory(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range st.updates {
			u.ID = path + "#" + u.ID
			u.Published = at
			at = at.Add(-time.Minute)
			ch.New = append(ch.New, &u)
		}
	}
	build := func(cores int) *Board {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
		b := NewBoard()
		b.Apply(ch)
		return b
	}
	one, several := build(1), build(4)
	if !reflect.DeepEqual(one.Groups(), several.Groups()) {
		t.Error("the groups differ")
	}
	l1, id1 := one.List()
	l2, id2 := several.List()
	if !reflect.DeepEqual(l1, l2) || id1 != id2 {
		t.Errorf("the list differs: %v from %s, %v from %s", l1, id1, l2, id2)
	}
	if !reflect.DeepEqual(one.Section(), several.Section()) {
		t.Error("the In numbers section differs")
	}
	if len(one.Groups()) < 20 {
		t.Errorf("only %d groups: the story reads too few figures to compare", len(one.Groups()))
	}
}
