package tui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/model"
)

// base is the fixed "now" of every test: the story's updates are minutes
// to hours before it.
var base = time.Date(2016, 1, 12, 17, 0, 0, 0, time.UTC)

// fakeSource counts refreshes and steers nothing.
type fakeSource struct{ refreshed int }

func (f *fakeSource) Run(ctx context.Context, out chan<- feed.Event) { <-ctx.Done() }
func (f *fakeSource) Refresh()                                       { f.refreshed++ }

// strikeUpdate builds update i of a test story, i minutes before base plus
// one hour; the higher i, the older.
func strikeUpdate(i int) model.Update {
	heads := []string{
		"Picket lines form outside hospitals across England",
		"Health secretary says the strike puts patients at risk",
		"Operations postponed as consultants cover emergency care",
		"Union leader calls for talks to restart",
		"Turnout at work lower than on a normal Tuesday",
	}
	h := heads[i%len(heads)]
	text := fmt.Sprintf("Junior doctors in England stopped non-emergency work at 8am, and trusts say cover is holding in most emergency departments. (Post %s.)", strings.Repeat("I", i%4+1))
	u := model.Update{
		ID:        fmt.Sprintf("u%03d", i),
		Headline:  fmt.Sprintf("%s (%d)", h, i),
		Body:      model.TextBody(text),
		Published: base.Add(-time.Hour - time.Duration(i)*7*time.Minute),
		Author:    "Health desk",
		Link:      fmt.Sprintf("https://news.example/strike#u%03d", i),
	}
	if i%6 == 2 {
		u.Categories = []string{"Key event"}
	}
	return u
}

// numbersUpdate carries an "In numbers" list.
func numbersUpdate() model.Update {
	b := model.Body{Blocks: []model.Block{
		{Kind: model.Paragraph, Spans: []model.Span{{Text: "In numbers:"}}},
		{Kind: model.Bullet, Spans: []model.Span{{Text: "26,000 junior doctors were rostered to work"}}},
		{Kind: model.Bullet, Spans: []model.Span{{Text: "39% of them reported for duty"}}},
		{Kind: model.Bullet, Spans: []model.Span{{Text: "3,454 operations were postponed"}}},
	}}
	return model.Update{ID: "numbers", Headline: "The first day of the strike in figures", Body: b,
		Published: base.Add(-30 * time.Minute), Categories: []string{"Key event"}}
}

// snapshotOf builds a prepared snapshot of updates i in [from, to), newest first.
func snapshotOf(from, to int, extra ...model.Update) *model.Snapshot {
	s := &model.Snapshot{Title: "Junior doctors' strike: live", Summary: "A 24-hour walkout over contracts.",
		Link: "https://news.example/strike"}
	s.Updates = append(s.Updates, extra...)
	for i := from; i < to; i++ {
		s.Updates = append(s.Updates, strikeUpdate(i))
	}
	s.Prepare()
	return s
}

func newTestModel(t testing.TB, w, h int) (*Model, *fakeSource) {
	t.Helper()
	src := &fakeSource{}
	m := New(Options{Stories: []StoryOptions{{Source: src, Name: "news.example"}}, Now: func() time.Time { return base },
		Location: time.UTC, Dark: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, src
}

func send(m *Model, snap *model.Snapshot) tea.Cmd {
	_, cmd := m.Update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snap, Status: feed.Status{State: feed.Live, LastCheck: base.Add(-12 * time.Second)}}})
	return cmd
}

// namedKeys are the special keys tests press by name.
var namedKeys = map[string]rune{
	"down": tea.KeyDown, "up": tea.KeyUp, "enter": tea.KeyEnter, "esc": tea.KeyEscape,
	"tab": tea.KeyTab, "home": tea.KeyHome, "end": tea.KeyEnd, "backspace": tea.KeyBackspace, "space": tea.KeySpace,
}

