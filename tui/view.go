package tui

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/feed"
)

// View draws the screen from what Update and the layout step worked out;
// it changes nothing but its caches. It renders only the rows in view, so
// its cost does not grow with the story.
func (m *Model) View() tea.View {
	lay := m.lay
	w := max(m.width, 20)
	var b strings.Builder
	b.Grow(m.frameSize)
	for _, line := range m.headerLines(w) {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	m.body(&b, lay)
	b.WriteString(m.footerLine(w))
	m.frameSize = max(m.frameSize, b.Len()+b.Len()/4)

	v := tea.NewView(b.String())
	v.AltScreen = true
	if m.opts.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = m.windowTitle()
	if r := m.status.Replay; r != nil && r.Steps > 0 {
		v.ProgressBar = tea.NewProgressBar(tea.ProgressBarDefault, 100*r.Step/r.Steps)
	}
	return v
}

// windowTitle is "(N) title" with N unread in the story shown, or in all
// of a deck's stories. Titles were sanitised at ingest.
func (m *Model) windowTitle() string {
	title, n := m.title(), m.reader.Unread()
	if len(m.stories) > 1 {
		n = 0
		for _, s := range m.stories {
			n += s.reader.Unread()
		}
	}
	if n > 0 {
		return "(" + strconv.Itoa(n) + ") " + title
	}
	return title
}

// sourceText names what is being read: the source's own words, else the
// host of the page or feed.
func (m *Model) sourceText() string {
	if m.status.Source != "" {
		return m.status.Source
	}
	story := m.reader.Story()
	for _, s := range []string{story.FeedURL, story.Link} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return u.Host
		}
	}
	return m.story.opts.Name
}

// headerHeight is how many lines the header takes at width w: the title
// and the source's state, the story list of a deck, and the reason the
// source last failed.
func (m *Model) headerHeight(w int) int {
	h := 2 + len(m.messageLines(w))
	if len(m.stories) > 1 {
		h++
	}
	return h
}

// messageLines give the whole reason the source shown last failed, in at
// most two lines, so it is never cut off at 80 columns.
func (m *Model) messageLines(w int) []string {
	if m.status.Err == nil {
		return nil
	}
	text := m.status.Reason()
	var lines []string
	for i, r := range wrap(text, w) {
		if i == 2 {
			lines[1] = ansi.Truncate(lines[1], w-1, "") + "…"
			break
		}
		lines = append(lines, text[r[0]:r[1]])
	}
	return lines
}

func (m *Model) headerLines(w int) []string {
	s := m.styles
	right := ""
	if n := m.reader.Unread(); n > 0 {
		right = s.markUnread.Render("●") + " " + strconv.Itoa(n) + " unread"
	}
	rw := ansi.StringWidth(right)
	title := ansi.Truncate(m.title(), max(1, w-rw-2), "…")
	line1 := s.title.Render(title)
	if right != "" {
		line1 += strings.Repeat(" ", max(1, w-ansi.StringWidth(title)-rw)) + right
	}

	var parts []string
	if src := m.sourceText(); src != "" {
		parts = append(parts, src)
	}
	story := m.reader.Story()
	n := story.Len()
	count := strconv.Itoa(n) + " updates"
	if n == 1 {
		count = "1 update"
	}
	if total := story.Total; total > n {
		count = fmt.Sprintf("%d of %d loaded", n, total)
	}
	parts = append(parts, count)
	if story.FromLayout {
		parts = append(parts, "read from the page's layout")
	}
	if n == 0 && !story.CoverageStart.IsZero() {
		parts = append(parts, "coverage starts at "+story.CoverageStart.In(m.loc).Format("Mon 2 Jan 15:04"))
	}
	state := stateText(m.status, m.wall)
	if m.following() && !m.replayEnded() { // an ended replay brings nothing to follow
		state += " · following"
	}
	info := m.infoLine(parts, state, w)
	lines := []string{line1, info}
	for _, l := range m.messageLines(w) {
		lines = append(lines, fit(s.err.Render(l), w))
	}
	if len(m.stories) > 1 {
		lines = append(lines, m.tabsLine(w))
	}
	return lines
}

// infoLine is the header's second line: what is read, then the source's
// state, which matters most: what is read gives way first (the source's
// name, then the rest), then a replay's bar narrows, and only then is the
// state cut.
func (m *Model) infoLine(parts []string, state string, w int) string {
	s := m.styles
	stateStyle := s.header
	if m.status.Err != nil {
		stateStyle = s.err
	}
	bar := replayBar(m.status.Replay, 20)
	for bar != "" && ansi.StringWidth(bar)+1+ansi.StringWidth(state) > w*3/4 && ansi.StringWidth(bar) > 8 {
		bar = replayBar(m.status.Replay, ansi.StringWidth(bar)-4)
	}
	if bar != "" {
		state = bar + " " + state
	}
	stateW := ansi.StringWidth(state)
	room := w - stateW - 3 // for " · " before the state
	left := strings.Join(parts, " · ")
	if ansi.StringWidth(left) > room && len(parts) > 1 {
		// The source's name gives way first, then the rest; a name cut to
		// a few letters says nothing, so under 16 columns it goes.
		rest := strings.Join(parts[1:], " · ")
		srcRoom := room - ansi.StringWidth(rest) - 3
		if srcRoom >= min(16, ansi.StringWidth(parts[0])) {
			left = ansi.Truncate(parts[0], srcRoom, "…") + " · " + rest
		} else {
			left = ansi.Truncate(rest, max(room, 0), "…")
		}
	}
	if state == "" {
		return s.header.Render(ansi.Truncate(left, w, "…"))
	}
	if room < 4 {
		return stateStyle.Render(ansi.Truncate(state, w, "…"))
	}
	left = ansi.Truncate(left, room, "…")
	return s.header.Render(left) + s.header.Render(" · ") + stateStyle.Render(ansi.Truncate(state, w-ansi.StringWidth(left)-3, "…"))
}

