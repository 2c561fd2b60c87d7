package tui

import (
	"net/url"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/feed/notify"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/diff"
)

// Persisted is what the reader keeps between runs of a source.
type Persisted struct {
	Story         *model.Story
	Read, Starred []string
}

// State returns the reader's story, read marks and stars; call it from the
// goroutine that runs the program, or after it has ended.
func (m *Model) State() Persisted {
	p := Persisted{Story: m.story}
	for _, u := range m.story.Updates() {
		if m.read[u.ID] {
			p.Read = append(p.Read, u.ID)
		}
		if m.starred[u.ID] {
			p.Starred = append(p.Starred, u.ID)
		}
	}
	return p
}

type saveMsg struct{}
type savedMsg struct{ err error }

// saveDelay gathers bursts of changes into one write of the saved state.
const saveDelay = 2 * time.Second

// dirty notes that the saved state is out of date and schedules a save.
func (m *Model) dirty() tea.Cmd {
	if m.opts.Persist == nil || m.saveScheduled {
		return nil
	}
	m.saveScheduled = true
	return tea.Tick(saveDelay, func(time.Time) tea.Msg { return saveMsg{} })
}

// saveNow captures the state at once and writes it off the update loop.
func (m *Model) saveNow() tea.Cmd {
	m.saveScheduled = false
	if m.opts.Persist == nil {
		return nil
	}
	write := m.opts.Persist(m.State())
	return func() tea.Msg { return savedMsg{err: write()} }
}

// notifyCmd sends one desktop notification for a poll that brought new
// updates; never for the first snapshot, replays or the demo.
func (m *Model) notifyCmd(first, quiet bool, fresh []*model.Update) tea.Cmd {
	n, headline, ok := notify.ShouldNotify(m.opts.Notify, first, quiet, fresh)
	if !ok {
		return nil
	}
	getenv := m.opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	seq := notify.Sequence(notify.Truncate(m.storyTitle(), notify.MaxTitle), notify.Text(n, headline), getenv)
	return tea.Raw(seq)
}

// toggleStar stars or unstars the selected update.
func (m *Model) toggleStar() tea.Cmd {
	u := m.tl.selected()
	if u == nil {
		return nil
	}
	if m.starred[u.ID] {
		delete(m.starred, u.ID)
		m.setFlash("unstarred")
	} else {
		m.starred[u.ID] = true
		m.setFlash("starred: K shows key events and starred updates")
	}
	if m.keyOnly {
		m.rebuild()
	}
	return m.dirty()
}

// links are the selected update's numbered references and its own link.
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

// linksView draws the links list over the detail pane.
func (m *Model) linksView(r rect) []string {
	out := make([]string, r.h)
	out[0] = m.titleLine("Links", "1-9 or enter open · y copy · esc close", "", r.w, true)
	links := updateLinks(m.tl.selected())
	if len(links) == 0 && r.h > 1 {
		out[1] = fit(m.styles.dim.Render(" This update has no links."), r.w)
	}
	for i, l := range links {
		if i+1 >= r.h {
			break
		}
		label := "[" + strconv.Itoa(i+1) + "] "
		if i == len(links)-1 && l == m.tl.selected().Link {
			label = "[" + strconv.Itoa(i+1) + "] link: "
		}
		line := " " + label + ansi.Truncate(l, max(1, r.w-ansi.StringWidth(label)-2), "…")
		if i == m.linkSel {
			line = m.styles.rowSelected.Render(fit(line, r.w))
		}
		out[i+1] = fit(line, r.w)
	}
	return out
}

// handleLinksKey answers keys while the links list is open.
func (m *Model) handleLinksKey(msg tea.KeyPressMsg) tea.Cmd {
	links := updateLinks(m.tl.selected())
	s := msg.String()
	switch {
	case s == "esc" || s == "l" || s == "q":
		m.showLinks = false
	case s == "j" || s == "down":
		m.linkSel = min(m.linkSel+1, max(0, len(links)-1))
	case s == "k" || s == "up":
		m.linkSel = max(m.linkSel-1, 0)
	case s == "enter":
		if m.linkSel < len(links) {
			return m.open(links[m.linkSel])
		}
	case s == "y":
		if m.linkSel < len(links) {
			m.setFlash("copied " + links[m.linkSel] + " to the clipboard")
			return tea.SetClipboard(links[m.linkSel])
		}
	case len(s) == 1 && s[0] >= '1' && s[0] <= '9':
		if i := int(s[0] - '1'); i < len(links) {
			m.linkSel = i
			return m.open(links[i])
		}
	case s == "ctrl+c":
		return tea.Quit
	}
	return nil
}

// copyLink copies the selected update's own link (or first reference).
func (m *Model) copyLink() tea.Cmd {
	links := updateLinks(m.tl.selected())
	if len(links) == 0 {
		m.setFlash("this update has no link to copy")
		return nil
	}
	link := links[len(links)-1]
	m.setFlash("copied " + link + " to the clipboard")
	return tea.SetClipboard(link)
}

// open opens link in the browser, off the update loop; only http and https
// links are opened.
func (m *Model) open(link string) tea.Cmd {
	parsed, err := url.Parse(link)
	if link == "" || err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") {
		m.setFlash("only http and https links open in the browser")
		return nil
	}
	opener := m.opts.OpenURL
	if opener == nil {
		return nil
	}
	m.setFlash("opening " + link)
	return func() tea.Msg {
		if err := opener(link); err != nil {
			return flashMsg("could not open the browser: " + err.Error())
		}
		return nil
	}
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
