package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/tui/notify"
)

func TestStarsShowWithKeyEvents(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(0, 10))
	press(m, "j") // u001, not a key event
	press(m, "s")
	if !m.reader.IsStarred("u001") {
		t.Fatal("s did not star the update")
	}
	press(m, "K")
	ids := map[string]bool{}
	for _, u := range m.reader.Items() {
		ids[u.ID] = true
	}
	if !ids["u001"] || !ids["u002"] || ids["u000"] {
		t.Fatalf("K shows %v, want key events and the starred update", ids)
	}
	if !strings.Contains(screen(m), "★") {
		t.Fatal("star not marked in the timeline")
	}
	if got := m.State().Starred; len(got) != 1 || got[0] != "u001" {
		t.Fatalf("saved stars %v", got)
	}
}

func TestDiffShowsWhatAnEditChanged(t *testing.T) {
	m, _ := newTestModel(t, 160, 40)
	send(m, snapshotOf(0, 3))
	snap := snapshotOf(0, 3)
	snap.Updates[0].Body = model.TextBody("Junior doctors in England stopped all routine work at 8am, and trusts say cover is holding in most emergency departments. (Post I.)")
	snap.Prepare()
	send(m, snap)
	if !strings.Contains(screen(m), "d shows what changed") {
		t.Fatalf("edited update does not offer d:\n%s", screen(m))
	}
	press(m, "d")
	s := screen(m)
	if !strings.Contains(s, "Before the edit") || !strings.Contains(s, "non-emergency") || !strings.Contains(s, "all routine") {
		t.Fatalf("diff view missing the two versions:\n%s", s)
	}
	// The changed words carry a mark of their own in the styled frame.
	if styled := m.View().Content; !strings.Contains(styled, "\x1b[9") && !strings.Contains(styled, ";9m") && !strings.Contains(styled, ";9;") {
		t.Fatal("removed words are not struck through")
	}
	press(m, "d")
	if strings.Contains(screen(m), "Before the edit") {
		t.Fatal("d did not close the diff")
	}
	press(m, "j", "d")
	if !strings.Contains(screen(m), "has not been edited") {
		t.Fatal("d on an unedited update says nothing")
	}
}

func TestLinksListOpensAndCopies(t *testing.T) {
	var opened []string
	m, _ := newTestModel(t, 120, 40)
	m.opts.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	snap := snapshotOf(0, 3)
	snap.Updates[0].Body = model.Body{
		Blocks: []model.Block{{Kind: model.Paragraph, Spans: []model.Span{
			{Text: "The union's statement"}, {Text: "is here", Style: model.LinkText, Ref: 1}, {Text: " and the trusts' figures"},
			{Text: "are here", Style: model.LinkText, Ref: 2}}}},
		Links: []string{"https://union.example/statement", "mailto:press@trusts.example"},
	}
	snap.Prepare()
	send(m, snap)
	press(m, "l")
	s := screen(m)
	for _, want := range []string{"[1] https://union.example/statement", "[2] mailto:press@trusts.example", "[3] link: https://news.example/strike#u000"} {
		if !strings.Contains(s, want) {
			t.Fatalf("links list lacks %q:\n%s", want, s)
		}
	}
	_, cmd := m.Update(tea.KeyPressMsg{Code: '1', Text: "1"})
	if cmd == nil {
		t.Fatal("1 did not open the first link")
	}
	cmd()
	if len(opened) != 1 || opened[0] != "https://union.example/statement" {
		t.Fatalf("opened %v", opened)
	}
	m.Update(tea.KeyPressMsg{Code: '2', Text: "2"})
	if !strings.Contains(screen(m), "only http and https") {
		t.Fatal("a mailto link was not refused")
	}
	press(m, "j")
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if cmd == nil || !strings.Contains(screen(m), "copied https://news.example/strike#u000") {
		t.Fatalf("y did not copy the selected link:\n%s", screen(m))
	}
	press(m, "esc")
	if m.mode == modeLinks {
		t.Fatal("esc did not close the links list")
	}
}

func TestNotifiesOncePerPollWithNewUpdates(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	m.opts.Notify = notify.All
	if cmd := send(m, snapshotOf(3, 10)); containsRaw(cmd) {
		t.Fatal("the first snapshot notified")
	}
	if cmd := send(m, snapshotOf(1, 10)); !containsRaw(cmd) {
		t.Fatal("a poll with two new updates did not notify")
	}
	_, cmd := m.Update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(0, 10), Quiet: true}})
	if containsRaw(cmd) {
		t.Fatal("a quiet source notified")
	}
}

