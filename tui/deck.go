package tui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
)

// Recent is a story read in an earlier run that the deck can add.
type Recent struct {
	Source   string
	Title    string
	LastRead time.Time
	Unread   int
}

// storyOpenedMsg brings a story added to the deck, opened off the update
// loop.
type storyOpenedMsg struct {
	source string
	opts   StoryOptions
	err    error
}

// stateMark is a story's state in a glyph for the story tabs; the full
// words are in the story list and the header.
func stateMark(st feed.Status) string {
	switch {
	case st.State == feed.Connecting:
		return "…"
	case st.Err != nil:
		return "!"
	case st.State == feed.Ended:
		return "■"
	}
	return ""
}

// tabLabel is a story's tab: its number and title, then its unread count,
// a mark when a key event is unread, and its state's mark.
func tabLabel(s *story, titleWidth int) string {
	label := strconv.Itoa(s.number)
	if titleWidth > 0 {
		label += " " + ansi.Truncate(s.title(), titleWidth, "…")
	}
	if n := s.reader.Unread(); n > 0 {
		label += " ●" + strconv.Itoa(n)
	}
	if s.reader.UnreadKeys() > 0 {
		label += "◆"
	}
	if mark := stateMark(s.status); mark != "" {
		label += " " + mark
	}
	return " " + label + " "
}

// tabsLine is the deck's story tabs: the story shown stands out, and the
// titles share the width, so every story has a tab. The line is drawn
// again only when something on it changed.
func (m *Model) tabsLine(w int) string {
	var key strings.Builder
	key.WriteString(strconv.Itoa(w))
	for _, s := range m.stories {
		key.WriteString("\x00" + s.title() + "\x00" + strconv.Itoa(s.reader.Unread()) + "\x00" +
			strconv.Itoa(s.reader.UnreadKeys()) + stateMark(s.status))
		if s == m.story {
			key.WriteString("\x00shown")
		}
	}
	if key.String() == m.tabs.key && m.tabs.styles == m.styles {
		return m.tabs.line
	}
	m.tabs.key, m.tabs.styles = key.String(), m.styles
	m.tabs.line = m.drawTabs(w)
	return m.tabs.line
}

// drawTabs lays the tabs out in w columns, giving the titles the widest
// room they can share.
func (m *Model) drawTabs(w int) string {
	st := m.styles
	labels := func(titleWidth int) ([]string, int) {
		out, total := make([]string, len(m.stories)), 0
		for i, s := range m.stories {
			tw := titleWidth
			if s != m.story && titleWidth < 6 {
				tw = 0 // too narrow for every title: the story shown keeps its own
			} else {
				tw = max(tw, 4)
			}
			out[i] = tabLabel(s, tw)
			total += ansi.StringWidth(out[i]) + 1
		}
		return out, total
	}
	// The widest title width that fits, found by halving.
	lo, hi := 0, 40
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if _, total := labels(mid); total <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	tabs, _ := labels(lo)
	var b strings.Builder
	for i, t := range tabs {
		if i > 0 {
			b.WriteString(st.border.Render("│"))
		}
		if m.stories[i] == m.story {
			b.WriteString(st.rowSelected.Render("›" + t[1:])) // the mark shows without colour too
		} else {
			b.WriteString(t)
		}
	}
	return fit(b.String(), w)
}

// show puts story i of the deck on the screen, where the person left it.
// Overlays of the story left are closed.
func (m *Model) show(i int) tea.Cmd {
	if i < 0 || i >= len(m.stories) {
		m.setFlash("no story " + strconv.Itoa(i+1) + ": the deck holds " + strconv.Itoa(len(m.stories)))
		return nil
	}
	if m.mode != modeStories && m.mode != modeAll {
		m.closeOverlays()
	}
	m.mode = modeBrowse
	m.story = m.stories[i]
	m.showNotice()
	return m.story.selectionChanged()
}

