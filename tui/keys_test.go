package tui

import (
	"image/color"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

func TestCheckKeys(t *testing.T) {
	for _, c := range []struct {
		rebind map[string][]string
		err    string
	}{
		{map[string][]string{"down": {"x"}, "up": {"w", "ctrl+p"}}, ""},
		{map[string][]string{"next-story": {"]"}, "previous-story": {"["}}, ""}, // ] and [ step changes only in replays
		{map[string][]string{"dwn": {"x"}}, `no action is called "dwn"`},
		{map[string][]string{"down": {}}, "down: give at least one key"},
		{map[string][]string{"down": {"ctrl+nope"}}, `down: "ctrl+nope" is not a key`},
		{map[string][]string{"star": {"j"}}, `the key "j" is bound to both down and star`},
		{map[string][]string{"close-links": {"y"}}, `the key "y" is bound to both copy and close-links`},
		{map[string][]string{"pause": {"j"}}, `the key "j" is bound to both down and pause`},
	} {
		err := CheckKeys(c.rebind)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%v: %v", c.rebind, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%v: error %v, want %q", c.rebind, err, c.err)
		}
	}
	for _, a := range KeyActions() {
		if a.Name == "" || a.Help == "" || len(a.Keys) == 0 {
			t.Errorf("incomplete action %+v", a)
		}
	}
	if err := CheckKeys(nil); err != nil {
		t.Fatalf("the default keys conflict: %v", err)
	}
}

// TestReboundKeysActAndShow: a rebound action answers its new keys, no
// longer its old ones, and the footer and help show the new ones.
func TestReboundKeysActAndShow(t *testing.T) {
	m := New(Options{Stories: []StoryOptions{{Source: &fakeSource{}}}, Now: func() time.Time { return base }, Location: time.UTC,
		Keys: map[string][]string{"down": {"x"}, "up": {"w"}, "help": {"h"}}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	send(m, snapshotOf(0, 10))
	press(m, "j")
	if selectedID(m) != "u000" {
		t.Fatal("j still moves after down was rebound")
	}
	press(m, "x", "x", "w")
	if selectedID(m) != "u001" {
		t.Fatalf("x, x, w selected %s", selectedID(m))
	}
	if s := screen(m); !strings.Contains(s, "x next") || !strings.Contains(s, "w previous") || !strings.Contains(s, "h all keys") {
		t.Fatalf("the footer does not show the bound keys:\n%s", s)
	}
	press(m, "h")
	if m.mode != modeHelp || !regexp.MustCompile(`\bx +next\b`).MatchString(screen(m)) {
		t.Fatalf("the help does not open on h or show x:\n%s", screen(m))
	}
}

func TestThemeAndColours(t *testing.T) {
	m := New(Options{Stories: []StoryOptions{{Source: &fakeSource{}}}, Now: func() time.Time { return base }, Location: time.UTC,
		Theme: "light", Colours: map[string]string{"accent": "#ff0000"}})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(tea.BackgroundColorMsg{Color: color.Black})
	send(m, snapshotOf(0, 3))
	if m.styles.dark {
		t.Fatal("a fixed light theme followed the terminal's dark background")
	}
	if !strings.Contains(m.View().Content, "38;2;255;0;0") {
		t.Fatal("the accent colour was not overridden")
	}
	for _, c := range []string{"#abc", "#a0b1c2", "0", "255"} {
		if err := CheckColour(c); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
	for _, c := range []string{"red", "#abcd", "256", ""} {
		if CheckColour(c) == nil {
			t.Errorf("%q taken for a colour", c)
		}
	}
}
