package tui

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
)

// View draws the screen. It renders only the rows in view, so its cost
// does not grow with the story.
func (m *Model) View() tea.View {
	lay := m.layout()
	w := max(m.width, 20)
	var b strings.Builder
	b.Grow(m.frameSize)
	for _, line := range m.headerLines(w) {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	m.body(&b, lay, w)
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

// windowTitle is "(N) title" with N unread. Titles were sanitised at ingest.
func (m *Model) windowTitle() string {
	title := m.storyTitle()
	if m.unread > 0 {
		return "(" + strconv.Itoa(m.unread) + ") " + title
	}
	return title
}

func (m *Model) storyTitle() string {
	if t := m.story.Title; t != "" {
		return t
	}
	return "liveline"
}

// sourceText names what is being read: the source's own words, else the
// host of the page or feed.
func (m *Model) sourceText() string {
	if m.status.Source != "" {
		return m.status.Source
	}
	for _, s := range []string{m.story.FeedURL, m.story.Link} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return u.Host
		}
	}
	return m.opts.SourceName
}

func (m *Model) headerLines(w int) []string {
	s := m.styles
	right := ""
	if m.unread > 0 {
		right = s.markUnread.Render("●") + " " + strconv.Itoa(m.unread) + " unread"
	}
	rw := ansi.StringWidth(right)
	title := ansi.Truncate(m.storyTitle(), max(1, w-rw-2), "…")
	line1 := s.title.Render(title)
	if right != "" {
		line1 += strings.Repeat(" ", max(1, w-ansi.StringWidth(title)-rw)) + right
	}

	var parts []string
	if src := m.sourceText(); src != "" {
		parts = append(parts, src)
	}
	n := m.story.Len()
	count := strconv.Itoa(n) + " updates"
	if n == 1 {
		count = "1 update"
	}
	if total := m.story.Total; total > n {
		count = fmt.Sprintf("%d of %d loaded", n, total)
	}
	parts = append(parts, count)
	state := stateText(m.status, m.now)
	if bar := replayBar(m.status.Replay, 20); bar != "" {
		state = bar + " " + state
	}
	info := s.header.Render(ansi.Truncate(strings.Join(parts, " · "), w, "…"))
	used := ansi.StringWidth(strings.Join(parts, " · "))
	if room := w - used - 3; room > 4 && state != "" {
		st := s.header
		if m.status.Err != nil {
			st = s.err
		}
		info += s.header.Render(" · ") + st.Render(ansi.Truncate(state, room, "…"))
	}
	return []string{line1, info}
}

// footerLine is the footer fitted to the width; the help line, the usual
// footer, is drawn once per width and theme.
func (m *Model) footerLine(w int) string {
	if m.searching || m.flash != "" {
		return fit(m.footer(w), w)
	}
	if m.helpLine.width != w || m.helpLine.styles != m.styles {
		m.helpLine.width, m.helpLine.styles = w, m.styles
		m.helpLine.s = fit(m.footer(w), w)
	}
	return m.helpLine.s
}

func (m *Model) footer(w int) string {
	switch {
	case m.searching:
		return m.input.View()
	case m.flash != "":
		return m.styles.dim.Render(ansi.Truncate(m.flash, w, "…"))
	}
	return m.help.ShortHelpView(m.keys.ShortHelp())
}

// pane is a rendered pane ready to be placed.
type pane struct {
	r     rect
	lines []string // r.h lines, each exactly r.w cells wide
}

