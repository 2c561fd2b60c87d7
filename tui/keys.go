package tui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap holds a binding for every action the reader answers to. It is
// built from one table, actions, so the footer, the full help and the
// config file's rebinding all read the same names and keys.
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

	// Several stories.
	NextStory, PrevStory, Story, AllStories, Stories key.Binding

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

// keyPlace is where an action's keys are read; two actions of one place
// may not share a key.
type keyPlace uint8

const (
	inPanes  keyPlace = iota // the panes, with no overlay open, or the diff
	inSearch                 // typing a search
	inLinks                  // the links list
	inHelp                   // the full help
	inDeck                   // the story list
)

// action is one row of the key table: a name the config file uses, the
// keys bound by default, what the help says, and where it acts.
type action struct {
	name   string
	keys   []string
	label  string // the keys as the help shows them, while not rebound
	desc   string
	places []keyPlace
	// pair, when set, is the action shown with this one in the help
	// ("n/N"); an action with no desc is shown only through its pair.
	pair string
	// replay says the action acts only in replays (true), only outside
	// them (false) or in both (nil).
	replay *bool
	field  func(*keyMap) *key.Binding
}

var yes, no = true, false

// actions is the key table.
var actions = []action{
	{name: "down", keys: []string{"j", "down"}, desc: "next", places: []keyPlace{inPanes, inLinks, inDeck}, field: func(k *keyMap) *key.Binding { return &k.Down }},
	{name: "up", keys: []string{"k", "up"}, desc: "previous", places: []keyPlace{inPanes, inLinks, inDeck}, field: func(k *keyMap) *key.Binding { return &k.Up }},
	{name: "page-down", label: "pgdn", keys: []string{"pgdown", "space"}, desc: "page down", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.PageDown }},
	{name: "page-up", keys: []string{"pgup"}, desc: "page up", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.PageUp }},
	{name: "newest", keys: []string{"g", "home"}, desc: "top (newest)", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Newest }},
	{name: "oldest", keys: []string{"G", "end"}, desc: "bottom", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Oldest }},
	{name: "focus", keys: []string{"tab"}, desc: "switch pane", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Focus }},
	{name: "read", keys: []string{"enter"}, desc: "read", places: []keyPlace{inPanes, inLinks, inDeck}, field: func(k *keyMap) *key.Binding { return &k.Read }},
	{name: "back", keys: []string{"esc"}, desc: "back", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Back }},
	{name: "order", keys: []string{"o"}, desc: "order", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Order }},
	{name: "key-events", keys: []string{"K"}, desc: "key & starred", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.KeyOnly }},
	{name: "in-numbers", keys: []string{"i"}, desc: "in numbers", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Numbers }},
	{name: "search", keys: []string{"/"}, desc: "search", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Search }},
	{name: "next-match", label: "n/N", keys: []string{"n"}, desc: "next/prev match", pair: "previous-match", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.NextMatch }},
	{name: "previous-match", keys: []string{"N"}, places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Prev }},
	{name: "star", keys: []string{"s"}, desc: "star", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Star }},
	{name: "next-unread", keys: []string{"u"}, desc: "next unread", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.NextUnread }},
	{name: "toggle-read", keys: []string{"m"}, desc: "mark read/unread", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.ToggleRead }},
	{name: "diff", keys: []string{"d"}, desc: "what changed", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Diff }},
	{name: "links", keys: []string{"l"}, desc: "links", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Links }},
	{name: "copy", keys: []string{"y"}, desc: "copy link", places: []keyPlace{inPanes, inLinks}, field: func(k *keyMap) *key.Binding { return &k.Copy }},
	{name: "open", keys: []string{"b"}, desc: "open in browser", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Open }},
	{name: "refresh", keys: []string{"r"}, desc: "refresh", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Refresh }},
	{name: "mark-all-read", keys: []string{"A"}, desc: "mark all read", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.MarkAllRead }},
	{name: "next-story", label: ">/<", keys: []string{">"}, desc: "next/prev story", pair: "previous-story", replay: &no, places: []keyPlace{inPanes, inDeck}, field: func(k *keyMap) *key.Binding { return &k.NextStory }},
	{name: "previous-story", keys: []string{"<"}, replay: &no, places: []keyPlace{inPanes, inDeck}, field: func(k *keyMap) *key.Binding { return &k.PrevStory }},
	{name: "story", label: "1-9", keys: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, desc: "story 1 to 9", replay: &no, places: []keyPlace{inPanes, inDeck}, field: func(k *keyMap) *key.Binding { return &k.Story }},
	{name: "all-stories", keys: []string{"0"}, desc: "all stories", replay: &no, places: []keyPlace{inPanes, inDeck}, field: func(k *keyMap) *key.Binding { return &k.AllStories }},
	{name: "stories", keys: []string{"S"}, desc: "story list", replay: &no, places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Stories }},
	{name: "pause", keys: []string{"space"}, desc: "pause/resume", replay: &yes, places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Pause }},
	{name: "faster", label: "+/-", keys: []string{"+", "="}, desc: "speed", pair: "slower", replay: &yes, places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Faster }},
	{name: "slower", keys: []string{"-"}, replay: &yes, places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.Slower }},
	{name: "next-change", label: "]/[", keys: []string{"]"}, desc: "next/prev change", pair: "previous-change", replay: &yes, places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.NextChange }},
	{name: "previous-change", keys: []string{"["}, replay: &yes, places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.PrevChange }},
	{name: "keep-search", keys: []string{"enter"}, desc: "keep the filter", places: []keyPlace{inSearch}, field: func(k *keyMap) *key.Binding { return &k.Accept }},
	{name: "clear-search", keys: []string{"esc"}, desc: "clear", places: []keyPlace{inSearch}, field: func(k *keyMap) *key.Binding { return &k.Cancel }},
	{name: "open-link", label: "1-9/enter", keys: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, desc: "open", places: []keyPlace{inLinks}, field: func(k *keyMap) *key.Binding { return &k.OpenLink }},
	{name: "close-links", label: "esc", keys: []string{"esc", "l", "q"}, desc: "close", places: []keyPlace{inLinks}, field: func(k *keyMap) *key.Binding { return &k.CloseLinks }},
	{name: "close-diff", label: "d/esc", keys: []string{"esc", "d"}, desc: "close", places: []keyPlace{inPanes}, field: func(k *keyMap) *key.Binding { return &k.CloseDiff }},
	{name: "close-help", label: "?/esc/q", keys: []string{"esc", "?", "q"}, desc: "close", places: []keyPlace{inHelp}, field: func(k *keyMap) *key.Binding { return &k.CloseHelp }},
	{name: "help", keys: []string{"?"}, desc: "all keys", places: []keyPlace{inPanes, inDeck}, field: func(k *keyMap) *key.Binding { return &k.Help }},
	{name: "quit", label: "q", keys: []string{"q", "ctrl+c"}, desc: "quit", places: []keyPlace{inPanes, inDeck}, field: func(k *keyMap) *key.Binding { return &k.Quit }},
	{name: "interrupt", label: "ctrl+c", keys: []string{"ctrl+c"}, desc: "quit", places: []keyPlace{inSearch, inLinks, inHelp}, field: func(k *keyMap) *key.Binding { return &k.Interrupt }},
}

