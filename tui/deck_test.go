package tui

import (
	"errors"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
)

// newDeck builds a reader of three stories: the strike, an election night
// and a source that cannot be read.
func newDeck(t testing.TB, w, h int) *Model {
	t.Helper()
	m := New(Options{Stories: []StoryOptions{
		{Source: &fakeSource{}, Name: "news.example", Address: "https://news.example/strike"},
		{Source: &fakeSource{}, Name: "Election night", Titled: true, Address: "https://vote.example/live"},
		{Source: &fakeSource{}, Name: "missing.xml", Address: "missing.xml"},
	}, Now: func() time.Time { return base }, Location: time.UTC, Dark: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	deckSend(m, 0, snapshotOf(2, 30, numbersUpdate()))
	deckSend(m, 1, electionSnapshot(3))
	m.Update(eventMsg{s: m.stories[2], ev: feed.Event{Status: feed.Status{State: feed.Retrying,
		Err: feed.Permanent("no such file", errors.New("reading missing.xml: no such file; check the path, or give an http(s) address")), NextCheck: base.Add(30 * time.Second)}}})
	return m
}

func deckSend(m *Model, i int, snap *model.Snapshot) tea.Cmd {
	_, cmd := m.Update(eventMsg{s: m.stories[i], ev: feed.Event{Snapshot: snap,
		Status: feed.Status{State: feed.Live, LastCheck: base.Add(-12 * time.Second)}}})
	return cmd
}

// electionSnapshot is an election night's first n results, newest first.
func electionSnapshot(n int) *model.Snapshot {
	s := &model.Snapshot{Title: "General election: results as they come in"}
	for i := n - 1; i >= 0; i-- {
		u := model.Update{ID: fmt.Sprintf("e%02d", i), Headline: fmt.Sprintf("Result %d declared", i+1),
			Body:      model.TextBody(fmt.Sprintf("Seat %d has declared; turnout was %d%%.", i+1, 60+i)),
			Published: base.Add(-2*time.Hour + time.Duration(i)*17*time.Minute)}
		if i%3 == 0 {
			u.Categories = []string{"Key event"}
		}
		s.Updates = append(s.Updates, u)
	}
	s.Prepare()
	return s
}

func TestDeckGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for _, v := range []struct {
			name string
			keys []string
		}{{"tabs", []string{"j", "j"}}, {"stories", []string{"S"}}, {"all", []string{"0", "j"}}, {"failing", []string{"3"}}} {
			t.Run(fmt.Sprintf("%s_%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				m := newDeck(t, size[0], size[1])
				deckSend(m, 1, electionSnapshot(5)) // two new results, one a key event
				press(m, v.keys...)
				golden.RequireEqual(t, screen(m))
			})
		}
	}
}

func TestDeckSwitchesStoriesAndKeepsEachPlace(t *testing.T) {
	m := newDeck(t, 120, 40)
	press(m, "j", "j", "j")
	strike := selectedID(m)
	press(m, "2")
	if m.story != m.stories[1] || !strings.Contains(screen(m), "Result 3 declared") {
		t.Fatalf("2 did not show the second story:\n%s", screen(m))
	}
	press(m, "j")
	election := selectedID(m)
	press(m, ">", ">") // round to the first
	if m.story != m.stories[0] || selectedID(m) != strike {
		t.Fatalf("back on the first story: selected %s, want %s", selectedID(m), strike)
	}
	press(m, "<", "<")
	if m.story != m.stories[1] || selectedID(m) != election {
		t.Fatalf("back on the second story: selected %s, want %s", selectedID(m), election)
	}
	press(m, "7")
	if !strings.Contains(screen(m), "no story 7: the deck holds 3") {
		t.Fatalf("a missing story number says nothing:\n%s", screen(m))
	}
}

// TestStoriesInTheBackgroundAreNeverMoved: news in a story not shown counts
// in its tab and never moves its selection, even from its newest update.
func TestStoriesInTheBackgroundAreNeverMoved(t *testing.T) {
	m := newDeck(t, 120, 40)
	later(m, time.Minute)
	press(m, "2")
	later(m, time.Minute)
	if !m.following() {
		t.Fatal("the election, untouched on its newest result, does not follow")
	}
	deckSend(m, 0, snapshotOf(0, 30, numbersUpdate()))
	if id := m.stories[0].reader.Selected().ID; id != "numbers" {
		t.Fatalf("the strike in the background moved to %s", id)
	}
	if n := m.stories[0].reader.NewCount(); n != 2 {
		t.Fatalf("the strike's badge %d, want 2", n)
	}
	if tabs := strings.Split(screen(m), "\n")[2]; !strings.Contains(tabs, "●2") {
		t.Fatalf("the tabs do not count the strike's news: %q", tabs)
	}
}

