package tui

import (
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

func newStyles(dark bool) *styles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#005fd7"), lipgloss.Color("#5fafff"))
	subtle := ld(lipgloss.Color("#6c6c6c"), lipgloss.Color("#8a8a8a"))
	warn := ld(lipgloss.Color("#af0000"), lipgloss.Color("#ff5f5f"))
	key := ld(lipgloss.Color("#af5f00"), lipgloss.Color("#ffaf00"))
	good := ld(lipgloss.Color("#008700"), lipgloss.Color("#87d787"))
	selBg := ld(lipgloss.Color("#d0e4ff"), lipgloss.Color("#264f78"))
	selBlurBg := ld(lipgloss.Color("#e4e4e4"), lipgloss.Color("#3a3a3a"))
	matchBg := ld(lipgloss.Color("#ffd75f"), lipgloss.Color("#875f00"))
	fg := ld(lipgloss.Color("#1c1c1c"), lipgloss.Color("#e4e4e4"))

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