// keyMsg is the message of a key, by name or by the text it types.
func keyMsg(k string) tea.KeyPressMsg {
	if code, ok := namedKeys[k]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

func screen(m *Model) string { return ansi.Strip(m.View().Content) }

func selectedID(m *Model) string {
	if u := m.reader.Selected(); u != nil {
		return u.ID
	}
	return ""
}

func topID(m *Model) string { return m.reader.Items()[m.reader.Offset()].ID }

func TestNewUpdatesNeverMoveAReaderOfOlderUpdates(t *testing.T) {
	for _, oldestFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("oldestFirst=%v", oldestFirst), func(t *testing.T) {
			m, _ := newTestModel(t, 120, 40)
			send(m, snapshotOf(2, 60))
			down := "j"
			if oldestFirst {
				press(m, "o")
				down = "k"
			}
			for range 30 {
				press(m, down)
			}
			sel, top := selectedID(m), topID(m)
			before := screen(m)
			send(m, snapshotOf(0, 60))
			if got := selectedID(m); got != sel {
				t.Fatalf("selection moved from %s to %s", sel, got)
			}
			if got := topID(m); got != top {
				t.Fatalf("scroll moved: top row %s, was %s", got, top)
			}
			after := screen(m)
			if !strings.Contains(after, "2 new") {
				t.Fatalf("no \"2 new\" badge:\n%s", after)
			}
			if timelineRows(m, before) != timelineRows(m, after) {
				t.Fatalf("rows on screen changed:\n%s\n---\n%s", before, after)
			}
			press(m, "g")
			if oldestFirst {
				press(m, "G")
			}
			if got := selectedID(m); got != "u000" {
				t.Fatalf("jumping to the newest end selected %s", got)
			}
			if strings.Contains(screen(m), "2 new") {
				t.Fatal("badge still shown after jumping to the newest")
			}
		})
	}
}

// timelineRows returns the timeline's rows of a wide screen.
func timelineRows(m *Model, s string) string {
	r := m.layout().timeline
	var rows []string
	for _, line := range strings.Split(s, "\n")[r.y+1 : r.y+r.h] {
		if i := strings.Index(line, "│"); i > 0 {
			rows = append(rows, line[:i])
		}
	}
	return strings.Join(rows, "\n")
}

// later moves the model's clock on by d, and lets it see the time.
func later(m *Model, d time.Duration) {
	t := m.opts.Now().Add(d)
	m.opts.Now = func() time.Time { return t }
	m.Update(tickMsg{at: t, gen: m.tickGen})
}

func TestFollowModeSelectsNewUpdates(t *testing.T) {
	for _, oldestFirst := range []bool{false, true} {
		m, _ := newTestModel(t, 120, 40)
		send(m, snapshotOf(3, 10))
		if oldestFirst {
			press(m, "o", "G")
			later(m, readingPause)
		}
		if !strings.Contains(screen(m), "· following") {
			t.Fatalf("oldestFirst=%v: the header does not say the reader follows:\n%s", oldestFirst, screen(m))
		}
		if selectedID(m) != "u003" {
			t.Fatalf("the newest is not selected at start: %s", selectedID(m))
		}
		send(m, snapshotOf(1, 10))
		if selectedID(m) != "u001" {
			t.Fatalf("oldestFirst=%v: follow mode did not select the new update: %s", oldestFirst, selectedID(m))
		}
		if strings.Contains(screen(m), " new ") {
			t.Fatal("follow mode shows a new badge")
		}
	}
}

// TestReadingIsNeverMoved: an arriving, edited or removed update never
// changes what is being read (the selection, the detail pane's scroll, the
// timeline's scroll) while the person reads, even on the newest update.
func TestReadingIsNeverMoved(t *testing.T) {
	long := model.TextBody(strings.Repeat("Junior doctors in England stopped non-emergency work at 8am. ", 150))
	for _, c := range []struct {
		name string
		keys []string
	}{
		{"detail focused", []string{"enter"}},
		{"detail scrolled", []string{"enter", "j", "j", "j", "esc"}},
		{"search line open", []string{"/"}},
		{"links open", []string{"l"}},
		{"help open", []string{"?"}},
		{"a key a moment ago", []string{"j", "k"}},
	} {
		for _, size := range [][2]int{{80, 24}, {200, 60}} {
			t.Run(fmt.Sprintf("%s %dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				m, _ := newTestModel(t, size[0], size[1])
				first := snapshotOf(2, 40)
				first.Updates[0].Body = long
				first.Prepare()
				send(m, first)
				press(m, c.keys...)
				if c.name != "a key a moment ago" {
					later(m, time.Minute)
				}
				sel, top, detail := selectedID(m), topID(m), m.detail.offset
				next := snapshotOf(1, 40)
				next.Updates[1].Body = long
				next.Updates[5].Headline = "Edited while read"
				next.Updates = append(next.Updates[:8], next.Updates[9:]...)
				next.Prepare()
				send(m, next)
				if len(m.reader.Items()) <= m.rows() {
					top = "u001" // the whole list shows: the new update enters at the top
				}
				if selectedID(m) != sel || topID(m) != top || m.detail.offset != detail {
					t.Fatalf("moved: selection %s→%s, top row %s→%s, detail %d→%d",
						sel, selectedID(m), top, topID(m), detail, m.detail.offset)
				}
				if m.reader.NewCount() != 1 || strings.Contains(screen(m), "following") {
					t.Fatalf("badge %d; screen:\n%s", m.reader.NewCount(), screen(m))
				}
			})
		}
	}
}

