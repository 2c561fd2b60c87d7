package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/model/figures"
)

// numbersItem is one line of the "In numbers" panel: a heading, or an entry
// of the story's In numbers section that links to the update it came from.
type numbersItem struct {
	text     string
	updateID string
	heading  bool
}

// numbersPane is the pinned "In numbers" panel: the story's In numbers
// section as figures.Board.Section builds it (the page's own list, then the
// tracked figures and a few others), the same as dump prints.
type numbersPane struct {
	*common
	w, h int

	items  []numbersItem
	sel    int // index into items; headings are skipped
	offset int // first line shown

	width int
	lines []string // rendered at width, plain
	first []int    // first line of each item
}

// refresh rebuilds the items from the board, keeping the selection on the
// same update where it can.
func (p *numbersPane) refresh(b *figures.Board, loc *time.Location) {
	keep := p.selectedUpdate()
	p.items = p.items[:0]
	sec := b.Section()
	for i, e := range sec.Entries() {
		if i == len(sec.Lines) && i > 0 {
			p.items = append(p.items, numbersItem{text: "From the updates", heading: true})
		}
		p.items = append(p.items, numbersItem{text: e.Text(loc, sec.Days()), updateID: e.UpdateID()})
	}
	p.lines = nil
	p.sel = 0
	for i, it := range p.items {
		if !it.heading && it.updateID == keep {
			p.sel = i
			break
		}
	}
	p.skipHeadings(1)
}

func (p *numbersPane) skipHeadings(dir int) {
	for p.sel >= 0 && p.sel < len(p.items) && p.items[p.sel].heading {
		p.sel += dir
	}
	if p.sel < 0 || p.sel >= len(p.items) {
		p.sel = max(0, min(p.sel, len(p.items)-1))
		if dir > 0 {
			p.skipHeadings(-1)
		}
	}
}

func (p *numbersPane) selectedUpdate() string {
	if p.sel < len(p.items) && !p.items[p.sel].heading {
		return p.items[p.sel].updateID
	}
	return ""
}

func newNumbersPane(c *common) *numbersPane { return &numbersPane{common: c} }

// ShortHelp is the panel's part of the footer.
func (p *numbersPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.Read}
}

// FullHelp lists the panel's keys.
func (p *numbersPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Read}}
}

// textHeight is how many lines the panel shows under its title.
func (p *numbersPane) textHeight() int { return max(1, p.h-1) }

// setSize wraps the items for the panel's width and keeps the view inside them.
func (p *numbersPane) setSize(w, h int) {
	p.w, p.h = w, h
	p.layout(max(1, w-1))
	p.offset = max(0, min(p.offset, len(p.lines)-p.textHeight()))
}

// move steps the selection n figures on and keeps it in view.
func (p *numbersPane) move(n int) {
	height := p.textHeight()
	dir := 1
	if n < 0 {
		dir = -1
	}
	for ; n != 0; n -= dir {
		next := p.sel + dir
		for next >= 0 && next < len(p.items) && p.items[next].heading {
			next += dir
		}
		if next < 0 || next >= len(p.items) {
			break
		}
		p.sel = next
	}
	if p.sel < len(p.first) {
		line := p.first[p.sel]
		if line < p.offset {
			p.offset = max(0, line-1)
		}
		if line >= p.offset+height {
			p.offset = line - height + 1
		}
	}
}

// selectRow selects the item drawn on row (relative to the first shown).
func (p *numbersPane) selectRow(row int) {
	line := p.offset + row
	for i := len(p.first) - 1; i >= 0; i-- {
		if p.first[i] <= line {
			if !p.items[i].heading {
				p.sel = i
			}
			return
		}
	}
}

// layout wraps the items at width.
func (p *numbersPane) layout(width int) {
	if p.lines != nil && p.width == width {
		return
	}
	p.width = width
	p.lines = p.lines[:0]
	p.first = p.first[:0]
	for _, it := range p.items {
		p.first = append(p.first, len(p.lines))
		if it.heading {
			p.lines = append(p.lines, ansi.Truncate(it.text, width, "…"))
			continue
		}
		text := it.text
		for i, r := range wrap(text, width-2) {
			prefix := "• "
			if i > 0 {
				prefix = "  "
			}
			p.lines = append(p.lines, prefix+text[r[0]:r[1]])
		}
	}
	if p.lines == nil {
		p.lines = []string{}
	}
}

func (p *numbersPane) view(focused bool) []string {
	out := make([]string, p.h)
	if p.h == 0 {
		return out
	}
	out[0] = titleLine(p.styles, "In numbers", "", "", p.w, focused)
	for i, line := range p.draw(p.w-1, p.h-1, focused) {
		out[i+1] = fit(" "+line, p.w)
	}
	return out
}

// draw draws height lines of the panel at width.
func (p *numbersPane) draw(width, height int, focused bool) []string {
	s := p.styles
	out := make([]string, height)
	if len(p.items) == 0 {
		if height > 0 {
			out[0] = s.dim.Render("No figures yet.")
		}
		return out
	}
	selFrom, selTo := -1, -1
	if focused && p.sel < len(p.first) {
		selFrom = p.first[p.sel]
		selTo = len(p.lines)
		if p.sel+1 < len(p.first) {
			selTo = p.first[p.sel+1]
		}
	}
	item := 0
	for i := range height {
		j := p.offset + i
		if j >= len(p.lines) {
			break
		}
		for item+1 < len(p.first) && p.first[item+1] <= j {
			item++
		}
		line := p.lines[j]
		switch {
		case j >= selFrom && j < selTo:
			if j == selFrom {
				line = "›" + strings.TrimPrefix(line, "•") // the cursor shows without colour too
			}
			line = s.rowSelected.Render(line + strings.Repeat(" ", max(0, width-ansi.StringWidth(line))))
		case p.items[item].heading:
			line = s.paneTitle.Render(line)
		case strings.HasPrefix(line, "•"):
			line = s.figure.Render("•") + line[len("•"):]
		}
		out[i] = line
	}
	return out
}