// closeOverlays closes what is open over the story shown.
func (m *Model) closeOverlays() {
	if m.mode == modeSearch {
		m.search.close(false)
	}
	m.mode = modeBrowse
}

// storyIndex is the position of the story shown.
func (m *Model) storyIndex() int { return slices.Index(m.stories, m.story) }

// deckKey answers the keys that switch stories; it reports false for
// other keys, or when the deck holds one story.
func (m *Model) deckKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	n := len(m.stories)
	switch {
	case key.Matches(msg, k.NextStory):
		return m.show((m.storyIndex() + 1) % n), true
	case key.Matches(msg, k.PrevStory):
		return m.show((m.storyIndex() + n - 1) % n), true
	case key.Matches(msg, k.Story):
		return m.show(slices.Index(k.Story.Keys(), msg.String())), true
	case key.Matches(msg, k.AllStories):
		m.closeOverlays()
		m.mode = modeAll
		m.allView.open(m.stories)
		return nil, true
	case key.Matches(msg, k.Stories):
		m.closeOverlays()
		m.mode = modeStories
		m.storiesView.open(m.storyIndex(), m.recent())
		return nil, true
	}
	return nil, false
}

// recent are the recent stories not in the deck.
func (m *Model) recent() []Recent {
	if m.opts.Recent == nil {
		return nil
	}
	var out []Recent
	for _, r := range m.opts.Recent() {
		if !slices.ContainsFunc(m.stories, func(s *story) bool { return s.opts.Address == r.Source }) {
			out = append(out, r)
		}
	}
	return out
}

// addStory opens a recent story off the update loop and adds it to the deck.
func (m *Model) addStory(source string) tea.Cmd {
	if m.opts.Open == nil {
		m.setFlash("this reader cannot add stories")
		return nil
	}
	open := m.opts.Open
	m.setFlash("opening " + source + "…")
	return func() tea.Msg {
		so, err := open(source)
		return storyOpenedMsg{source: source, opts: so, err: err}
	}
}

// takeOpened adds a story opened for the deck and shows it.
func (m *Model) takeOpened(msg storyOpenedMsg) tea.Cmd {
	if msg.err != nil {
		m.setFlash("could not open " + msg.source + ": " + msg.err.Error())
		return nil
	}
	s := newStory(m, len(m.stories)+1, msg.opts)
	s.styles, s.looks = m.styles, m.looks
	m.stories = append(m.stories, s)
	var cmds []tea.Cmd
	if r := msg.opts.Restore; r != nil && r.Story != nil {
		s.restore(r)
		cmds = append(cmds, s.startCmd())
	}
	cmds = append(cmds, s.waitEvent(), m.show(len(m.stories)-1))
	return tea.Batch(cmds...)
}

// storiesPane lists the deck's stories with their whole state, and the
// recent stories that can be added.
type storiesPane struct {
	*common
	deck   *Model
	w, h   int
	recent []Recent
	sel    int // a story of the deck, then a recent one
	offset int
	lines  []string
	first  []int // the first line of each entry, and one past the last
}

func newStoriesPane(m *Model) *storiesPane { return &storiesPane{deck: m, common: m.screen} }

// ShortHelp is the story list's part of the footer.
func (p *storiesPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.Read, k.AllStories}
}

// FullHelp lists the story list's keys.
func (p *storiesPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Down, k.Up, k.Read, k.Story, k.AllStories, k.Back}}
}

func (p *storiesPane) open(shown int, recent []Recent) {
	p.sel, p.offset, p.recent = shown, 0, recent
}

func (p *storiesPane) entries() int { return len(p.deck.stories) + len(p.recent) }

func (p *storiesPane) move(n int) {
	p.sel = max(0, min(p.sel+n, p.entries()-1))
	p.scrollToSelection()
}

// selected says which story, or which recent source, is selected.
func (p *storiesPane) selected() (story int, recent string) {
	if p.sel < len(p.deck.stories) {
		return p.sel, ""
	}
	if i := p.sel - len(p.deck.stories); i < len(p.recent) {
		return -1, p.recent[i].Source
	}
	return -1, ""
}