func TestReadAfterASecondAndMarkAllRead(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(3, 10))
	if m.reader.Unread() != 0 {
		t.Fatalf("updates of the first snapshot count as unread: %d", m.reader.Unread())
	}
	send(m, snapshotOf(0, 10))
	if m.reader.Unread() != 3 || !strings.Contains(screen(m), "3 unread") {
		t.Fatalf("unread = %d, want 3\n%s", m.reader.Unread(), screen(m))
	}
	if m.View().WindowTitle != "(3) Junior doctors' strike: live" {
		t.Fatalf("window title %q", m.View().WindowTitle)
	}
	// Follow mode selected u000; a second later it counts as read.
	m.Update(readMsg{s: m.story, gen: m.readGen})
	if m.reader.Unread() != 2 || !m.reader.IsRead("u000") {
		t.Fatalf("after a second on u000: unread %d", m.reader.Unread())
	}
	press(m, "j")
	stale := m.readGen
	press(m, "j") // moved on before the second was up
	m.Update(readMsg{s: m.story, gen: stale})
	if m.reader.IsRead("u001") {
		t.Fatal("an update passed over quickly counted as read")
	}
	press(m, "A")
	if m.reader.Unread() != 0 || strings.Contains(screen(m), "unread") {
		t.Fatalf("A left %d unread", m.reader.Unread())
	}
}

func TestEditedAndRemovedUpdatesAreMarkedAndShown(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(0, 5))
	snap := snapshotOf(0, 5)
	snap.Updates[0].Body = model.TextBody("Corrected: the walkout began at 8am and will last 24 hours.")
	snap.Updates = append(snap.Updates[:2], snap.Updates[3:]...)
	snap.Prepare()
	send(m, snap)
	s := screen(m)
	if !strings.Contains(s, "Corrected: the walkout began") {
		t.Fatalf("detail pane did not refresh the edited update:\n%s", s)
	}
	if !strings.Contains(s, "✎ edited") || !strings.Contains(s, "✎") {
		t.Fatalf("edit not marked:\n%s", s)
	}
	press(m, "j", "j")
	s = screen(m)
	if selectedID(m) != "u002" || !strings.Contains(s, "✗ removed") {
		t.Fatalf("removed update not kept readable and marked (%s):\n%s", selectedID(m), s)
	}
}

// TestRetryNoteIsNotFrozen: a failure that will be tried again says when
// once, in the header, which counts down; the message line gives the whole
// reason, uncut at 80 columns, without a second note frozen at the time of
// the failure.
func TestRetryNoteIsNotFrozen(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	reason := "fetching http://127.0.0.1:8799/feed.xml: connection to 127.0.0.1:8799 refused; the server is down or the address is wrong, check it and try again"
	err := &poll.RetryError{Err: feed.Transient("connection refused", errors.New(reason)), In: 32 * time.Second}
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Retrying, Err: err,
		NextCheck: base.Add(20 * time.Second)}}})
	lines := strings.Split(screen(m), "\n")
	if !strings.Contains(lines[1], "retrying in 20s") {
		t.Errorf("the header does not say when the next try is: %q", lines[1])
	}
	var words []string
	for _, l := range lines[2:4] {
		words = append(words, strings.Fields(l)...)
	}
	if got := strings.Join(words, " "); got != reason {
		t.Errorf("message lines read %q, want %q", got, reason)
	}
}