// body writes the panes, row by row, into b.
func (m *Model) body(b *strings.Builder, lay layout, w int) {
	if m.help.ShowAll {
		for _, line := range m.fullHelp(lay.bodyH, w) {
			b.WriteString(line)
			b.WriteByte('\n')
		}
		return
	}
	panes := [3]pane{
		{lay.timeline, m.timelineView(lay.timeline)},
		{lay.detail, m.detailView(lay.detail)},
	}
	n := 2
	if lay.numbers.h > 0 {
		panes[2] = pane{lay.numbers, m.numbersView(lay.numbers)}
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

// fullHelp lists every key in as many columns as the width allows, so
// nothing is cut off on a narrow terminal.
func (m *Model) fullHelp(h, w int) []string {
	st := m.styles.help
	var entries []string
	keyW, descW := 0, 0
	var bindings [][2]string
	for _, group := range m.keys.FullHelp() {
		for _, b := range group {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			bindings = append(bindings, [2]string{b.Help().Key, b.Help().Desc})
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
			descW = max(descW, ansi.StringWidth(b.Help().Desc))
		}
	}
	colW := keyW + 1 + descW + 3
	for _, b := range bindings {
		k := b[0] + strings.Repeat(" ", keyW-ansi.StringWidth(b[0]))
		entries = append(entries, st.FullKey.Render(k)+" "+st.FullDesc.Render(b[1]+strings.Repeat(" ", colW-keyW-1-ansi.StringWidth(b[1]))))
	}
	cols := max(1, w/colW)
	rows := (len(entries) + cols - 1) / cols
	out := make([]string, h)
	out[0] = m.styles.paneTitle.Render("All keys") + m.styles.dim.Render("  (? or esc to close; the mouse wheel scrolls the pane under it, a click selects)")
	for r := 0; r < rows && r+2 < h; r++ {
		var b strings.Builder
		for c := range cols {
			if i := c*rows + r; i < len(entries) {
				b.WriteString(entries[i])
			}
		}
		out[r+2] = b.String()
	}
	for i := range out {
		out[i] = fit(out[i], w)
	}
	return out
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
func (m *Model) titleLine(title, note, badge string, w int, focused bool) string {
	s := m.styles
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

func (m *Model) timelineView(r rect) []string {
	out := make([]string, r.h)
	if r.h == 0 {
		return out
	}
	note := ""
	switch {
	case !m.query.Empty():
		note = fmt.Sprintf("%d of %d", len(m.tl.items), m.story.Len())
	case m.keyOnly:
		note = fmt.Sprintf("key events: %d of %d", len(m.tl.items), m.story.Len())
	}
	if !m.query.Empty() && m.keyOnly {
		note += " key events"
	}
	if m.tl.oldestFirst {
		note = strings.TrimPrefix(note+" · oldest first", " · ")
	}
	badge := ""
	if m.newCount > 0 {
		badge = strconv.Itoa(m.newCount) + " new"
	}
	out[0] = m.titleLine("Updates", note, badge, r.w, m.focus == focusTimeline)
	rows := r.h - 1
	var hl highlighter
	if !m.query.Empty() {
		hl = m.query
	}
	if len(m.tl.items) == 0 && rows > 0 {
		msg := "Waiting for the first updates…"
		switch {
		case m.loaded && !m.query.Empty():
			msg = "No update matches \"" + m.query.Raw() + "\"."
		case m.loaded && m.keyOnly:
			msg = "No key events yet. Press K to show all updates."
		case m.loaded:
			msg = "The story has no updates yet."
		}
		out[1] = fit(m.styles.dim.Render(msg), r.w)
	}
	for i := 0; i < rows; i++ {
		j := m.tl.offset + i
		if j >= len(m.tl.items) {
			if out[i+1] == "" {
				out[i+1] = strings.Repeat(" ", r.w)
			}
			continue
		}
		out[i+1] = m.row(m.tl.items[j], j == m.tl.sel, r.w, hl)
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

// row renders an update's timeline row, reusing the last rendering while
// nothing it shows has changed, so a frame allocates little.
func (m *Model) row(u *model.Update, selected bool, width int, hl highlighter) string {
	k := rowKey{parts: m.rowParts(u, selected), width: width, selected: selected,
		focus: m.focus == focusTimeline, query: m.query.Raw(), styles: m.styles}
	if c, ok := m.rows[u]; ok && c.key == k {
		return c.s
	}
	if len(m.rows) > 4*max(m.height, 24) {
		clear(m.rows)
	}
	s := renderRow(k.parts, width, selected, k.focus, hl, m.styles, m.looks)
	m.rows[u] = cachedRow{key: k, s: s}
	return s
}

// storyNow is the time relative times count from: the story's own clock
// in a replay, else the wall clock.
func (m *Model) storyNow() time.Time {
	if r := m.status.Replay; r != nil && !r.Clock.IsZero() {
		return r.Clock
	}
	return m.now
}

func (m *Model) rowParts(u *model.Update, selected bool) rowParts {
	p := rowParts{cursor: " ", unread: " ", key: " ", headline: u.Headline}
	if selected {
		p.cursor = "›"
	}
	if !m.read[u.ID] {
		p.unread = "●"
	}
	switch {
	case m.starred[u.ID]:
		p.key = "★"
	case u.Key:
		p.key = "◆"
	}
	if u.HasTime() {
		p.when = shortTime(u.Published, m.storyNow(), m.opts.Location)
	}
	switch {
	case u.Removed:
		p.suffix = markRemoved
	case u.Edited:
		p.suffix = markEdited
	}
	return p
}

func (m *Model) detailView(r rect) []string {
	out := make([]string, r.h)
	if r.h == 0 {
		return out
	}
	if m.showLinks {
		return m.linksView(r)
	}
	u := m.tl.selected()
	var hl highlighter
	if !m.query.Empty() {
		hl = m.query
	}
	width := max(8, r.w-1)
	m.detail.render(u, width, hl, m.query.Raw(), m.showDiff, m.looks, m.opts.Location)
	note := ""
	if m.showDiff {
		note = "what changed · d or esc to close"
	} else if u != nil && u.Previous != nil {
		note = "edited · d shows what changed"
	}
	if total := len(m.detail.lines); total > r.h-1 {
		note = strings.TrimPrefix(note+" · "+fmt.Sprintf("%d%%", 100*min(m.detail.offset+r.h-1, total)/total), " · ")
	}
	if len(m.detail.matches) > 0 {
		matches := "1 line matches (n/N)"
		if n := len(m.detail.matches); m.detail.match >= 0 {
			matches = fmt.Sprintf("match %d of %d lines (n/N)", m.detail.match+1, n)
		} else if n > 1 {
			matches = strconv.Itoa(n) + " lines match (n/N)"
		}
		note = strings.TrimPrefix(note+" · "+matches, " · ")
	}
	out[0] = m.titleLine("Update", note, "", r.w, m.focus == focusDetail)
	m.detail.offset = max(0, min(m.detail.offset, len(m.detail.lines)-(r.h-1)))
	m.detail.view(out[1:])
	return out
}

func (m *Model) numbersView(r rect) []string {
	out := make([]string, r.h)
	if r.h == 0 {
		return out
	}
	out[0] = m.titleLine("In numbers", "", "", r.w, m.focus == focusNumbers)
	for i, line := range m.numbers.view(r.w-1, r.h-1, m.focus == focusNumbers, m.styles) {
		out[i+1] = fit(" "+line, r.w)
	}
	return out
}

// replayBar draws how far a replay has got on the story's own clock.
func replayBar(r *feed.ReplayStatus, width int) string {
	if r == nil || !r.End.After(r.Start) {
		return ""
	}
	done := int(float64(width) * float64(r.Clock.Sub(r.Start)) / float64(r.End.Sub(r.Start)))
	done = max(0, min(done, width))
	return strings.Repeat("━", done) + strings.Repeat("─", width-done)
}
