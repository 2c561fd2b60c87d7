package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/model"
)

// timelinePane draws the reader's timeline: a title with the filter and
// the "N new" badge, then one row per update in view. Only the rows in view
// are rendered, and each row is kept until what it shows changes, so a
// frame costs what is visible.
type timelinePane struct {
	*common
	w, h   int
	rows   map[*model.Update]cachedRow
	failed bool // the story's source failed its last reading
}

func newTimelinePane(c *common) *timelinePane {
	return &timelinePane{common: c, rows: make(map[*model.Update]cachedRow)}
}

// ShortHelp is the timeline's part of the footer.
func (p *timelinePane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.Read, k.Newest}
}

// FullHelp lists the timeline's keys.
func (p *timelinePane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Newest, k.Oldest}}
}

func (p *timelinePane) setSize(w, h int) { p.w, p.h = w, h }

func (p *timelinePane) view(focused bool) []string {
	out := make([]string, p.h)
	if p.h == 0 {
		return out
	}
	r := p.reader
	items, total := r.Items(), r.Story().Len()
	query := r.Query()
	note := ""
	switch {
	case !query.Empty():
		note = fmt.Sprintf("%s · %d of %d", quoted(query.Raw()), len(items), total)
	case r.KeyOnly():
		note = fmt.Sprintf("key events: %d of %d", len(items), total)
	}
	if !query.Empty() && r.KeyOnly() {
		note += " key events"
	}
	if r.OldestFirst() {
		note = strings.TrimPrefix(note+" · oldest first", " · ")
	}
	badge := ""
	if n := r.NewCount(); n > 0 {
		badge = strconv.Itoa(n) + " new"
	}
	out[0] = titleLine(p.styles, "Updates", note, badge, p.w, focused)
	rows := p.h - 1
	var hl highlighter
	if !query.Empty() {
		hl = query
	}
	if len(items) == 0 && rows > 0 {
		msg := "Waiting for the first updates…"
		switch {
		case !r.Loaded() && p.failed:
			msg = "Nothing read yet: the reason is above."
		case r.Loaded() && !query.Empty():
			msg = "No update matches \"" + query.Raw() + "\"."
		case r.Loaded() && r.KeyOnly():
			msg = "No key events yet. Press K to show all updates."
		case r.Loaded():
			msg = "The story has no updates yet."
		}
		out[1] = fit(p.styles.dim.Render(msg), p.w)
	}
	offset, sel := r.Offset(), r.Cursor()
	for i := 0; i < rows; i++ {
		j := offset + i
		if j >= len(items) {
			if out[i+1] == "" {
				out[i+1] = strings.Repeat(" ", p.w)
			}
			continue
		}
		out[i+1] = p.row(items[j], j == sel, focused, hl)
	}
	return out
}

// rowKey is everything a rendered timeline row depends on.
type rowKey struct {
	parts           rowParts
	width           int
	selected, focus bool
	query           string
	styles          *styles
}

type cachedRow struct {
	key rowKey
	s   string
}

// row renders an update's row, reusing the last rendering while nothing
// it shows has changed, so a frame allocates little.
func (p *timelinePane) row(u *model.Update, selected, focused bool, hl highlighter) string {
	k := rowKey{parts: p.rowParts(u, selected), width: p.w, selected: selected,
		focus: focused, query: p.reader.Query().Raw(), styles: p.styles}
	if c, ok := p.rows[u]; ok && c.key == k {
		return c.s
	}
	if len(p.rows) > 4*max(p.h, 24) {
		clear(p.rows)
	}
	s := renderRow(k.parts, p.w, selected, k.focus, hl, p.styles, p.looks)
	p.rows[u] = cachedRow{key: k, s: s}
	return s
}

func (p *timelinePane) rowParts(u *model.Update, selected bool) rowParts {
	rp := rowParts{cursor: " ", unread: " ", key: " ", star: " ", headline: u.Headline}
	if selected {
		rp.cursor = "›"
	}
	if !p.reader.IsRead(u.ID) {
		rp.unread = "●"
	}
	if u.Key {
		rp.key = "◆"
	}
	if p.reader.IsStarred(u.ID) {
		rp.star = "★"
	}
	if u.HasTime() {
		rp.when = shortTime(u.Published, p.now, p.loc)
	}
	switch {
	case u.Removed:
		rp.suffix = markRemoved
	case u.Edited:
		rp.suffix = markEdited
	}
	return rp
}

// Row markers; each reads without colour.
const (
	markEdited  = "✎"
	markRemoved = "✗"
)

// rowParts are the pieces of one timeline row.
type rowParts struct {
	cursor, unread, key, star, when string
	headline                        string
	suffix                          string
}

// renderRow lays out one row at width; only rows in view are rendered, so
// a frame costs what is visible. The selected row is drawn in one style
// (inner styles would end its background early), with a cursor mark that
// shows even without colour.
func renderRow(p rowParts, width int, selected, focused bool, hl highlighter, s *styles, ls *lookStyles) string {
	const timeWidth = 6
	when := p.when
	if w := textWidth(when); w < timeWidth {
		when = strings.Repeat(" ", timeWidth-w) + when
	}
	fixed := 3 + 1 + timeWidth + 1
	suffixWidth := textWidth(p.suffix)
	room := width - fixed
	if p.suffix != "" {
		room -= suffixWidth + 1
	}
	head := p.headline
	headWidth := textWidth(head)
	if headWidth > room {
		head = ansi.Truncate(head, max(room, 0), "…")
		headWidth = textWidth(head)
	}
	pad := max(0, width-fixed-headWidth-suffixWidth)
	if selected {
		// One style across the row, with search matches marked on top.
		prefix := p.cursor + p.unread + p.key + p.star + when + " "
		row := prefix + head + strings.Repeat(" ", pad) + p.suffix
		base := lookSelectedBlur
		if focused {
			base = lookSelected
		}
		t := styledText{text: row, runs: []run{{end: len(row), look: base}}}
		if hl != nil {
			ranges := hl.Highlights(head)
			for i := range ranges {
				ranges[i][0] += len(prefix)
				ranges[i][1] += len(prefix)
			}
			t.overlay(ranges, lookMatch)
		}
		return ls.render(&t, 0, len(row))
	}
	var b strings.Builder
	b.WriteString(p.cursor)
	s.unreadSeq.write(&b, p.unread)
	s.keySeq.write(&b, p.key)
	if p.star == " " {
		b.WriteByte(' ')
	} else {
		s.keySeq.write(&b, p.star)
	}
	s.timeSeq.write(&b, when)
	b.WriteByte(' ')
	t := styledText{text: head}
	if hl != nil {
		t.overlay(hl.Highlights(head), lookMatch)
	}
	if p.unread != " " {
		t.overlay([][2]int{{0, len(head)}}, lookStrong)
	}
	b.WriteString(ls.render(&t, 0, len(t.text)))
	b.WriteString(strings.Repeat(" ", pad))
	switch p.suffix {
	case markRemoved:
		s.removedSeq.write(&b, p.suffix)
	case markEdited:
		s.editedSeq.write(&b, p.suffix)
	}
	return b.String()
}

// textWidth is the width in cells of plain text (no escape sequences),
// counted byte by byte for ASCII, the common case.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// quoted puts a search in quotation marks, unless it has its own: a
// phrase search ("pumps at") is shown as typed.
func quoted(q string) string {
	if strings.ContainsRune(q, '"') {
		return q
	}
	return "“" + q + "”"
}