func TestErrorsShowInHeaderAndContentStays(t *testing.T) {
	m, src := newTestModel(t, 100, 30)
	send(m, snapshotOf(0, 5))
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Retrying, Err: fmt.Errorf("HTTP 503 Service Unavailable"),
		LastCheck: base.Add(-time.Minute), NextCheck: base.Add(20 * time.Second)}}})
	s := screen(m)
	if !strings.Contains(s, "retrying in 20s · HTTP 503") {
		t.Fatalf("error not in header:\n%s", s)
	}
	if !strings.Contains(s, "Picket lines form outside hospitals") {
		t.Fatalf("content lost on error:\n%s", s)
	}
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'r', Text: "r"})
	if cmd == nil {
		t.Fatal("r returned no command")
	}
	cmd()
	if src.refreshed != 1 {
		t.Fatal("r did not ask the source for a check")
	}
}

func TestHeaderSaysWhatTheSourceIsDoing(t *testing.T) {
	for _, c := range []struct {
		status feed.Status
		want   string
	}{
		{feed.Status{State: feed.Live, LastCheck: base.Add(-12 * time.Second)}, "live · checked 10s ago"},
		{feed.Status{State: feed.Watching, LastCheck: base.Add(-3 * time.Second)}, "watching the file · checked just now"},
		{feed.Status{State: feed.Offline}, "offline"},
		{feed.Status{State: feed.Ended}, "coverage ended"},
		{feed.Status{}, "connecting…"},
	} {
		m, _ := newTestModel(t, 120, 30)
		send(m, snapshotOf(0, 3))
		m.Update(eventMsg{s: m.story, ev: feed.Event{Status: c.status}})
		if s := screen(m); !strings.Contains(s, c.want) {
			t.Errorf("state %d: header lacks %q:\n%s", c.status.State, c.want, s)
		}
	}
}

func TestKeyEventsOnlyAndNumbersPanel(t *testing.T) {
	m, _ := newTestModel(t, 160, 40)
	send(m, snapshotOf(0, 20, numbersUpdate()))
	s := screen(m)
	if !strings.Contains(s, "In numbers") || !strings.Contains(s, "26,000 junior doctors") {
		t.Fatalf("numbers panel missing:\n%s", s)
	}
	press(m, "K")
	for _, u := range m.reader.Items() {
		if !u.Key {
			t.Fatalf("K kept %s, not a key event", u.ID)
		}
	}
	if !strings.Contains(screen(m), "key events: 4 of 21") {
		t.Fatalf("K count missing:\n%s", screen(m))
	}
	press(m, "K")
	if len(m.reader.Items()) != 21 {
		t.Fatalf("K again shows %d updates", len(m.reader.Items()))
	}
	// Tab to the panel, Enter jumps to the figure's update.
	press(m, "tab", "tab", "enter")
	if selectedID(m) != "numbers" || m.focus != focusDetail {
		t.Fatalf("enter on a figure selected %s (focus %d)", selectedID(m), m.focus)
	}
}

func TestSearchFiltersHighlightsAndKeepsNewMatches(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(m, snapshotOf(2, 30))
	press(m, "/", "u", "n", "i", "o", "n")
	m.Update(searchMsg{s: m.story, gen: m.searchGen, result: m.reader.Index().Search(context.Background(), m.reader.Query())})
	press(m, "enter")
	n := len(m.reader.Items())
	if n == 0 || n == 28 {
		t.Fatalf("filter kept %d of 28", n)
	}
	if !strings.Contains(screen(m), fmt.Sprintf("%d of 28", n)) {
		t.Fatalf("count missing:\n%s", screen(m))
	}
	// A stale result for an older query is dropped.
	m.Update(searchMsg{s: m.story, gen: m.searchGen - 1, result: nil})
	if len(m.reader.Items()) != n {
		t.Fatal("stale result applied")
	}
	send(m, snapshotOf(0, 30))
	got := 0
	for _, u := range m.reader.Items() {
		if u.ID == "u000" || u.ID == "u001" {
			got++
		}
	}
	if got != 0 {
		// u000 and u001 headlines do not mention the union.
		t.Fatalf("non-matching new updates entered the filtered list")
	}
	if !strings.Contains(screen(m), "2 new") {
		t.Fatalf("new non-matching updates not counted:\n%s", screen(m))
	}
	press(m, "esc")
	if len(m.reader.Items()) != 30 {
		t.Fatalf("esc left %d updates", len(m.reader.Items()))
	}
}

