package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap lists every key the reader answers to; it feeds the help view.
type keyMap struct {
	Down, Up, PageDown, PageUp key.Binding
	Newest, Oldest             key.Binding
	Focus, Read                key.Binding
	Order, KeyOnly, Numbers    key.Binding
	Search, NextMatch, PrevMat key.Binding
	Open, Refresh, MarkAllRead key.Binding
	Star, Diff, Links, Copy    key.Binding
	Pause, Faster, Slower      key.Binding
	NextChange, PrevChange     key.Binding
	Help, Quit                 key.Binding
	replay                     bool
}

func newKeyMap(replay bool) keyMap {
	page := []string{"pgdown", "space"}
	if replay {
		page = []string{"pgdown"}
	}
	k := keyMap{
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "next")),
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "previous")),
		PageDown:    key.NewBinding(key.WithKeys(page...), key.WithHelp("pgdn", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		Newest:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top (newest)")),
		Oldest:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Focus:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),
		Read:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Order:       key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "order")),
		KeyOnly:     key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "key & starred")),
		Numbers:     key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "in numbers")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", "next/prev match")),
		PrevMat:     key.NewBinding(key.WithKeys("N")),
		Open:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "open in browser")),
		Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		MarkAllRead: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "mark all read")),
		Pause:       key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause/resume")),
		Faster:      key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "speed")),
		Slower:      key.NewBinding(key.WithKeys("-")),
		NextChange:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]/[", "next/prev change")),
		PrevChange:  key.NewBinding(key.WithKeys("[")),
		Star:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "star")),
		Diff:        key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "what changed")),
		Links:       key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "links")),
		Copy:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy link")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		replay:      replay,
	}
	if !replay {
		for _, b := range []*key.Binding{&k.Pause, &k.Faster, &k.Slower, &k.NextChange, &k.PrevChange} {
			b.SetEnabled(false)
		}
	} else {
		k.Refresh.SetEnabled(false)
	}
	return k
}

// ShortHelp is the help line.
func (k keyMap) ShortHelp() []key.Binding {
	if k.replay {
		return []key.Binding{k.Down, k.Pause, k.Faster, k.NextChange, k.Search, k.Help, k.Quit}
	}
	return []key.Binding{k.Down, k.Up, k.Read, k.Newest, k.Search, k.KeyOnly, k.Help, k.Quit}
}

// FullHelp is shown by "?".
func (k keyMap) FullHelp() [][]key.Binding {
	cols := [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Newest, k.Oldest},
		{k.Focus, k.Read, k.Order, k.KeyOnly, k.Numbers, k.Star},
		{k.Search, k.NextMatch, k.Diff, k.Links, k.Open, k.Copy},
		{k.Refresh, k.MarkAllRead},
	}
	if k.replay {
		cols = append(cols, []key.Binding{k.Pause, k.Faster, k.NextChange})
	}
	return append(cols, []key.Binding{k.Help, k.Quit})
}

// step says how many rows a movement key moves in a pane of height rows:
// one for j/k, a page less one row for PgDn/PgUp.
func (k keyMap) step(msg tea.KeyPressMsg, height int) (int, bool) {
	page := max(1, height-1)
	switch {
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	}
	return 0, false
}