func (p *storiesPane) setSize(w, h int) {
	p.w, p.h = w, h
	st := p.styles
	p.lines, p.first = p.lines[:0], p.first[:0]
	p.sel = max(0, min(p.sel, p.entries()-1))
	for i, s := range p.deck.stories {
		p.first = append(p.first, len(p.lines))
		head := strconv.Itoa(s.number) + "  " + s.title()
		var marks []string
		if n := s.reader.Unread(); n > 0 {
			marks = append(marks, st.markUnread.Render("●")+" "+strconv.Itoa(n)+" unread")
		}
		if n := s.reader.UnreadKeys(); n > 0 {
			marks = append(marks, st.markKey.Render("◆")+" "+strconv.Itoa(n)+" key")
		}
		cursor := " "
		if i == p.sel {
			cursor = "›"
		}
		right := strings.Join(marks, "  ")
		room := w - 3 - ansi.StringWidth(right) - 2
		line := cursor + " " + st.headline.Render(ansi.Truncate(head, max(room, 8), "…"))
		if right != "" {
			line += "  " + right
		}
		p.lines = append(p.lines, fit(line, w))
		state := s.status.Text(p.deck.wall)
		if s.status.Err != nil {
			state = s.status.Reason()
		}
		detail := s.sourceName() + " · " + state
		style := st.dim
		if s.status.Err != nil {
			style = st.err
		}
		for _, r := range wrap(detail, max(8, w-5)) { // whole: it may say what to do
			p.lines = append(p.lines, fit("     "+style.Render(detail[r[0]:r[1]]), w))
		}
	}
	if len(p.recent) > 0 {
		p.lines = append(p.lines, "", fit(st.paneTitle.Render("Recent")+st.dim.Render(" · Enter adds one to the deck"), w))
		for i, r := range p.recent {
			p.first = append(p.first, len(p.lines))
			cursor := " "
			if len(p.deck.stories)+i == p.sel {
				cursor = "›"
			}
			title := r.Title
			if title == "" {
				title = r.Source
			}
			note := r.Source
			if !r.LastRead.IsZero() {
				note += " · read " + r.LastRead.In(p.loc).Format("2 Jan 15:04")
			}
			if r.Unread > 0 {
				note += " · " + strconv.Itoa(r.Unread) + " unread"
			}
			line := cursor + "    " + title + st.dim.Render("  "+note)
			p.lines = append(p.lines, fit(line, w))
		}
	}
	p.first = append(p.first, len(p.lines))
	p.scrollToSelection()
}

func (p *storiesPane) scrollToSelection() {
	if p.sel+1 < len(p.first) {
		p.offset = keepInView(p.offset, p.first[p.sel], p.first[p.sel+1], max(1, p.h-1), len(p.lines))
	}
}

func (p *storiesPane) view(bool) []string {
	out := make([]string, p.h)
	if p.h == 0 {
		return out
	}
	out[0] = titleLine(p.styles, "Stories", "Enter opens · 1-9 switch · 0 all stories · esc back", "", p.w, true)
	blank := strings.Repeat(" ", p.w)
	for i := range out[1:] {
		if j := p.offset + i; j < len(p.lines) {
			out[i+1] = fit(p.lines[j], p.w)
		} else {
			out[i+1] = blank
		}
	}
	return out
}

// sourceName names a story's source in the story list.
func (s *story) sourceName() string {
	if s.status.Source != "" {
		return s.status.Source
	}
	return s.opts.Name
}

// allItem is one row of the all-stories timeline.
type allItem struct {
	s *story
	u *model.Update
}

// allPane is every story's newest updates in one timeline, newest first,
// each row marked with its story.
type allPane struct {
	*common
	deck   *Model
	w, h   int
	items  []allItem
	sel    int
	offset int
	selID  string
	selS   *story
}