// containsRaw runs the non-blocking commands of cmd and reports whether one
// writes a raw sequence to the terminal.
func containsRaw(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			if c == nil {
				continue
			}
			if _, ok := peekRaw(c); ok {
				return true
			}
		}
		return false
	}
	_, ok := msg.(tea.RawMsg)
	return ok
}

// peekRaw runs c and reports a raw-sequence message; commands that do not
// answer at once (timers) are left running.
func peekRaw(c tea.Cmd) (tea.RawMsg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		r, ok := msg.(tea.RawMsg)
		return r, ok
	case <-time.After(50 * time.Millisecond):
		return tea.RawMsg{}, false
	}
}

func TestRestoredStateShowsAtOnceAndCountsOnlyNewAsUnread(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(3, 10))
	press(m, "j", "s")
	saved := m.State()

	r, _ := newTestModel(t, 120, 40)
	r = New(Options{Stories: []StoryOptions{{Source: &fakeSource{}, Restore: &saved}}, Now: r.opts.Now, Location: r.opts.Location})
	r.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if r.reader.Story().Len() != 7 || selectedID(r) != "u004" || !strings.Contains(screen(r), "Turnout at work lower than on a normal Tuesday (4)") {
		t.Fatalf("restored story not shown:\n%s", screen(r))
	}
	if r.reader.Unread() != 0 || !r.reader.IsStarred(saved.Starred[0]) {
		t.Fatalf("restored marks lost: unread %d, stars %v", r.reader.Unread(), saved.Starred)
	}
	send(r, snapshotOf(1, 10))
	if r.reader.Unread() != 2 {
		t.Fatalf("after restore, new updates unread = %d, want 2", r.reader.Unread())
	}
}

// TestReopeningPutsThePersonBack: the selected update, the detail pane's
// scroll, the order, the key-events filter and the panel come back; what
// arrived meanwhile is unread and in the badge, and does not move them.
func TestReopeningPutsThePersonBack(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		m, _ := newTestModel(t, size[0], size[1])
		first := snapshotOf(3, 30)
		first.Updates[5].Body = model.TextBody(strings.Repeat("The picket line grew through the morning. ", 300))
		first.Prepare()
		send(m, first)
		press(m, "o", "K", "i") // oldest first, key events only, panel toggled
		var want string
		for i, u := range m.reader.Items() {
			if u.ID == "u008" {
				m.reader.Select(i, m.rows())
				want = u.ID
			}
		}
		press(m, "enter", "j", "j", "j")
		panel, detail := m.lay.numbers.h > 0, m.detail.offset
		if want == "" || detail != 3 {
			t.Fatalf("%v: set-up failed: detail %d", size, detail)
		}
		saved := m.State()

		r := New(Options{Stories: []StoryOptions{{Source: &fakeSource{}, Restore: &saved}}, Now: m.opts.Now, Location: time.UTC})
		r.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if selectedID(r) != want || r.detail.offset != detail || !r.reader.OldestFirst() || !r.reader.KeyOnly() || (r.lay.numbers.h > 0) != panel {
			t.Fatalf("%v: reopened on %s, detail %d, oldest first %v, key only %v, panel %v", size,
				selectedID(r), r.detail.offset, r.reader.OldestFirst(), r.reader.KeyOnly(), r.lay.numbers.h > 0)
		}
		later(r, time.Minute)
		send(r, snapshotOf(0, 30))
		if selectedID(r) != want || r.reader.Unread() != 3 || r.reader.NewCount() != 3 {
			t.Fatalf("%v: after the news: on %s, %d unread, badge %d", size, selectedID(r), r.reader.Unread(), r.reader.NewCount())
		}
	}
}

func TestReopeningFindsTheNearestUpdate(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(0, 20))
	saved := m.State()
	gone := m.reader.Story().ByID("u007")
	saved.Place.Selected, saved.Place.SelectedAt = "gone", gone.SortTime().Add(time.Second)
	r := New(Options{Stories: []StoryOptions{{Source: &fakeSource{}, Restore: &saved}}, Now: m.opts.Now, Location: time.UTC})
	if selectedID(r) != "u007" {
		t.Fatalf("reopened on %s, want the nearest, u007", selectedID(r))
	}
}

