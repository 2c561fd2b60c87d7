package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// helpPane lists every key in as many columns as the width allows, so
// nothing is cut off on a narrow terminal. It covers the panes while open.
type helpPane struct {
	*common
	w, h int
	// all are the bindings to list, in groups; the root model gives them.
	all   [][]key.Binding
	lines []string
}

func newHelpPane(c *common) *helpPane { return &helpPane{common: c} }

// ShortHelp is the help view's part of the footer.
func (p *helpPane) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.CloseHelp, p.keys.Interrupt}
}

// FullHelp lists the help view's keys.
func (p *helpPane) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

func (p *helpPane) setSize(w, h int) {
	p.w, p.h = w, h
	st := p.styles.help
	keyW, descW := 0, 0
	var bindings [][2]string
	seen := make(map[string]bool)
	for _, group := range p.all {
		for _, b := range group {
			hk, hd := b.Help().Key, b.Help().Desc
			if !b.Enabled() || hk == "" || seen[hk+"\x00"+hd] {
				continue
			}
			seen[hk+"\x00"+hd] = true
			bindings = append(bindings, [2]string{hk, hd})
			keyW = max(keyW, ansi.StringWidth(hk))
			descW = max(descW, ansi.StringWidth(hd))
		}
	}
	colW := keyW + 1 + descW + 3
	var entries []string
	for _, b := range bindings {
		k := b[0] + strings.Repeat(" ", keyW-ansi.StringWidth(b[0]))
		entries = append(entries, st.FullKey.Render(k)+" "+st.FullDesc.Render(b[1]+strings.Repeat(" ", colW-keyW-1-ansi.StringWidth(b[1]))))
	}
	cols := max(1, w/colW)
	rows := (len(entries) + cols - 1) / cols
	p.lines = make([]string, max(h, 0))
	if h == 0 {
		return
	}
	// The title's note goes on lines of its own when it does not fit
	// beside the title, so it is never cut off.
	close := p.keys.CloseHelp.Help().Key
	note := "(" + close + " to close; the mouse wheel scrolls the pane under it, a click selects)"
	title := p.styles.paneTitle.Render("All keys")
	top := []string{title + p.styles.dim.Render("  "+note)}
	if ansi.StringWidth(top[0]) > w {
		top = []string{title}
		for _, r := range wrap(note, w) {
			top = append(top, p.styles.dim.Render(note[r[0]:r[1]]))
		}
	}
	first := copy(p.lines, top) + 1
	for r := 0; r < rows && r+first < h; r++ {
		var b strings.Builder
		for c := range cols {
			if i := c*rows + r; i < len(entries) {
				b.WriteString(entries[i])
			}
		}
		p.lines[r+first] = b.String()
	}
	for i := range p.lines {
		p.lines[i] = fit(p.lines[i], w)
	}
}

func (p *helpPane) view(bool) []string { return p.lines }
