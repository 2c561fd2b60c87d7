package tui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/model"
)

// linksPane lists the selected update's links in the detail pane's place:
// its numbered references, then its own link.
type linksPane struct {
	*common
	w, h  int
	links []string
	own   bool // the last link is the update's own
	sel   int
}

func newLinksPane(c *common) *linksPane { return &linksPane{common: c} }

// ShortHelp is the links list's part of the footer.
func (p *linksPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.OpenLink, k.Read, k.Copy, k.CloseLinks}
}

// FullHelp lists the links list's keys.
func (p *linksPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Down, k.Up, k.OpenLink, k.Read, k.Copy, k.CloseLinks}}
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
func (p *linksPane) open() { p.sel = 0 }

func (p *linksPane) setSize(w, h int) {
	p.w, p.h = w, h
	u := p.reader.Selected()
	p.links = updateLinks(u)
	p.own = u != nil && u.Link != ""
	p.sel = max(0, min(p.sel, len(p.links)-1))
}

// move steps the selection n links on.
func (p *linksPane) move(n int) { p.sel = max(0, min(p.sel+n, len(p.links)-1)) }

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
	return true
}

func (p *linksPane) view(focused bool) []string {
	out := make([]string, p.h)
	if p.h == 0 {
		return out
	}
	out[0] = titleLine(p.styles, "Links", "1-9 or enter open · y copy · esc close", "", p.w, true)
	if len(p.links) == 0 && p.h > 1 {
		out[1] = fit(p.styles.dim.Render(" This update has no links."), p.w)
	}
	for i, l := range p.links {
		if i+1 >= p.h {
			break
		}
		label := "[" + strconv.Itoa(i+1) + "] "
		if i == len(p.links)-1 && p.own {
			label = "[" + strconv.Itoa(i+1) + "] link: "
		}
		line := " " + label + ansi.Truncate(l, max(1, p.w-ansi.StringWidth(label)-2), "…")
		if i == p.sel {
			line = p.styles.rowSelected.Render(fit(line, p.w))
		}
		out[i+1] = fit(line, p.w)
	}
	for i := range out {
		if out[i] == "" {
			out[i] = fit("", p.w)
		}
	}
	return out
}
