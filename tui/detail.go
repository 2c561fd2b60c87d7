package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/model"
)

// highlighter finds the byte ranges of s to mark as search matches.
type highlighter interface {
	Highlights(s string) [][2]int
}

// detailKey says when a laid-out update is still good.
type detailKey struct {
	id    string
	hash  uint64
	flags string
	width int
	query string
	dark  bool
}

// detailPane shows the selected update laid out for its width, scrolling
// on its own. The layout is kept until the update, the width, the search or
// the theme changes, so scrolling and redraws cost only the lines shown.
type detailPane struct {
	*common
	w, h    int
	key     detailKey
	lines   []string
	matches []int // lines holding a search match, in order
	offset  int
	match   int // the current match, an index into matches; -1 for none
	arrive  int // once the next update is laid out: 1 goes to its first match, -1 its last
	blank   string
}

func newDetailPane(c *common) *detailPane { return &detailPane{common: c, match: -1} }

// ShortHelp is the detail pane's part of the footer: n/N only while a
// search marks matches.
func (d *detailPane) ShortHelp() []key.Binding {
	k := d.keys
	if len(d.matches) > 0 {
		return []key.Binding{k.Down, k.Up, k.NextMatch, k.Back}
	}
	return []key.Binding{k.Down, k.Up, k.Back}
}

// FullHelp lists the detail pane's keys.
func (d *detailPane) FullHelp() [][]key.Binding {
	k := d.keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.NextMatch, k.Back}}
}

// textHeight is how many lines of text the pane shows under its title.
func (d *detailPane) textHeight() int { return max(1, d.h-1) }

// setSize lays the selected update out for the pane, unless the layout in
// hand is still good.
func (d *detailPane) setSize(w, h int) {
	d.w, d.h = w, h
	u := d.reader.Selected()
	query := d.reader.Query()
	width := max(8, w-1)
	k := detailKey{width: width, query: query.Raw(), dark: d.styles.dark}
	if u != nil {
		k.id, k.hash, k.flags = u.ID, u.Hash, updateFlags(u)
	}
	if k != d.key || d.lines == nil {
		if k.id != d.key.id {
			d.offset = 0
		}
		d.match = -1 // the matches may have moved
		d.key = k
		var hl highlighter
		if !query.Empty() {
			hl = query
		}
		d.lines, d.matches = layoutUpdate(u, width, hl, d.looks, d.loc)
		// Pad once here rather than on every frame: the pane is one column
		// wider than its text, for a margin on the left.
		for i, line := range d.lines {
			d.lines[i] = fit(" "+line, width+1)
		}
		d.blank = strings.Repeat(" ", width+1)
	}
	d.offset = max(0, min(d.offset, len(d.lines)-d.textHeight()))
	if d.arrive != 0 {
		d.stepMatch(d.arrive)
		d.arrive = 0
	}
}

func updateFlags(u *model.Update) string {
	var b [3]byte
	b[0], b[1], b[2] = '-', '-', '-'
	if u.Edited {
		b[0] = 'e'
	}
	if u.Removed {
		b[1] = 'r'
	}
	if u.Key {
		b[2] = 'k'
	}
	return string(b[:])
}

// restore scrolls to offset in the update with id, once it is laid out.
func (d *detailPane) restore(id string, offset int) {
	d.key, d.lines = detailKey{id: id}, nil
	d.offset = max(0, offset)
}

// scroll moves the view by n lines.
func (d *detailPane) scroll(n int) {
	d.offset = max(0, min(d.offset+n, len(d.lines)-d.textHeight()))
}

// top and bottom scroll to either end of the update.
func (d *detailPane) top()    { d.offset = 0 }
func (d *detailPane) bottom() { d.scroll(len(d.lines)) }

// stepMatch moves to the next (dir > 0) or previous match in the update
// and scrolls to it; from no match, n goes to the first and N to the last.
// It reports false when there is no match that way.
func (d *detailPane) stepMatch(dir int) bool {
	next := d.match + dir
	if d.match < 0 && dir < 0 {
		next = len(d.matches) - 1
	}
	if next < 0 || next >= len(d.matches) {
		return false
	}
	d.match = next
	height := d.textHeight()
	line := d.matches[d.match]
	if line < d.offset || line >= d.offset+height {
		d.offset = max(0, min(line-height/3, len(d.lines)-height))
	}
	return true
}