// KeyAction is one action of the key table, as the config file names it.
type KeyAction struct {
	Name, Help string
	Keys       []string // bound by default
}

// KeyActions lists every action a key can be bound to, with its default
// keys.
func KeyActions() []KeyAction {
	out := make([]KeyAction, 0, len(actions))
	for _, a := range actions {
		desc := a.desc
		if desc == "" {
			desc = "with " + a.pairedBy()
		}
		out = append(out, KeyAction{Name: a.name, Help: desc, Keys: slices.Clone(a.keys)})
	}
	return out
}

// pairedBy names the action that shows this one in the help.
func (a action) pairedBy() string {
	for _, b := range actions {
		if b.pair == a.name {
			return b.name
		}
	}
	return ""
}

// newKeyMap builds the key table, with the keys given by name replacing
// the defaults of those actions. In a replay, space pauses rather than
// pages, and the keys of several stories do nothing.
func newKeyMap(replay bool, rebind map[string][]string) *keyMap {
	k := &keyMap{}
	keysOf := func(a action) []string {
		if ks, ok := rebind[a.name]; ok {
			return ks
		}
		if replay && a.name == "page-down" {
			return slices.DeleteFunc(slices.Clone(a.keys), func(s string) bool { return s == "space" })
		}
		return a.keys
	}
	for _, a := range actions {
		ks := keysOf(a)
		b := key.NewBinding(key.WithKeys(ks...))
		if a.desc != "" {
			b.SetHelp(helpLabel(a, ks, rebind, keysOf), a.desc)
		}
		if a.replay != nil && *a.replay != replay {
			b.SetEnabled(false)
		}
		*a.field(k) = b
	}
	return k
}

