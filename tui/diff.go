package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/diff"
)

// diffPane shows an edited update's previous version beside the current
// one, in the detail pane's place, scrolling on its own.
type diffPane struct {
	*common
	w, h   int
	key    detailKey
	lines  []string
	offset int
}

func newDiffPane(c *common) *diffPane { return &diffPane{common: c} }

// ShortHelp is the diff view's part of the footer.
func (p *diffPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.CloseDiff}
}

// FullHelp lists the diff view's keys.
func (p *diffPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.CloseDiff}}
}

func (p *diffPane) textHeight() int { return max(1, p.h-1) }

// setSize lays out the selected update's edit, unless the layout in hand
// is still good.
func (p *diffPane) setSize(w, h int) {
	p.w, p.h = w, h
	u := p.reader.Selected()
	width := max(8, w-1)
	k := detailKey{width: width, dark: p.styles.dark}
	if u != nil {
		k.id, k.hash, k.flags = u.ID, u.Hash, updateFlags(u)
	}
	if k != p.key || p.lines == nil {
		if k.id != p.key.id {
			p.offset = 0
		}
		p.key = k
		p.lines = layoutDiff(u, width, p.looks)
		for i, line := range p.lines {
			p.lines[i] = fit(" "+line, width+1)
		}
	}
	p.offset = max(0, min(p.offset, len(p.lines)-p.textHeight()))
}

func (p *diffPane) scroll(n int) {
	p.offset = max(0, min(p.offset+n, len(p.lines)-p.textHeight()))
}

func (p *diffPane) view(focused bool) []string {
	out := make([]string, p.h)
	if p.h == 0 {
		return out
	}
	note := "what changed · d or esc to close"
	if total := len(p.lines); total > p.h-1 {
		note += " · " + fmt.Sprintf("%d%%", 100*min(p.offset+p.h-1, total)/total)
	}
	out[0] = titleLine(p.styles, "Update", note, "", p.w, focused)
	blank := strings.Repeat(" ", p.w)
	for i := range out[1:] {
		if j := p.offset + i; j < len(p.lines) {
			out[i+1] = p.lines[j]
		} else {
			out[i+1] = blank
		}
	}
	return out
}

// layoutDiff shows an edited update's previous version beside the current
// one, removed words struck out on the left and added words marked on the
// right; narrow panes stack the two.
func layoutDiff(u *model.Update, width int, ls *lookStyles) []string {
	hOld, tOld, ok := diff.Edit(u)
	if !ok {
		return []string{ls.style(lookMeta).Render("This update has not been edited.")}
	}
	build := func(head, text []diff.Piece, keep diff.Op, mark look) styledText {
		var t styledText
		for _, p := range head {
			if p.Op == diff.Same {
				t.add(p.Text, lookHeadline)
			} else if p.Op == keep {
				t.add(p.Text, lookHeadline|mark)
			}
		}
		t.add("\n\n", 0)
		for _, p := range text {
			if p.Op == diff.Same {
				t.add(p.Text, 0)
			} else if p.Op == keep {
				t.add(p.Text, mark)
			}
		}
		return t
	}
	before := build(hOld, tOld, diff.Removed, lookRemoved)
	after := build(hOld, tOld, diff.Added, lookAdded)
	render := func(t *styledText, w int) []string {
		var lines []string
		for _, r := range wrap(t.text, w) {
			lines = append(lines, ls.render(t, r[0], r[1]))
		}
		return lines
	}
	meta := ls.style(lookMeta)
	if width < 70 {
		lines := []string{meta.Render("Before the edit:")}
		lines = append(lines, render(&before, width)...)
		lines = append(lines, "", meta.Render("Now:"))
		return append(lines, render(&after, width)...)
	}
	colW := (width - 3) / 2
	left := append([]string{meta.Render("Before the edit")}, render(&before, colW)...)
	right := append([]string{meta.Render("Now")}, render(&after, colW)...)
	lines := make([]string, max(len(left), len(right)))
	for i := range lines {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		lines[i] = fit(l, colW) + " │ " + r
	}
	return lines
}