func (d *detailPane) view(focused bool) []string {
	out := make([]string, d.h)
	if d.h == 0 {
		return out
	}
	note := ""
	if u := d.reader.Selected(); u != nil && u.Previous != nil {
		note = "edited · d shows what changed"
	}
	if total := len(d.lines); total > d.h-1 {
		note = strings.TrimPrefix(note+" · "+fmt.Sprintf("%d%%", 100*min(d.offset+d.h-1, total)/total), " · ")
	}
	if len(d.matches) > 0 {
		matches := "1 line matches (n/N)"
		if n := len(d.matches); d.match >= 0 {
			matches = fmt.Sprintf("match %d of %d lines (n/N)", d.match+1, n)
		} else if n > 1 {
			matches = strconv.Itoa(n) + " lines match (n/N)"
		}
		note = strings.TrimPrefix(note+" · "+matches, " · ")
	}
	out[0] = titleLine(d.styles, "Update", note, "", d.w, focused)
	for i := range out[1:] {
		if j := d.offset + i; j < len(d.lines) {
			out[i+1] = d.lines[j]
		} else {
			out[i+1] = d.blank
		}
	}
	return out
}

// layoutUpdate renders an update for the detail pane: headline, time and
// author, markers, then the body block by block, then its links.
func layoutUpdate(u *model.Update, width int, hl highlighter, ls *lookStyles, loc *time.Location) (lines []string, matches []int) {
	if u == nil {
		return []string{ls.style(lookMeta).Render("No update selected.")}, nil
	}
	width = max(width, 8)
	emit := func(t *styledText, first, rest string, w int) {
		if hl != nil {
			if r := hl.Highlights(t.text); len(r) > 0 {
				t.overlay(r, lookMatch)
				matches = append(matches, len(lines))
			}
		}
		for i, r := range wrap(t.text, w-ansi.StringWidth(first)) {
			prefix := first
			if i > 0 {
				prefix = rest
			}
			lines = append(lines, prefix+ls.render(t, r[0], r[1]))
		}
	}
	blank := func() {
		if len(lines) > 0 && lines[len(lines)-1] != "" {
			lines = append(lines, "")
		}
	}

	var head styledText
	head.add(u.Headline, lookHeadline)
	emit(&head, "", "", width)

	var meta []string
	if u.HasTime() {
		meta = append(meta, longTime(u.Published, loc))
	}
	if u.Author != "" {
		meta = append(meta, "by "+u.Author)
	}
	if u.Key {
		meta = append(meta, "◆ key event")
	}
	if u.Edited {
		meta = append(meta, "✎ edited")
		if !u.Updated.IsZero() {
			meta[len(meta)-1] += " " + u.Updated.In(loc).Format("15:04")
		}
	}
	if u.Removed {
		meta = append(meta, "✗ removed from the source")
	}
	if len(meta) > 0 {
		var m styledText
		m.add(strings.Join(meta, " · "), lookMeta)
		for _, r := range wrap(m.text, width) {
			lines = append(lines, ls.render(&m, r[0], r[1]))
		}
	}
	lines = append(lines, "")

	prevList := false
	for _, b := range u.Body.Blocks {
		isList := b.Kind == model.Bullet || b.Kind == model.Numbered
		if !(isList && prevList) {
			blank()
		}
		prevList = isList
		indent := strings.Repeat("  ", b.Depth)
		var t styledText
		base := look(0)
		first, rest := indent, indent
		switch b.Kind {
		case model.Heading:
			base = lookHeading
		case model.Bullet:
			first, rest = indent+"• ", indent+"  "
		case model.Numbered:
			n := strconv.Itoa(b.Number) + ". "
			first, rest = indent+n, indent+strings.Repeat(" ", len(n))
		case model.Quote:
			base = lookQuote
			first, rest = indent+"│ ", indent+"│ "
		case model.Preformatted:
			for _, line := range strings.Split(b.Text(), "\n") {
				lines = append(lines, indent+ls.style(lookCode).Render(ansi.Truncate(line, width-len(indent), "…")))
			}
			continue
		}
		for _, sp := range b.Spans {
			l := base
			if sp.Style&model.Strong != 0 {
				l |= lookStrong
			}
			if sp.Style&model.Emphasis != 0 {
				l |= lookEm
			}
			if sp.Style&model.Code != 0 {
				l |= lookCode
			}
			t.add(sp.Text, l)
			if sp.Style&model.LinkText != 0 && sp.Ref > 0 {
				t.add("["+strconv.Itoa(sp.Ref)+"]", base|lookLink)
			}
		}
		emit(&t, first, rest, width)
	}

	if len(u.Body.Links) > 0 || u.Link != "" {
		blank()
		for i, l := range u.Body.Links {
			var t styledText
			t.add("["+strconv.Itoa(i+1)+"] ", lookLink)
			t.add(l, lookMeta)
			emit(&t, "", "    ", width)
		}
		if u.Link != "" {
			var t styledText
			t.add("link: ", lookLink)
			t.add(u.Link, lookMeta)
			emit(&t, "", "      ", width)
		}
	}
	return lines, matches
}
