// Package notify builds desktop notifications for new updates: when to send
// one, what it says, and the terminal escape sequence that carries it (OSC 9
// or OSC 777, wrapped for tmux), followed by a bell.
package notify

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/liveline-tui/liveline/feed/sanitize"
	"github.com/liveline-tui/liveline/model"
)

// Mode says which new updates notify.
type Mode uint8

// Modes.
const (
	Off     Mode = iota // never notify
	All                 // notify for any new update
	KeyOnly             // notify only for new key events
)

func (m Mode) String() string {
	switch m {
	case Off:
		return "off"
	case All:
		return "all"
	case KeyOnly:
		return "key"
	}
	return "mode(" + strconv.Itoa(int(m)) + ")"
}

// ParseMode reads a --notify value: "all" (or empty, "true", "on"), "key",
// or "off" ("false", "none").
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "all", "true", "on", "yes", "1":
		return All, nil
	case "key", "keys", "key-events":
		return KeyOnly, nil
	case "off", "false", "none", "no", "0":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown notification mode %q: use all, key or off", s)
}

// ShouldNotify decides whether a poll that brought newUpdates (newest first,
// as model.Changes.New holds them) notifies, and with what: how many
// updates count and the newest one's headline. It never notifies for the
// first snapshot of a source (everything in it is old news to the reader),
// for quiet sources such as replays and the demo, or when nothing that
// counts under mode is new.
func ShouldNotify(mode Mode, first, quiet bool, newUpdates []*model.Update) (n int, headline string, ok bool) {
	if mode == Off || first || quiet {
		return 0, "", false
	}
	var newest *model.Update
	for _, u := range newUpdates {
		if u == nil || u.Removed || mode == KeyOnly && !u.Key {
			continue
		}
		n++
		if newest == nil || u.SortTime().After(newest.SortTime()) {
			newest = u
		}
	}
	if n == 0 {
		return 0, "", false
	}
	headline = newest.Headline
	if headline == "" {
		headline = model.HeadlineFromText(newest.Text)
	}
	return n, headline, true
}

// MaxText is the longest notification text, in runes.
const MaxText = 100

// MaxTitle is the longest notification title, in runes.
const MaxTitle = 60

// Text is the notification text for n new updates whose newest has the
// given headline: "3 new: <headline>", made safe and cut to MaxText runes.
func Text(n int, newestHeadline string) string {
	h := Clean(newestHeadline)
	var s string
	switch {
	case h != "":
		s = strconv.Itoa(n) + " new: " + h
	case n == 1:
		s = "1 new update"
	default:
		s = strconv.Itoa(n) + " new updates"
	}
	return Truncate(s, MaxText)
}

// Clean makes text safe to put inside a notification sequence: it is
// sanitised to one line, and semicolons, which separate the fields of the
// sequences, become commas.
func Clean(s string) string {
	s = sanitize.Line(s)
	if strings.ContainsRune(s, ';') {
		s = strings.ReplaceAll(s, ";", ",")
	}
	return s
}

// Truncate cuts s to at most max runes, at a word boundary when one is near,
// ending it with an ellipsis.
func Truncate(s string, max int) string { return model.Shorten(s, max) }

const (
	esc = "\x1b"
	bel = "\a"
	st  = esc + `\`
)

// Sequence returns what to write to the terminal to show a desktop
// notification with title and body, then ring the bell. getenv reads the
// environment, to pick the sequence the terminal understands:
//
//   - OSC 777 (ESC ] 777 ; notify ; title ; body BEL) for terminals that use
//     it: rxvt-unicode, foot, VTE-based terminals (GNOME Terminal, Ptyxis,
//     Tilix), Ghostty and WezTerm;
//   - OSC 9 (ESC ] 9 ; text BEL), iTerm2's form, everywhere else; the text is
//     "title: body".
//
// Inside tmux (TMUX is set) the sequence is wrapped in a tmux passthrough
// (tmux needs "set -g allow-passthrough on" to forward it). Title and body
// are cleaned with Clean and cut short, so nothing in them can end the
// sequence or start another.
func Sequence(title, body string, getenv func(string) string) string {
	title = Truncate(Clean(title), MaxTitle)
	body = Truncate(Clean(body), MaxText)
	var seq string
	if wants777(getenv) {
		seq = esc + "]777;notify;" + title + ";" + body + bel
	} else {
		text := body
		if title != "" {
			text = title + ": " + body
		}
		// ConEmu, Windows Terminal and Ghostty read "OSC 9 ; <digit>" as one
		// of ConEmu's commands rather than a notification.
		if text != "" && text[0] >= '0' && text[0] <= '9' {
			text = "liveline: " + text
		}
		seq = esc + "]9;" + text + bel
	}
	if getenv("TMUX") != "" {
		seq = tmuxWrap(seq)
	}
	return seq + bel
}

// wants777 reports whether the terminal shows OSC 777 notifications. Inside
// tmux TERM and TERM_PROGRAM name tmux, so variables the outer terminal
// sets in its own environment are checked too.
func wants777(getenv func(string) string) bool {
	switch strings.ToLower(getenv("TERM_PROGRAM")) {
	case "ghostty", "wezterm":
		return true
	case "iterm.app":
		return false
	}
	term := getenv("TERM")
	switch {
	case strings.HasPrefix(term, "rxvt"), term == "foot", strings.HasPrefix(term, "foot-"):
		return true
	}
	return getenv("VTE_VERSION") != "" || getenv("GHOSTTY_RESOURCES_DIR") != "" || getenv("WEZTERM_PANE") != ""
}

// tmuxWrap wraps seq in tmux's passthrough: ESC P tmux; with every ESC in
// seq doubled, then ESC \.
func tmuxWrap(seq string) string {
	return esc + "Ptmux;" + strings.ReplaceAll(seq, esc, esc+esc) + st
}