// viewStory is a story with something for every view: an edit, links
// (one longer than any pane) and an "In numbers" list.
func viewStory(m *Model) {
	first := snapshotOf(0, 40, numbersUpdate())
	send(m, first)
	next := snapshotOf(0, 40, numbersUpdate())
	next.Updates[1].Body = model.Body{
		Blocks: []model.Block{{Kind: model.Paragraph, Spans: []model.Span{
			{Text: "Corrected: the walkout began at 8am; see "}, {Text: "the rota", Style: model.LinkText, Ref: 1},
			{Text: " and "}, {Text: "the union's statement", Style: model.LinkText, Ref: 2}, {Text: "."}}}},
		Links: []string{"https://news.example/rota", "https://news.example/statements/2016/01/12/" + strings.Repeat("junior-doctors-strike-", 8) + "statement.html"},
	}
	next.Prepare()
	send(m, next)
}

// views are the keys that open each view, from the timeline.
var views = []struct {
	name string
	keys []string
}{
	{"timeline", nil},
	{"detail", []string{"enter"}},
	{"panel", []string{"tab", "tab", "tab"}},
	{"search", []string{"/", "u", "n", "i", "o", "n"}},
	{"links", []string{"l"}},
	{"diff", []string{"d"}},
	{"help", []string{"?"}},
}

// TestEveryViewFitsAndKeepsItsBorders: at every size, with the panel shown
// and hidden, every view fills the screen exactly, no line is wider than
// the terminal, and every pane keeps its border.
func TestEveryViewFitsAndKeepsItsBorders(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {99, 30}, {100, 30}, {120, 40}, {139, 40}, {140, 45}, {200, 60}} {
		for _, panel := range []bool{false, true} {
			for _, v := range views {
				m, _ := newTestModel(t, size[0], size[1])
				viewStory(m)
				press(m, "j") // the edited update with links
				if panel != (m.layout().numbers.h > 0) {
					press(m, "i")
				}
				press(m, v.keys...)
				name := fmt.Sprintf("%dx%d panel=%v %s", size[0], size[1], panel, v.name)
				lines := strings.Split(screen(m), "\n")
				if len(lines) != size[1] {
					t.Fatalf("%s: %d lines", name, len(lines))
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Fatalf("%s: line of width %d: %q", name, w, l)
					}
				}
				if v.name == "help" {
					continue
				}
				lay := m.layout()
				for _, r := range []rect{lay.detail, lay.numbers} {
					if r.x == 0 || r.h == 0 {
						continue // stacked, or hidden
					}
					for y := r.y; y < r.y+r.h; y++ {
						if cell := []rune(lines[y]); r.x-1 >= len(cell) || cell[r.x-1] != '│' {
							t.Fatalf("%s: no border left of the pane at column %d on line %d:\n%s", name, r.x-1, y, screen(m))
						}
					}
				}
			}
		}
	}
}

func TestLinksWrapRatherThanCut(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	viewStory(m)
	press(m, "j", "l")
	s := screen(m)
	links := s[strings.Index(s, "Links ·"):]
	if strings.Contains(links, "…") || !strings.Contains(links, "tement.html") {
		t.Fatalf("a long link was cut:\n%s", s)
	}
	press(m, "j")
	if m.links.selected() != m.reader.Selected().Body.Links[1] {
		t.Fatalf("j selected %q", m.links.selected())
	}
}

func TestGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m, _ := newTestModel(t, size[0], size[1])
			send(m, snapshotOf(3, 40, numbersUpdate()))
			send(m, snapshotOf(1, 40, numbersUpdate()))
			press(m, "j", "j", "j")
			golden.RequireEqual(t, screen(m))
		})
	}
}

func TestMouseWheelScrollsAndClickSelects(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	m.opts.Mouse = true
	send(m, snapshotOf(0, 60))
	lay := m.layout()
	m.Update(tea.MouseWheelMsg{X: 2, Y: lay.timeline.y + 3, Button: tea.MouseWheelDown})
	if m.reader.Offset() != 3 {
		t.Fatalf("wheel over the timeline scrolled to %d, want 3", m.reader.Offset())
	}
	m.Update(tea.MouseClickMsg{X: 5, Y: lay.timeline.y + 1 + 4, Button: tea.MouseLeft})
	if m.reader.Cursor() != 7 {
		t.Fatalf("click selected row %d, want 7", m.reader.Cursor())
	}
	m.Update(tea.MouseWheelMsg{X: lay.detail.x + 2, Y: lay.detail.y + 2, Button: tea.MouseWheelDown})
	if m.reader.Cursor() != 7 {
		t.Fatal("wheel over the detail pane moved the timeline")
	}
	if m.View().MouseMode != tea.MouseModeCellMotion {
		t.Fatal("mouse not enabled")
	}
}