func TestAFailingStorySaysWhyAndStopsNoOther(t *testing.T) {
	m := newDeck(t, 80, 24)
	tabs := strings.Split(screen(m), "\n")[2]
	if !strings.Contains(tabs, "3 ") || !strings.Contains(tabs, "!") {
		t.Fatalf("the failing story's tab has no mark: %q", tabs)
	}
	press(m, "S")
	if s := screen(m); !strings.Contains(s, "no such file") || !strings.Contains(s, "Election night") {
		t.Fatalf("the story list does not say why:\n%s", s)
	}
	press(m, "esc", "3")
	if s := screen(m); !strings.Contains(s, "no such file; check the path") {
		t.Fatalf("the failing story shown does not say why:\n%s", s)
	}
	deckSend(m, 1, electionSnapshot(6))
	if m.stories[1].reader.Story().Len() != 6 {
		t.Fatal("a failing story stopped another")
	}
}

func TestAllStoriesOpensTheUpdateInItsStory(t *testing.T) {
	m := newDeck(t, 120, 40)
	press(m, "0")
	if s := screen(m); !strings.Contains(s, "All stories") || !strings.Contains(s, "Result 3 declared") || !strings.Contains(s, "Picket lines") {
		t.Fatalf("the all-stories view lacks a story:\n%s", s)
	}
	for m.allView.items[m.allView.sel].s != m.stories[1] {
		press(m, "j")
	}
	want := m.allView.items[m.allView.sel].u.ID
	press(m, "enter")
	if m.story != m.stories[1] || selectedID(m) != want || m.focus != focusDetail || m.mode != modeBrowse {
		t.Fatalf("enter opened %s in story %d (mode %d)", selectedID(m), m.storyIndex()+1, m.mode)
	}
}

func TestNotificationsNameTheStory(t *testing.T) {
	m := newDeck(t, 120, 40)
	m.opts.Notify = 1 // all
	cmd := deckSend(m, 1, electionSnapshot(5))
	raw, ok := findRaw(cmd)
	if !ok || !strings.Contains(fmt.Sprint(raw.Msg), "Election night") || !strings.Contains(fmt.Sprint(raw.Msg), "2 new") {
		t.Fatalf("notification %q does not name the story", raw)
	}
}

// findRaw runs the quick commands of cmd and returns a raw sequence one
// writes to the terminal.
func findRaw(cmd tea.Cmd) (tea.RawMsg, bool) {
	if cmd == nil {
		return tea.RawMsg{}, false
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			if c == nil {
				continue
			}
			if r, ok := peekRaw(c); ok {
				return r, true
			}
		}
		return tea.RawMsg{}, false
	}
	r, ok := msg.(tea.RawMsg)
	return r, ok
}

func TestAddingARecentStory(t *testing.T) {
	m := newDeck(t, 120, 40)
	m.opts.Recent = func() []Recent {
		return []Recent{{Source: "https://news.example/strike", Title: "already open"},
			{Source: "https://cup.example/final", Title: "Cup final: live", LastRead: base.Add(-48 * time.Hour), Unread: 4}}
	}
	m.opts.Open = func(source string) (StoryOptions, error) {
		return StoryOptions{Source: &fakeSource{}, Name: source, Address: source}, nil
	}
	press(m, "S")
	s := screen(m)
	if strings.Contains(s, "already open") || !strings.Contains(s, "Cup final: live") {
		t.Fatalf("recent stories not listed, or open ones listed:\n%s", s)
	}
	press(m, "j", "j", "j")
	d := newDriver(m)
	d.update(keyMsg("enter"))
	d.until(t, 5*time.Second, func() bool { return len(m.stories) == 4 })
	if m.story != m.stories[3] || m.story.opts.Address != "https://cup.example/final" {
		t.Fatalf("the added story is not shown: %d stories", len(m.stories))
	}
}

// TestStoryListGivesTheWholeReason: the story list says in full why a
// story cannot be read, however many lines that takes at 80 columns.
func TestStoryListGivesTheWholeReason(t *testing.T) {
	m := newDeck(t, 80, 24)
	reason := "fetching http://127.0.0.1:8799/feed.xml: connection to 127.0.0.1:8799 refused; the server is down or the address is wrong, check it and try again"
	m.Update(eventMsg{s: m.stories[2], ev: feed.Event{Status: feed.Status{State: feed.Retrying,
		Err: feed.Transient("connection refused", errors.New(reason)), NextCheck: base.Add(30 * time.Second)}}})
	press(m, "S")
	var words []string
	in := false
	for _, l := range strings.Split(screen(m), "\n") {
		f := strings.Fields(l)
		if len(f) > 1 && f[0] == "3" {
			in = true
			continue
		}
		if in && (len(f) == 0 || f[0] == "Recent") {
			break
		}
		if in {
			words = append(words, f...)
		}
	}
	if got := strings.Join(words, " "); !strings.HasSuffix(got, reason) {
		t.Errorf("the story list says %q, want it to end with the whole reason %q", got, reason)
	}
}

// TestDeckViewsFit: every deck view fills the screen exactly at every
// size, and no line is wider than the terminal.
func TestDeckViewsFit(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}, {200, 60}} {
		for _, keys := range [][]string{nil, {"S"}, {"0"}, {"3"}, {"2", "l"}, {"?"}} {
			m := newDeck(t, size[0], size[1])
			press(m, keys...)
			lines := strings.Split(screen(m), "\n")
			if len(lines) != size[1] {
				t.Fatalf("%v after %v: %d lines", size, keys, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Fatalf("%v after %v: line of width %d: %q", size, keys, w, l)
				}
			}
		}
	}
}
