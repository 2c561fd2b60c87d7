package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap is the one table of every key the reader answers to. Each pane
// and overlay names the bindings it uses (its help.KeyMap), so the footer,
// the full help and any rebinding all read this table.
type keyMap struct {
	// Moving: the timeline's selection, or the scroll of the focused pane.
	Down, Up, PageDown, PageUp key.Binding
	Newest, Oldest             key.Binding

	// Panes and filters.
	Focus, Read, Back       key.Binding
	Order, KeyOnly, Numbers key.Binding
	Search, NextMatch, Prev key.Binding

	// The selected update.
	Star, Diff, Links, Copy, Open key.Binding
	NextUnread, ToggleRead        key.Binding

	// The source.
	Refresh, MarkAllRead key.Binding

	// Replays.
	Pause, Faster, Slower  key.Binding
	NextChange, PrevChange key.Binding

	// Inside overlays.
	Accept, Cancel key.Binding // the search line
	OpenLink       key.Binding // the links list: a number opens that link
	CloseLinks     key.Binding
	CloseDiff      key.Binding
	CloseHelp      key.Binding

	// Quit leaves; Interrupt leaves even while a search is typed.
	Help, Quit, Interrupt key.Binding
}

// newKeyMap is the default table. In a replay, space pauses, and checking
// the source makes no sense.
func newKeyMap(replay bool) *keyMap {
	page := []string{"pgdown", "space"}
	if replay {
		page = []string{"pgdown"}
	}
	k := &keyMap{
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "next")),
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "previous")),
		PageDown:    key.NewBinding(key.WithKeys(page...), key.WithHelp("pgdn", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		Newest:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top (newest)")),
		Oldest:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Focus:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),
		Read:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Order:       key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "order")),
		KeyOnly:     key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "key & starred")),
		Numbers:     key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "in numbers")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", "next/prev match")),
		Prev:        key.NewBinding(key.WithKeys("N")),
		Star:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "star")),
		NextUnread:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "next unread")),
		ToggleRead:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read/unread")),
		Diff:        key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "what changed")),
		Links:       key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "links")),
		Copy:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy link")),
		Open:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "open in browser")),
		Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		MarkAllRead: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "mark all read")),
		Pause:       key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause/resume")),
		Faster:      key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "speed")),
		Slower:      key.NewBinding(key.WithKeys("-")),
		NextChange:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]/[", "next/prev change")),
		PrevChange:  key.NewBinding(key.WithKeys("[")),
		Accept:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep the filter")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
		OpenLink:    key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9/enter", "open")),
		CloseLinks:  key.NewBinding(key.WithKeys("esc", "l", "q"), key.WithHelp("esc", "close")),
		CloseDiff:   key.NewBinding(key.WithKeys("esc", "d"), key.WithHelp("d/esc", "close")),
		CloseHelp:   key.NewBinding(key.WithKeys("esc", "?", "q"), key.WithHelp("?/esc/q", "close")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Interrupt:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
	if !replay {
		for _, b := range []*key.Binding{&k.Pause, &k.Faster, &k.Slower, &k.NextChange, &k.PrevChange} {
			b.SetEnabled(false)
		}
	}
	return k
}

// step says how many rows a movement key moves in a pane of height rows:
// one for j/k, a page less one row for PgDn/PgUp.
func (k *keyMap) step(msg tea.KeyPressMsg, height int) (int, bool) {
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