func TestHighlightNeverSplitsCharacters(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	snap := snapshotOf(0, 3)
	snap.Updates[0].Headline = "Zürich doctors join: 東京 solidarity café 🇬🇧 rally"
	snap.Updates[0].Body = model.TextBody("Crowds in Zürich and 東京都 sent messages; a café near the hospital served the picket line.")
	snap.Prepare()
	send(m, snap)
	for _, q := range []string{"zurich", "東京", "cafe", "Zür", "🇬🇧"} {
		press(m, "/")
		m.search.input.SetValue(q)
		m.startSearch(q)
		m.Update(searchMsg{s: m.story, gen: m.searchGen, result: m.reader.Index().Search(context.Background(), m.reader.Query())})
		press(m, "enter", "j", "k")
		out := m.View().Content
		if !utf8.ValidString(out) {
			t.Fatalf("query %q: frame is not valid UTF-8", q)
		}
		for _, line := range strings.Split(ansi.Strip(out), "\n") {
			if w := ansi.StringWidth(line); w > 100 {
				t.Fatalf("query %q: line of width %d", q, w)
			}
		}
		if !strings.Contains(out, "\x1b[") || len(m.reader.Items()) != 1 {
			t.Fatalf("query %q: %d matches", q, len(m.reader.Items()))
		}
		press(m, "esc")
	}
}

// TestGoldenStyledScreens keeps the colours and emphasis of a frame on a
// dark and a light background.
func TestGoldenStyledScreens(t *testing.T) {
	for _, dark := range []bool{true, false} {
		name := "light"
		if dark {
			name = "dark"
		}
		t.Run(name, func(t *testing.T) {
			m, _ := newTestModel(t, 80, 24)
			m.Update(tea.BackgroundColorMsg{Color: map[bool]color.Color{true: color.Black, false: color.White}[dark]})
			send(m, snapshotOf(3, 40, numbersUpdate()))
			send(m, snapshotOf(1, 40, numbersUpdate()))
			press(m, "j", "j")
			golden.RequireEqual(t, m.View().Content)
		})
	}
}

func TestMatchesStepInTheDetailPane(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	snap := snapshotOf(0, 3)
	snap.Updates[0].Body = model.TextBody("The union met at noon.\n\nLater the union wrote to ministers.\n\nBy evening the union had an answer.")
	snap.Prepare()
	send(m, snap)
	m.startSearch("union")
	m.Update(searchMsg{s: m.story, gen: m.searchGen, result: m.reader.Index().Search(context.Background(), m.reader.Query())})
	if !strings.Contains(screen(m), "3 lines match") {
		t.Fatalf("match count missing:\n%s", screen(m))
	}
	press(m, "n", "n")
	if !strings.Contains(screen(m), "match 2 of 3 lines") {
		t.Fatalf("n did not step to the second match:\n%s", screen(m))
	}
	press(m, "N")
	if !strings.Contains(screen(m), "match 1 of 3 lines") {
		t.Fatalf("N did not step back:\n%s", screen(m))
	}
}

// TestFooterDropsWholeHints: at any width the footer keeps how to leave
// what is open (help and quit on the panes) and never cuts a hint in the
// middle.
func TestFooterDropsWholeHints(t *testing.T) {
	for _, w := range []int{40, 60, 80, 100, 120, 200} {
		for _, c := range []struct {
			keys []string
			kept []string
		}{
			{nil, []string{"? all keys", "q quit"}},
			{[]string{"enter"}, []string{"? all keys", "q quit"}},
			{[]string{"l"}, []string{"esc close", "ctrl+c quit"}},
			{[]string{"?"}, []string{"?/esc/q close", "ctrl+c quit"}},
		} {
			m, _ := newTestModel(t, w, 24)
			send(m, snapshotOf(0, 10))
			press(m, c.keys...)
			lines := strings.Split(screen(m), "\n")
			foot := strings.TrimRight(lines[len(lines)-1], " ")
			if strings.Contains(foot, "…") || !strings.HasSuffix(foot, c.kept[1]) || !strings.Contains(foot, c.kept[0]) {
				t.Errorf("width %d after %v: footer %q", w, c.keys, foot)
			}
		}
	}
}

