package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/model"
)

// timeline is the list of updates the reader sees, in the chosen order and
// after the key-event and search filters, with the selection and scroll.
// It keeps the selection and the top row by identity, so updates arriving
// at either end never move what the reader is looking at.
type timeline struct {
	items       []*model.Update
	sel, offset int
	oldestFirst bool
}

// rebuild refills the list from the story (newest first) through keep,
// keeping the selected update and the top row where they were.
func (t *timeline) rebuild(all []*model.Update, keep func(*model.Update) bool) {
	var selected, top *model.Update
	if t.sel < len(t.items) {
		selected = t.items[t.sel]
	}
	if t.offset < len(t.items) {
		top = t.items[t.offset]
	}
	items := t.items[:0]
	if keep == nil {
		items = append(items, all...)
	} else {
		for _, u := range all {
			if keep(u) {
				items = append(items, u)
			}
		}
	}
	if t.oldestFirst {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	t.items = items
	t.sel = t.indexOf(selected, t.sel)
	t.offset = t.indexOf(top, t.offset)
}

// indexOf finds u, looking first near where it was; when u has gone it
// returns the nearest valid index to fallback.
func (t *timeline) indexOf(u *model.Update, fallback int) int {
	if u != nil {
		for d := 0; d < len(t.items); d++ {
			if i := fallback + d; i < len(t.items) && t.items[i] == u {
				return i
			}
			if i := fallback - d - 1; i >= 0 && i < len(t.items) && t.items[i] == u {
				return i
			}
		}
	}
	return max(0, min(fallback, len(t.items)-1))
}

// selected is the selected update, or nil when the list is empty.
func (t *timeline) selected() *model.Update {
	if t.sel < len(t.items) {
		return t.items[t.sel]
	}
	return nil
}

// newestIndex is where the newest update sits.
func (t *timeline) newestIndex() int {
	if t.oldestFirst {
		return max(0, len(t.items)-1)
	}
	return 0
}

// atNewest reports whether the reader sits on the newest update.
func (t *timeline) atNewest() bool {
	return len(t.items) == 0 || t.sel == t.newestIndex()
}

// move selects the update n rows on and keeps it in view.
func (t *timeline) move(n, height int) {
	t.selectIndex(t.sel+n, height)
}

// selectIndex selects row i (clamped) and scrolls to keep it in view.
func (t *timeline) selectIndex(i, height int) {
	if len(t.items) == 0 {
		t.sel, t.offset = 0, 0
		return
	}
	t.sel = max(0, min(i, len(t.items)-1))
	t.clamp(height)
}

// clamp keeps the selection inside the rows shown.
func (t *timeline) clamp(height int) {
	height = max(1, height)
	if t.sel < t.offset {
		t.offset = t.sel
	}
	if t.sel >= t.offset+height {
		t.offset = t.sel - height + 1
	}
	t.offset = max(0, min(t.offset, len(t.items)-height))
}

// scroll moves the view by n rows without moving the selection, unless
// the selection would leave the view.
func (t *timeline) scroll(n, height int) {
	t.offset = max(0, min(t.offset+n, len(t.items)-height))
	if t.sel < t.offset {
		t.sel = t.offset
	} else if t.sel >= t.offset+height {
		t.sel = t.offset + height - 1
	}
	t.sel = max(0, min(t.sel, len(t.items)-1))
}

// Row markers; each reads without colour.
const (
	markEdited  = "✎"
	markRemoved = "✗"
)

// rowParts are the pieces of one timeline row.
type rowParts struct {
	cursor, unread, key, when string
	headline                  string
	suffix                    string
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
		prefix := p.cursor + p.unread + p.key + " " + when + " "
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
	b.WriteByte(' ')
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