// allPerStory is how many of each story's newest updates the all-stories
// timeline holds.
const allPerStory = 200

func newAllPane(m *Model) *allPane { return &allPane{deck: m, common: m.screen} }

// ShortHelp is the all-stories timeline's part of the footer.
func (p *allPane) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.Read, k.Stories}
}

// FullHelp lists the all-stories timeline's keys.
func (p *allPane) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{{k.Down, k.Up, k.Read, k.Story, k.Stories, k.Back}}
}

func (p *allPane) open(stories []*story) {
	p.sel, p.offset, p.selID, p.selS = 0, 0, "", nil
}

// gather merges the stories' newest updates, keeping the selection on the
// same update.
func (p *allPane) gather() {
	p.items = p.items[:0]
	for _, s := range p.deck.stories {
		us := s.reader.Story().Updates()
		for _, u := range us[:min(len(us), allPerStory)] {
			p.items = append(p.items, allItem{s: s, u: u})
		}
	}
	slices.SortStableFunc(p.items, func(a, b allItem) int { return b.u.SortTime().Compare(a.u.SortTime()) })
	if p.selS != nil {
		for i, it := range p.items {
			if it.s == p.selS && it.u.ID == p.selID {
				p.sel = i
				break
			}
		}
	}
	p.sel = max(0, min(p.sel, len(p.items)-1))
}

func (p *allPane) move(n int) {
	p.sel = max(0, min(p.sel+n, len(p.items)-1))
	p.remember()
}

func (p *allPane) remember() {
	if p.sel < len(p.items) {
		p.selS, p.selID = p.items[p.sel].s, p.items[p.sel].u.ID
	}
}

// selected is the selected row, if any.
func (p *allPane) selected() (allItem, bool) {
	if p.sel < len(p.items) {
		return p.items[p.sel], true
	}
	return allItem{}, false
}

func (p *allPane) setSize(w, h int) {
	p.w, p.h = w, h
	p.gather()
	p.remember()
	rows := max(1, h-1)
	if p.sel < p.offset {
		p.offset = p.sel
	}
	if p.sel >= p.offset+rows {
		p.offset = p.sel - rows + 1
	}
	p.offset = max(0, min(p.offset, len(p.items)-rows))
}

func (p *allPane) view(bool) []string {
	out := make([]string, p.h)
	if p.h == 0 {
		return out
	}
	st := p.styles
	out[0] = titleLine(st, "All stories", "the newest updates of every story · Enter opens one", "", p.w, true)
	labelW := min(24, max(8, p.w/6))
	for i := range out[1:] {
		j := p.offset + i
		if j >= len(p.items) {
			out[i+1] = strings.Repeat(" ", p.w)
			continue
		}
		it := p.items[j]
		cursor, unread, keyMark := " ", " ", " "
		if j == p.sel {
			cursor = "›"
		}
		if !it.s.reader.IsRead(it.u.ID) {
			unread = st.unreadSeq.open + "●" + st.unreadSeq.close
		}
		if it.u.Key {
			keyMark = st.keySeq.open + "◆" + st.keySeq.close
		}
		label := fit(strconv.Itoa(it.s.number)+" "+ansi.Truncate(it.s.title(), labelW-2, "…"), labelW)
		when := shortTime(it.u.Published, it.s.now, p.loc)
		when = strings.Repeat(" ", max(0, 6-ansi.StringWidth(when))) + when
		line := cursor + unread + keyMark + " " + st.dim.Render(label) + " " + st.timeSeq.open + when + st.timeSeq.close + " " + it.u.Headline
		line = fit(line, p.w)
		if j == p.sel {
			line = st.rowSelected.Render(ansi.Strip(line))
		}
		out[i+1] = line
	}
	if len(p.items) == 0 && p.h > 1 {
		out[1] = fit(st.dim.Render(" No story has updates yet."), p.w)
	}
	return out
}