// footerLine is the footer fitted to the width: the search line while
// searching, a passing message, or the keys that act now. The usual
// footer is drawn once per width, theme and set of keys.
func (m *Model) footerLine(w int) string {
	switch {
	case m.mode == modeSearch:
		return m.search.view(false)[0]
	case m.flash != "":
		return fit(m.styles.dim.Render(ansi.Truncate(m.flash, w, "…")), w)
	}
	bindings := m.footerKeys()
	if m.helpLine.width != w || m.helpLine.styles != m.styles || !sameBindings(m.helpLine.keys, bindings) {
		m.helpLine.width, m.helpLine.styles, m.helpLine.keys = w, m.styles, bindings
		m.helpLine.s = fit(m.help.ShortHelpView(bindings), w)
	}
	return m.helpLine.s
}

func sameBindings(a, b []key.Binding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Help() != b[i].Help() {
			return false
		}
	}
	return true
}

// pane is a component's view ready to be placed.
type pane struct {
	r     rect
	lines []string // r.h lines, each exactly r.w cells wide
}

// body writes the panes, row by row, into b.
func (m *Model) body(b *strings.Builder, lay layout) {
	if full := m.fullScreen(); full != nil {
		for _, line := range full.view(true) {
			b.WriteString(line)
			b.WriteByte('\n')
		}
		return
	}
	panes := [3]pane{
		{lay.timeline, m.timeline.view(m.focus == focusTimeline)},
		{lay.detail, m.detailSlot().view(m.focus == focusDetail)},
	}
	n := 2
	if lay.numbers.h > 0 {
		panes[2] = pane{lay.numbers, m.numbers.view(m.focus == focusNumbers)}
		n = 3
	}
	sort.Slice(panes[:n], func(i, j int) bool { return panes[i].r.x < panes[j].r.x })
	for row := range lay.bodyH {
		y := lay.bodyY + row
		x := 0
		for _, p := range panes[:n] {
			if y < p.r.y || y >= p.r.y+p.r.h || p.r.w <= 0 {
				continue
			}
			if p.r.x > x {
				for range p.r.x - x - 1 {
					b.WriteByte(' ')
				}
				m.styles.sepSeq.write(b, "│")
			}
			b.WriteString(p.lines[y-p.r.y])
			x = p.r.x + p.r.w
		}
		b.WriteByte('\n')
	}
}

// fullScreen is the component that covers all the panes, if one does.
func (m *Model) fullScreen() component {
	switch m.mode {
	case modeHelp:
		return m.helpView
	case modeStories:
		return m.storiesView
	case modeAll:
		return m.allView
	}
	return nil
}

// fit pads or cuts a styled line to exactly w cells.
func fit(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-sw)
}

// titleLine draws a pane's title with a rule and a right-hand note.
func titleLine(s *styles, title, note, badge string, w int, focused bool) string {
	st := s.paneTitle
	if focused {
		st = s.paneTitleFocused
	}
	left := st.Render(title)
	if note != "" {
		left += s.dim.Render(" · " + note)
	}
	right := ""
	if badge != "" {
		right = " " + s.badge.Render(" "+badge+" ")
	}
	fill := w - ansi.StringWidth(left) - ansi.StringWidth(right) - 1
	if fill < 0 {
		return fit(left+right, w)
	}
	return left + " " + s.border.Render(strings.Repeat("─", fill)) + right
}

// replayBar draws how far a replay has got on the story's own clock; the
// stretches passed over because nothing changed in them are dashed.
func replayBar(r *feed.ReplayStatus, width int) string {
	if r == nil || !r.End.After(r.Start) {
		return ""
	}
	length := float64(r.End.Sub(r.Start))
	done := int(float64(width) * float64(r.Clock.Sub(r.Start)) / length)
	done = max(0, min(done, width))
	var b strings.Builder
	spans := r.Skipped
	for i := range width {
		mid := r.Start.Add(time.Duration((float64(i) + 0.5) * length / float64(width)))
		for len(spans) > 0 && spans[0].To.Before(mid) {
			spans = spans[1:]
		}
		skipped := len(spans) > 0 && !spans[0].From.After(mid)
		switch {
		case skipped:
			b.WriteString("╍")
		case i < done:
			b.WriteString("━")
		default:
			b.WriteString("─")
		}
	}
	return b.String()
}