// helpLabel shows an action's keys in the help: as written in the table
// while none of the keys it shows are rebound, else from the keys bound
// ("n/N" for a pair, "1-9" for a run).
func helpLabel(a action, ks []string, rebind map[string][]string, keysOf func(action) []string) string {
	_, mine := rebind[a.name]
	_, partner := rebind[a.pair]
	if a.label != "" && !mine && !partner {
		return a.label
	}
	switch {
	case a.pair != "":
		return keyLabel(firstKey(ks)) + "/" + keyLabel(firstKey(keysOf(find(a.pair))))
	case a.name == "open-link":
		return keyRange(ks) + "/" + keyLabel(firstKey(keysOf(find("read"))))
	case a.name == "story":
		return keyRange(ks)
	}
	return keyLabel(ks[:min(2, len(ks))])
}

func find(name string) action {
	for _, a := range actions {
		if a.name == name {
			return a
		}
	}
	panic("tui: no key action " + name)
}

func firstKey(ks []string) []string { return ks[:min(1, len(ks))] }

// keyNames are how keys are shown in the help.
var keyNames = map[string]string{"down": "↓", "up": "↑", "left": "←", "right": "→", "pgdown": "pgdn"}

// keyLabel shows keys for the help: "j/↓".
func keyLabel(ks []string) string {
	shown := make([]string, len(ks))
	for i, k := range ks {
		if n, ok := keyNames[k]; ok {
			k = n
		}
		shown[i] = k
	}
	return strings.Join(shown, "/")
}

// keyRange shows a run of keys as "1-9" when it is one, else as keyLabel.
func keyRange(ks []string) string {
	if len(ks) > 2 {
		return ks[0] + "-" + ks[len(ks)-1]
	}
	return keyLabel(ks)
}

// CheckKeys checks keys to bind by action name: every name must be an
// action of KeyActions, every key a key the terminal can send (a
// character, or a name such as "enter", "pgdown", "f5", with "ctrl+",
// "alt+" or "shift+" before it), and no two actions that act in the same
// place may share a key once the bindings are applied. The error names
// the action and the key.
func CheckKeys(rebind map[string][]string) error {
	names := make([]string, 0, len(rebind))
	for name := range rebind {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !slices.ContainsFunc(actions, func(a action) bool { return a.name == name }) {
			return fmt.Errorf("no action is called %q; the actions are %s", name, actionNames())
		}
		if len(rebind[name]) == 0 {
			return fmt.Errorf("%s: give at least one key", name)
		}
		for _, k := range rebind[name] {
			if err := checkKey(k); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	for _, replay := range []bool{false, true} {
		k := newKeyMap(replay, rebind)
		for _, ctx := range []keyPlace{inPanes, inSearch, inLinks, inHelp, inDeck} {
			owner := map[string]string{}
			for _, a := range actions {
				b := a.field(k)
				if !b.Enabled() || !slices.Contains(a.places, ctx) || a.name == "interrupt" {
					continue
				}
				for _, key := range b.Keys() {
					if o, taken := owner[key]; taken && !sharedByDesign(o, a.name) {
						return fmt.Errorf("the key %q is bound to both %s and %s", key, o, a.name)
					}
					owner[key] = a.name
				}
			}
		}
	}
	return nil
}

// sharedByDesign are the pairs of actions whose keys may overlap: the key
// that quits also closes what is open, and Enter reads in every pane.
func sharedByDesign(a, b string) bool {
	pair := [2]string{a, b}
	slices.Sort(pair[:])
	switch pair {
	case [2]string{"back", "close-diff"}, [2]string{"close-diff", "diff"}, [2]string{"close-diff", "quit"}:
		return true
	}
	return false
}

func actionNames() string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.name
	}
	return strings.Join(names, ", ")
}

// terminalKeys are the keys with names, as the terminal reports them.
var terminalKeys = map[string]bool{
	"up": true, "down": true, "left": true, "right": true, "home": true, "end": true,
	"pgup": true, "pgdown": true, "tab": true, "enter": true, "esc": true, "space": true,
	"backspace": true, "delete": true, "insert": true,
	"f1": true, "f2": true, "f3": true, "f4": true, "f5": true, "f6": true,
	"f7": true, "f8": true, "f9": true, "f10": true, "f11": true, "f12": true,
}

// checkKey says whether the terminal can send k.
func checkKey(k string) error {
	rest := k
	for _, mod := range []string{"ctrl+", "alt+", "shift+"} {
		rest = strings.TrimPrefix(rest, mod)
	}
	if terminalKeys[rest] || (utf8.RuneCountInString(rest) == 1 && rest != " ") {
		return nil
	}
	return fmt.Errorf("%q is not a key: use a character, or a name such as enter, esc, tab, space, up, pgdown or f5, with ctrl+, alt+ or shift+ before it if needed", k)
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
