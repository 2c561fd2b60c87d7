package tui

import (
	"fmt"
	"image/color"
	"regexp"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// styles holds every style the reader uses, built once per background so
// views never build styles per row per frame. Everything that matters also
// has a non-colour cue (bold, reverse, a marker), so the reader stays usable
// with NO_COLOR or on a monochrome terminal.
type styles struct {
	dark bool

	title, header, dim, err, badge lipgloss.Style
	paneTitle, paneTitleFocused    lipgloss.Style
	border, borderFocused          lipgloss.Style

	rowSelected, rowSelectedBlur                 lipgloss.Style
	markUnread, markKey, markEdited, markRemoved lipgloss.Style
	time                                         lipgloss.Style

	headline, meta, heading, quote, code, linkRef, strong, em lipgloss.Style
	match, removedText, addedText                             lipgloss.Style

	figure lipgloss.Style
	help   help.Styles

	// Pre-rendered escape sequences for the styles drawn on every row, so
	// a frame does not run Lip Gloss for each small piece.
	unreadSeq, keySeq, timeSeq, removedSeq, editedSeq, sepSeq wrapper
}

// wrapper is a style reduced to the sequences that open and close it; it
// suits single-line text with no escape sequences of its own.
type wrapper struct{ open, close string }

func newWrapper(st lipgloss.Style) wrapper {
	const mark = "\x00"
	r := st.Render(mark)
	i := strings.Index(r, mark)
	if i < 0 {
		return wrapper{}
	}
	return wrapper{open: r[:i], close: r[i+len(mark):]}
}

// wrap writes text in the wrapper's style.
func (w wrapper) write(b *strings.Builder, text string) {
	b.WriteString(w.open)
	b.WriteString(text)
	b.WriteString(w.close)
}

// Colours names the colours a theme may override, each with its light and
// dark default.
var Colours = map[string][2]string{
	"accent":         {"#005fd7", "#5fafff"}, // titles, focus, unread marks, links
	"subtle":         {"#6c6c6c", "#8a8a8a"}, // times, notes, borders
	"error":          {"#af0000", "#ff5f5f"}, // errors, removed updates
	"key":            {"#af5f00", "#ffaf00"}, // key events and stars
	"added":          {"#008700", "#87d787"}, // edits, what an edit added
	"selection":      {"#d0e4ff", "#264f78"}, // the selected row, focused
	"selection-blur": {"#e4e4e4", "#3a3a3a"}, // the selected row, unfocused
	"match":          {"#ffd75f", "#875f00"}, // search matches
	"text":           {"#1c1c1c", "#e4e4e4"}, // text on a selection
}

// CheckColour says whether s is a colour a theme can use: #rgb or
// #rrggbb, or an ANSI colour number from 0 to 255.
func CheckColour(s string) error {
	if ok, _ := regexp.MatchString(`^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[0-9]{1,3})$`, s); !ok {
		return fmt.Errorf("%q is not a colour: use #rrggbb, #rgb or an ANSI number from 0 to 255", s)
	}
	if n, err := strconv.Atoi(s); err == nil && n > 255 {
		return fmt.Errorf("%q is not a colour: ANSI numbers go from 0 to 255", s)
	}
	return nil
}

func newStyles(dark bool, override map[string]string) *styles {
	ld := lipgloss.LightDark(dark)
	colour := func(name string) color.Color {
		if c, ok := override[name]; ok {
			return lipgloss.Color(c)
		}
		d := Colours[name]
		return ld(lipgloss.Color(d[0]), lipgloss.Color(d[1]))
	}
	accent, subtle, warn := colour("accent"), colour("subtle"), colour("error")
	key, good := colour("key"), colour("added")
	selBg, selBlurBg, matchBg, fg := colour("selection"), colour("selection-blur"), colour("match"), colour("text")

	s := &styles{dark: dark}
	s.title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.header = lipgloss.NewStyle().Foreground(subtle)
	s.dim = lipgloss.NewStyle().Foreground(subtle)
	s.err = lipgloss.NewStyle().Foreground(warn).Bold(true)
	s.badge = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.paneTitle = lipgloss.NewStyle().Foreground(subtle).Bold(true)
	s.paneTitleFocused = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true)
	s.border = lipgloss.NewStyle().Foreground(subtle)
	s.borderFocused = lipgloss.NewStyle().Foreground(accent)

	s.rowSelected = lipgloss.NewStyle().Background(selBg).Foreground(fg).Reverse(false).Bold(true)
	s.rowSelectedBlur = lipgloss.NewStyle().Background(selBlurBg).Foreground(fg)
	s.markUnread = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.markKey = lipgloss.NewStyle().Foreground(key).Bold(true)
	s.markEdited = lipgloss.NewStyle().Foreground(good)
	s.markRemoved = lipgloss.NewStyle().Foreground(warn)
	s.time = lipgloss.NewStyle().Foreground(subtle)

	s.headline = lipgloss.NewStyle().Bold(true)
	s.meta = lipgloss.NewStyle().Foreground(subtle)
	s.heading = lipgloss.NewStyle().Bold(true).Underline(true)
	s.quote = lipgloss.NewStyle().Foreground(subtle).Italic(true)
	s.code = lipgloss.NewStyle().Foreground(good)
	s.linkRef = lipgloss.NewStyle().Foreground(accent)
	s.strong = lipgloss.NewStyle().Bold(true)
	s.em = lipgloss.NewStyle().Italic(true)
	s.match = lipgloss.NewStyle().Background(matchBg).Underline(true)
	s.removedText = lipgloss.NewStyle().Foreground(warn).Strikethrough(true)
	s.addedText = lipgloss.NewStyle().Foreground(good).Underline(true)

	s.figure = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.help = help.DefaultStyles(dark)
	s.unreadSeq, s.keySeq, s.timeSeq = newWrapper(s.markUnread), newWrapper(s.markKey), newWrapper(s.time)
	s.removedSeq, s.editedSeq = newWrapper(s.markRemoved), newWrapper(s.markEdited)
	s.sepSeq = newWrapper(s.border)
	return s
}