func TestSavesAfterChangesAndOnQuit(t *testing.T) {
	var saves []Persisted
	m, _ := newTestModel(t, 120, 40)
	m.story.opts.Persist = func(p Persisted) func() error {
		saves = append(saves, p)
		return func() error { return nil }
	}
	send(m, snapshotOf(0, 5))
	if !m.saveScheduled {
		t.Fatal("a new snapshot did not schedule a save")
	}
	_, cmd := m.Update(saveMsg{s: m.story})
	if cmd == nil || len(saves) != 1 || saves[0].Story.Len() != 5 {
		t.Fatalf("save did not capture the story: %d saves", len(saves))
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	if cmd == nil || len(saves) != 2 {
		t.Fatalf("quit did not save: %d saves", len(saves))
	}
}

func TestStarAndKeyMarkShowTogether(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(0, 10))
	press(m, "j", "j") // u002, a key event
	press(m, "s")
	row := timelineRows(m, screen(m))
	if !strings.Contains(row, "◆★") {
		t.Fatalf("a starred key event does not show both marks:\n%s", row)
	}
}

func TestNextUnreadAndToggleRead(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(4, 10))
	send(m, snapshotOf(0, 10)) // u000 to u003 unread
	press(m, "G", "u")
	if selectedID(m) != "u000" {
		t.Fatalf("u from the bottom went round to %s, want u000", selectedID(m))
	}
	m.Update(readMsg{s: m.story, gen: m.readGen})
	press(m, "u")
	if selectedID(m) != "u001" {
		t.Fatalf("u selected %s, want u001", selectedID(m))
	}
	press(m, "m")
	if !m.reader.IsRead("u001") || m.reader.Unread() != 2 {
		t.Fatalf("m did not mark read: unread %d", m.reader.Unread())
	}
	gen := m.readGen // a read timer still running for u001
	press(m, "m")
	m.Update(readMsg{s: m.story, gen: gen})
	if m.reader.IsRead("u001") || m.reader.Unread() != 3 {
		t.Fatalf("m did not keep the update unread: unread %d", m.reader.Unread())
	}
	press(m, "A", "u")
	if !strings.Contains(screen(m), "no unread updates") {
		t.Fatal("u with nothing unread says nothing")
	}
}

func TestSearchStaysInSightAfterEnter(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	send(m, snapshotOf(0, 30))
	press(m, "/", "u", "n", "i", "o", "n")
	m.Update(searchMsg{s: m.story, gen: m.searchGen, result: m.reader.Index().Search(context.Background(), m.reader.Query())})
	press(m, "enter")
	if s := screen(m); !strings.Contains(s, "“union” · ") {
		t.Fatalf("the search in force is not shown:\n%s", s)
	}
	press(m, "/", "ctrl+u", `"`, "t", "h", "e", " ", "u", "n", "i", "o", "n", `"`)
	m.Update(searchMsg{s: m.story, gen: m.searchGen, result: m.reader.Index().Search(context.Background(), m.reader.Query())})
	press(m, "enter")
	if s := screen(m); !strings.Contains(s, `Updates · "the union" · `) {
		t.Fatalf("a phrase search is not shown as typed:\n%s", s)
	}
}

// fakePlayer records how it is steered.
type fakePlayer struct {
	fakeSource
	calls []string
}

func (p *fakePlayer) TogglePause()       { p.calls = append(p.calls, "pause") }
func (p *fakePlayer) SetSpeed(f float64) { p.calls = append(p.calls, fmt.Sprintf("speed %v", f)) }
func (p *fakePlayer) Step(n int)         { p.calls = append(p.calls, fmt.Sprintf("step %+d", n)) }
func (p *fakePlayer) Restart()           { p.calls = append(p.calls, "restart") }

// TestEveryReplayKeyActsOrSaysWhy: at the ends of a replay, keys that
// cannot act say so, and space plays the ended replay again.
func TestEveryReplayKeyActsOrSaysWhy(t *testing.T) {
	p := &fakePlayer{}
	m := New(Options{Stories: []StoryOptions{{Source: p}}, Now: func() time.Time { return base }, Location: time.UTC})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	replayAt := func(step int) {
		st := feed.Status{State: feed.Replaying, Replay: &feed.ReplayStatus{Start: base.Add(-time.Hour), End: base,
			Clock: base, Speed: 10, Step: step, Steps: 5}}
		if step == 5 {
			st.State = feed.Offline
		}
		m.Update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(0, 5), Status: st, Quiet: true}})
	}
	replayAt(5)
	for _, c := range []struct{ key, says, call string }{
		{"]", "this is the last change", ""},
		{"r", "a replay has nothing to check", ""},
		{"space", "playing again", "restart"},
	} {
		p.calls = nil
		m.Update(keyMsg(c.key))
		if s := screen(m); !strings.Contains(s, c.says) {
			t.Errorf("%s at the end says nothing of %q:\n%s", c.key, c.says, s)
		}
		if got := strings.Join(p.calls, ","); got != c.call {
			t.Errorf("%s at the end: player calls %q, want %q", c.key, got, c.call)
		}
	}
	replayAt(1)
	p.calls = nil
	press(m, "[")
	if !strings.Contains(screen(m), "this is the first change") || len(p.calls) != 0 {
		t.Errorf("[ at the first change: %v\n%s", p.calls, screen(m))
	}
	press(m, "space", "]", "+")
	if got := strings.Join(p.calls, ","); got != "pause,step +1,speed 20" {
		t.Errorf("keys mid-replay: %q", got)
	}
}