// TestHelpClosesOnQ: in the full help, q, ? and esc close it, as it says,
// and nothing else acts behind it.
func TestHelpClosesOnQ(t *testing.T) {
	for _, k := range []string{"q", "?", "esc"} {
		m, _ := newTestModel(t, 80, 24)
		send(m, snapshotOf(0, 10))
		press(m, "?")
		if !strings.Contains(screen(m), "All keys") {
			t.Fatal("? did not open the help")
		}
		press(m, "j")
		_, cmd := m.Update(keyMsg(k))
		if cmd != nil || m.mode != modeBrowse || selectedID(m) != "u000" {
			t.Fatalf("%s in the help: mode %d, selected %s, command %v", k, m.mode, selectedID(m), cmd != nil)
		}
	}
}

// TestHelpNoteIsWhole: the help's note on closing it and on the mouse is
// never cut off; below its width it wraps under the title.
func TestHelpNoteIsWhole(t *testing.T) {
	const note = "(?/esc/q to close; the mouse wheel scrolls the pane under it, a click selects)"
	for _, w := range []int{60, 80, 200} {
		m, _ := newTestModel(t, w, 24)
		send(m, snapshotOf(0, 10))
		press(m, "?")
		var words []string
		for _, line := range strings.Split(screen(m), "\n")[:6] {
			words = append(words, strings.Fields(line)...)
		}
		if got := strings.Join(words, " "); !strings.Contains(got, note) {
			t.Errorf("width %d: the help's top lines read %q, want the whole note %q", w, got, note)
		}
	}
}

func TestReplayBarDashesWhatWasSkipped(t *testing.T) {
	at := func(m int) time.Time { return base.Add(time.Duration(m) * time.Minute) }
	r := &feed.ReplayStatus{Start: at(0), End: at(100), Clock: at(60),
		Skipped: []feed.Span{{From: at(20), To: at(40)}}}
	if got, want := replayBar(r, 10), "━━╍╍━━────"; got != want {
		t.Fatalf("bar %q, want %q", got, want)
	}
}

func TestHeaderSaysWhereUpdatesCameFromAndWhenCoverageStarts(t *testing.T) {
	m, _ := newTestModel(t, 120, 30)
	snap := snapshotOf(0, 3)
	snap.FromLayout = true
	send(m, snap)
	if s := screen(m); !strings.Contains(s, "read from the page's layout") {
		t.Fatalf("header does not say the updates came from the page's layout:\n%s", s)
	}
	m, _ = newTestModel(t, 120, 30)
	send(m, &model.Snapshot{Title: "Budget day: live", CoverageStart: base.Add(26 * time.Hour)})
	if s := screen(m); !strings.Contains(s, "coverage starts at Wed 13 Jan 19:00") || !strings.Contains(s, "The story has no updates yet.") {
		t.Fatalf("header does not say when coverage starts:\n%s", s)
	}
}

// TestReplayStateReadsAt80Columns: in a replay at 80 columns, the story's
// clock and "change N of M" stay readable; the source's name gives way.
func TestReplayStateReadsAt80Columns(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	send(m, snapshotOf(0, 5))
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Replaying,
		Source: "demo: junior doctors' strike, as it unfolded on the day",
		Replay: &feed.ReplayStatus{Start: base.Add(-time.Hour), End: base, Clock: base.Add(-20 * time.Minute),
			Speed: 10, Step: 7, Steps: 20}}}})
	info := strings.Split(screen(m), "\n")[1]
	if !strings.Contains(info, "16:40:00") || !strings.Contains(info, "change 7 of 20") || !strings.Contains(info, "━") {
		t.Fatalf("the replay's state is cut at 80 columns: %q", info)
	}
}

