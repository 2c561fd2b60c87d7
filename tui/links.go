package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/model"
)

// linksPane lists the selected update's links in the detail pane's place:
// its numbered references, then its own link.
type linksPane struct {
	*common
	w, h   int
	links  []string
	sel    int
	lines  []string // the links laid out for the width
	first  []int    // the first line of each link, and one past the last
	offset int      // the first line shown
}

func newLinksPane(c *common) *linksPane { return &linksPane{common: c} }

// ShortHelp is the links list's part of the footer.
func (p *linksPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.OpenLink, k.Copy, k.CloseLinks}
}

// FullHelp lists the links list's keys.
func (p *linksPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Down, k.Up, k.OpenLink, k.Copy, k.CloseLinks}}
}

// updateLinks are an update's numbered references and its own link.
func updateLinks(u *model.Update) []string {
	if u == nil {
		return nil
	}
	links := append([]string(nil), u.Body.Links...)
	if u.Link != "" {
		links = append(links, u.Link)
	}
	return links
}

// open shows the selected update's links, the first one selected.
func (p *linksPane) open() { p.sel, p.offset = 0, 0 }

// setSize lays the links out for the pane: each starts on a line of its
// own with its number, and wraps rather than being cut.
func (p *linksPane) setSize(w, h int) {
	p.w, p.h = w, h
	u := p.reader.Selected()
	p.links = updateLinks(u)
	own := u != nil && u.Link != ""
	p.sel = max(0, min(p.sel, len(p.links)-1))
	p.lines, p.first = p.lines[:0], p.first[:0]
	for i, l := range p.links {
		label := "[" + strconv.Itoa(i+1) + "] "
		if i == len(p.links)-1 && own {
			label += "link: "
		}
		indent := strings.Repeat(" ", ansi.StringWidth(label))
		p.first = append(p.first, len(p.lines))
		for j, r := range wrap(l, max(1, w-2-len(indent))) {
			prefix := label
			if j > 0 {
				prefix = indent
			}
			p.lines = append(p.lines, " "+prefix+l[r[0]:r[1]])
		}
	}
	p.first = append(p.first, len(p.lines))
	p.scrollToSelection()
}

// scrollToSelection keeps the selected link's lines in view.
func (p *linksPane) scrollToSelection() {
	if len(p.links) == 0 {
		p.offset = 0
		return
	}
	p.offset = keepInView(p.offset, p.first[p.sel], p.first[p.sel+1], max(1, p.h-1), len(p.lines))
}

// keepInView scrolls a list of lines, shown rows at a time from offset,
// so that the entry on lines [from, to) is in view, its start first when
// it is taller than the view; it returns the new offset.
func keepInView(offset, from, to, rows, lines int) int {
	if to > offset+rows {
		offset = to - rows
	}
	if from < offset {
		offset = from
	}
	return max(0, min(offset, lines-rows))
}

// move steps the selection n links on.
func (p *linksPane) move(n int) {
	p.sel = max(0, min(p.sel+n, len(p.links)-1))
	p.scrollToSelection()
}

// selected is the selected link, or "" when there is none.
func (p *linksPane) selected() string {
	if p.sel < len(p.links) {
		return p.links[p.sel]
	}
	return ""
}

// number selects the link with the number the key shows, if there is one.
func (p *linksPane) number(k string) bool {
	i, err := strconv.Atoi(k)
	if err != nil || i < 1 || i > len(p.links) {
		return false
	}
	p.sel = i - 1
	p.scrollToSelection()
	return true
}

func (p *linksPane) view(bool) []string {
	out := make([]string, p.h)
	if p.h == 0 {
		return out
	}
	out[0] = titleLine(p.styles, "Links", "1-9 or enter open · y copy · esc close", "", p.w, true)
	blank := strings.Repeat(" ", p.w)
	for i := range out[1:] {
		out[i+1] = blank
	}
	if len(p.links) == 0 {
		if p.h > 1 {
			out[1] = fit(p.styles.dim.Render(" This update has no links."), p.w)
		}
		return out
	}
	selFrom, selTo := p.first[p.sel], p.first[p.sel+1]
	for i := range out[1:] {
		j := p.offset + i
		if j >= len(p.lines) {
			break
		}
		line := fit(p.lines[j], p.w)
		if j >= selFrom && j < selTo {
			line = p.styles.rowSelected.Render(line)
		}
		out[i+1] = line
	}
	return out
}