// TestReopenedInPartsShowsAtOnceAndSavesOnlyTheWhole: a long story
// restored from its newest part shows at once where the person was; the
// rest arrives off the update loop, and nothing is saved until it has.
func TestReopenedInPartsShowsAtOnceAndSavesOnlyTheWhole(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(0, 40))
	press(m, "j", "j", "j")
	saved := m.State()
	whole := saved.Story
	part := model.Restore(whole.Meta(), func() []model.Update {
		var us []model.Update
		for _, u := range whole.Updates()[:10] {
			us = append(us, *u)
		}
		return us
	}())
	saved.Story = part
	saved.More = func() (*model.Story, error) { return whole, nil }
	var saves int
	r := New(Options{Stories: []StoryOptions{{Source: &fakeSource{}, Restore: &saved,
		Persist: func(Persisted) func() error { saves++; return func() error { return nil } }}},
		Now: m.opts.Now, Location: time.UTC})
	r.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if selectedID(r) != "u003" || r.reader.Story().Len() != 10 {
		t.Fatalf("the first part shows %d updates, on %s", r.reader.Story().Len(), selectedID(r))
	}
	r.Update(saveMsg{s: r.story})
	if err := r.SaveAll(); err != nil || saves != 0 {
		t.Fatalf("a part of the story was saved (%d saves)", saves)
	}
	d := newDriver(r)
	d.still = true
	d.run(r.Init())
	d.until(t, 5*time.Second, func() bool { return r.reader.Story().Len() == 40 && r.reader.Built() })
	if selectedID(r) != "u003" || r.story.partial {
		t.Fatalf("after the rest: on %s, partial %v", selectedID(r), r.story.partial)
	}
	if err := r.SaveAll(); err != nil || saves != 1 {
		t.Fatalf("the whole story was not saved (%d saves)", saves)
	}
}

// TestNextMatchGoesOnToTheNextMatchingUpdate: n steps through the matches
// of the selected update, then on to the next update that matches, and N
// back to the previous one's last match; at either end it says so.
func TestNextMatchGoesOnToTheNextMatchingUpdate(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(0, 30))
	press(m, "/", "u", "n", "i", "o", "n")
	m.Update(searchMsg{s: m.story, gen: m.searchGen, result: m.reader.Index().Search(context.Background(), m.reader.Query())})
	press(m, "enter")
	items := m.reader.Items()
	if len(items) < 3 {
		t.Fatalf("%d updates match: too few to step through", len(items))
	}
	first := m.reader.Selected().ID
	var visited []string
	for range 50 {
		press(m, "n")
		if id := m.reader.Selected().ID; len(visited) == 0 || visited[len(visited)-1] != id {
			visited = append(visited, id)
		}
		if m.detail.match < 0 {
			t.Fatalf("after n on %s no match is current", m.reader.Selected().ID)
		}
	}
	if len(visited) != len(items) || visited[0] != first || visited[len(visited)-1] != items[len(items)-1].ID {
		t.Fatalf("n visited %v; want every matching update in order, from %s", visited, first)
	}
	if s := screen(m); !strings.Contains(s, "no more matches below") {
		t.Fatalf("n past the last match says nothing:\n%s", s)
	}
	last := m.reader.Selected().ID
	for m.detail.match > 0 {
		press(m, "N")
	}
	press(m, "N")
	if id := m.reader.Selected().ID; id == last || m.detail.match != len(m.detail.matches)-1 {
		t.Fatalf("N from the first match stayed on %s, or is not on the previous update's last match (%d of %d)", id, m.detail.match, len(m.detail.matches))
	}
}