// TestEndedReplayKeepsItsCountAt80Columns: once a replay has played its
// last change nothing more arrives, so the header does not say
// "following", and the count of updates keeps its room at 80 columns.
func TestEndedReplayKeepsItsCountAt80Columns(t *testing.T) {
	m := New(Options{Stories: []StoryOptions{{Source: &fakePlayer{}}}, Now: func() time.Time { return base }, Location: time.UTC})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(0, 29), Quiet: true, Status: feed.Status{State: feed.Offline,
		Replay: &feed.ReplayStatus{Start: base.Add(-time.Hour), End: base, Clock: base,
			Speed: 10, Step: 20, Steps: 20}}}})
	info := strings.Split(screen(m), "\n")[1]
	if !strings.Contains(info, "29 updates") || !strings.Contains(info, "replay ended") || strings.Contains(info, "following") {
		t.Fatalf("the ended replay's header at 80 columns: %q", info)
	}
}

// TestIdleDrawsTheSameFrame: with nothing arriving, a second's tick
// leaves the frame as it was, so the terminal is not redrawn; the header's
// clock moves on only every ten seconds.
func TestIdleDrawsTheSameFrame(t *testing.T) {
	m, _ := newTestModel(t, 200, 60)
	m.Update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(0, 40), Status: feed.Status{State: feed.Live, LastCheck: base}}})
	later(m, 10*time.Second)
	frame := m.View().Content
	changes := 0
	for range 29 {
		later(m, time.Second)
		if f := m.View().Content; f != frame {
			changes++
			frame = f
		}
	}
	if changes != 2 { // at 20s and 30s since the check
		t.Fatalf("the frame changed %d times in 29 idle seconds, want 2", changes)
	}
}

func TestTheClockWakesOnlyWhenSomethingShownChanges(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	m.Update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(0, 5), Status: feed.Status{State: feed.Live, LastCheck: base.Add(-3 * time.Second)}}})
	if d := m.nextTick(); d != 7*time.Second {
		t.Fatalf("live, checked 3s ago: next wake in %v, want 7s (when \"just now\" becomes \"10s ago\")", d)
	}
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Retrying, NextCheck: base.Add(20 * time.Second)}}})
	if d := m.nextTick(); d != time.Second {
		t.Fatalf("retrying: next wake in %v, want 1s for the countdown", d)
	}
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Live, LastCheck: base.Add(-2 * time.Minute)}}})
	if d := m.nextTick(); d != 10*time.Second {
		t.Fatalf("quiet: next wake in %v, want 10s", d)
	}
	press(m, "j")
	if d := m.nextTick(); d != readingPause {
		t.Fatalf("after a key: next wake in %v, want %v, when following may show again", d, readingPause)
	}
	// A countdown that begins while the clock sleeps wakes it sooner.
	m.tick()
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Live, LastCheck: base.Add(-2 * time.Minute)}}})
	m.tick() // due in 10s
	gen := m.tickGen
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Retrying, NextCheck: base.Add(20 * time.Second)}}})
	if m.tickGen == gen || m.tickAt.After(base.Add(time.Second)) {
		t.Fatal("a countdown did not wake the clock sooner")
	}
	m.Update(tickMsg{at: base.Add(10 * time.Second), gen: gen})
	if m.tickGen != gen+1 {
		t.Fatal("an overtaken wake was not dropped")
	}
}

// TestHeaderCutsTheSourceNameOnlyToSomethingReadable: at 80 columns a
// replay's header gives the source's name whole, cut to at least 16
// columns, or not at all; never a stub such as "demo: j…".
func TestHeaderCutsTheSourceNameOnlyToSomethingReadable(t *testing.T) {
	for _, w := range []int{80, 90, 100, 120} {
		m := New(Options{Stories: []StoryOptions{{Source: &fakePlayer{}}}, Now: func() time.Time { return base }, Location: time.UTC})
		m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		m.Update(eventMsg{s: m.story, ev: feed.Event{Snapshot: snapshotOf(0, 8), Quiet: true, Status: feed.Status{State: feed.Replaying,
			Source: "demo: junior doctors' strike",
			Replay: &feed.ReplayStatus{Start: base.Add(-time.Hour), End: base, Clock: base.Add(-30 * time.Minute),
				Speed: 10, Step: 3, Steps: 20}}}})
		info := strings.Split(screen(m), "\n")[1]
		name, _, _ := strings.Cut(info, " · ")
		if strings.HasPrefix(name, "demo") && name != "demo: junior doctors' strike" && ansi.StringWidth(name) < 16 {
			t.Errorf("at %d columns the source's name is cut to %q: %q", w, name, info)
		}
	}
}
