package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// handleKey routes a key: an open overlay takes it first, then the keys
// that act anywhere, then the focused pane.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch m.mode {
	case modeSearch:
		return m.searchKey(msg)
	case modeLinks:
		return m.linksKey(msg)
	case modeHelp:
		return m.helpKey(msg)
	case modeStories:
		return m.storiesKey(msg)
	case modeAll:
		return m.allKey(msg)
	case modeDiff:
		if cmd, ok := m.diffKey(msg); ok {
			return cmd
		}
	}
	if cmd, ok := m.globalKey(msg); ok {
		return cmd
	}
	if cmd, ok := m.deckKey(msg); ok {
		return cmd
	}
	switch m.focus {
	case focusDetail:
		m.detailKey(msg)
		return nil
	case focusNumbers:
		return m.numbersKey(msg)
	}
	return m.timelineKey(msg)
}

// globalKey answers the keys that act whatever pane has the focus.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit(), true
	case key.Matches(msg, k.Help):
		m.mode = modeHelp
		return nil, true
	case key.Matches(msg, k.Focus):
		m.focus = m.nextFocus()
		return nil, true
	case key.Matches(msg, k.Read) && m.focus != focusNumbers:
		m.focus = focusDetail
		return nil, true
	case key.Matches(msg, k.Back):
		switch {
		case m.reader.Searching():
			return m.clearSearch(), true
		default:
			m.focus = focusTimeline
		}
		return nil, true
	case key.Matches(msg, k.Search):
		m.mode = modeSearch
		return m.search.open(m.reader.Query().Raw()), true
	case key.Matches(msg, k.Order):
		m.reader.ToggleOrder(m.rows())
		return nil, true
	case key.Matches(msg, k.KeyOnly):
		m.reader.ToggleKeyOnly(m.rows())
		return m.selectionChanged(), true
	case key.Matches(msg, k.Numbers):
		if m.layout().wide {
			m.numbersWide = !m.numbersWide
		} else {
			m.numbersNarrow = !m.numbersNarrow
		}
		if m.focus == focusNumbers {
			m.focus = focusTimeline
		}
		return nil, true
	case key.Matches(msg, k.MarkAllRead):
		m.reader.MarkAllRead()
		m.setFlash("all updates marked read")
		return m.dirty(), true
	case key.Matches(msg, k.Star):
		return m.toggleStar(), true
	case key.Matches(msg, k.NextUnread):
		if !m.reader.NextUnread(m.rows()) {
			m.setFlash("no unread updates here")
			return nil, true
		}
		return m.selectionChanged(), true
	case key.Matches(msg, k.ToggleRead):
		return m.toggleRead(), true
	case key.Matches(msg, k.Diff):
		if u := m.reader.Selected(); u == nil || u.Previous == nil {
			m.setFlash("this update has not been edited")
			return nil, true
		}
		m.mode = modeDiff
		m.diff.offset = 0
		return nil, true
	case key.Matches(msg, k.Links):
		m.mode = modeLinks
		m.links.open()
		return nil, true
	case key.Matches(msg, k.Copy):
		return m.copyLink(), true
	case key.Matches(msg, k.Refresh):
		if m.player != nil {
			m.setFlash("a replay has nothing to check: it plays what was recorded")
			return nil, true
		}
		if held := m.status.RetryAfter; m.opts.Now().Before(held) {
			if held.Before(m.status.NextCheck) {
				held = m.status.NextCheck
			}
			m.setFlash("next check at " + held.In(m.loc).Format("15:04") + ": the site asked to wait")
			return nil, true
		}
		src := m.story.opts.Source
		m.setFlash("checking now…")
		return func() tea.Msg { src.Refresh(); return nil }, true
	case key.Matches(msg, k.Open):
		return m.openLink(), true
	case key.Matches(msg, k.Pause):
		if m.replayEnded() {
			m.player.Restart()
			m.setFlash("playing again from the first change")
			return nil, true
		}
		m.player.TogglePause()
		return nil, true
	case key.Matches(msg, k.Faster), key.Matches(msg, k.Slower):
		speed := 10.0
		if m.status.Replay != nil && m.status.Replay.Speed > 0 {
			speed = m.status.Replay.Speed
		}
		was := speed
		if key.Matches(msg, k.Faster) {
			speed = min(speed*2, maxSpeed)
		} else {
			speed = max(speed/2, minSpeed)
		}
		if speed == was {
			m.setFlash("the speed is already " + speedText(speed) + "×, as far as it goes")
			return nil, true
		}
		m.player.SetSpeed(speed)
		m.setFlash("speed " + speedText(speed) + "×")
		return nil, true
	case key.Matches(msg, k.NextChange):
		if m.replayEnded() {
			m.setFlash("this is the last change: [ steps back, space plays again")
			return nil, true
		}
		m.player.Step(1)
		return nil, true
	case key.Matches(msg, k.PrevChange):
		if r := m.status.Replay; r != nil && r.Step <= 1 {
			m.setFlash("this is the first change: ] steps on, space plays")
			return nil, true
		}
		m.player.Step(-1)
		return nil, true
	case key.Matches(msg, k.NextMatch), key.Matches(msg, k.Prev):
		dir := 1
		if key.Matches(msg, k.Prev) {
			dir = -1
		}
		return m.stepMatch(dir), true
	}
	return nil, false
}

// stepMatch goes to the next (dir > 0) or previous search match: in the
// selected update, then in the next update that matches, as the search
// has filtered the timeline to those.
func (m *Model) stepMatch(dir int) tea.Cmd {
	if m.reader.Query().Empty() {
		m.setFlash("no search in force: / searches")
		return nil
	}
	if m.detail.stepMatch(dir) {
		return nil
	}
	rows := m.rows()
	before := m.reader.Selected()
	m.reader.Move(dir, rows)
	if m.reader.Selected() == before {
		if dir > 0 {
			m.setFlash("no more matches below: N goes back")
		} else {
			m.setFlash("no more matches above: n goes on")
		}
		return nil
	}
	m.detail.arrive = dir
	return m.selectionChanged()
}

// Speed limits for + and -.
const (
	minSpeed = 0.25
	maxSpeed = 10000
)

// replayEnded reports whether a replay has played its last change.
func (m *Model) replayEnded() bool {
	r := m.status.Replay
	return m.player != nil && r != nil && r.Steps > 0 && r.Step >= r.Steps
}

// quit saves every story's state a last time and ends the program.
func (m *Model) quit() tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.stories)+1)
	for _, s := range m.stories {
		if s.cancelSearch != nil {
			s.cancelSearch()
		}
		cmds = append(cmds, s.saveNow())
	}
	return tea.Sequence(append(cmds, tea.Quit)...)
}

func (m *Model) nextFocus() focus {
	switch m.focus {
	case focusTimeline:
		return focusDetail
	case focusDetail:
		if m.layout().numbers.h > 0 {
			return focusNumbers
		}
	}
	return focusTimeline
}

// timelineKey moves the selection.
func (m *Model) timelineKey(msg tea.KeyPressMsg) tea.Cmd {
	k, rows := m.keys, m.rows()
	switch n, ok := k.step(msg, rows); {
	case ok:
		m.reader.Move(n, rows)
	case key.Matches(msg, k.Newest):
		m.reader.Select(0, rows)
	case key.Matches(msg, k.Oldest):
		m.reader.Select(-1, rows)
	default:
		return nil
	}
	return m.selectionChanged()
}

// detailKey scrolls the detail pane.
func (m *Model) detailKey(msg tea.KeyPressMsg) {
	k := m.keys
	if n, ok := k.step(msg, m.detail.textHeight()); ok {
		m.detail.scroll(n)
	} else if key.Matches(msg, k.Newest) {
		m.detail.top()
	} else if key.Matches(msg, k.Oldest) {
		m.detail.bottom()
	}
}

// numbersKey moves through the figures; Enter shows the figure's update.
func (m *Model) numbersKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if n, ok := k.step(msg, m.numbers.textHeight()); ok {
		m.numbers.move(n)
		return nil
	}
	if key.Matches(msg, k.Read) {
		if m.numbers.selectedUpdate() == "" {
			m.setFlash("no figure to show: the story has none yet")
			return nil
		}
		return m.jumpToFigure()
	}
	return nil
}

// diffKey answers the keys of the diff view: closing it, and scrolling
// it while the detail pane has the focus. Other keys act as usual.
func (m *Model) diffKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	if key.Matches(msg, k.CloseDiff) {
		m.mode = modeBrowse
		return nil, true
	}
	if m.focus == focusDetail {
		if n, ok := k.step(msg, m.diff.textHeight()); ok {
			m.diff.scroll(n)
			return nil, true
		}
	}
	return nil, false
}

// linksKey answers keys while the links list is open.
func (m *Model) linksKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Interrupt):
		return m.quit()
	case key.Matches(msg, k.CloseLinks):
		m.mode = modeBrowse
	case key.Matches(msg, k.Down):
		m.links.move(1)
	case key.Matches(msg, k.Up):
		m.links.move(-1)
	case key.Matches(msg, k.Read):
		if l := m.links.selected(); l != "" {
			return m.open(l)
		}
	case key.Matches(msg, k.Copy):
		if l := m.links.selected(); l != "" {
			m.setFlash("copied " + l + " to the clipboard")
			return tea.SetClipboard(l)
		}
	case key.Matches(msg, k.OpenLink):
		if m.links.number(msg.String()) {
			return m.open(m.links.selected())
		}
	}
	return nil
}

// helpKey answers keys while the full help is open: it closes, or the
// program is interrupted; nothing else acts behind it.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Interrupt):
		return m.quit()
	case key.Matches(msg, k.CloseHelp):
		m.mode = modeBrowse
	}
	return nil
}

// storiesKey answers keys in the story list: opening a story or adding a
// recent one.
func (m *Model) storiesKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.storiesView
	return m.listKey(msg, m.keys.Stories, p.move, func() tea.Cmd {
		switch i, recent := p.selected(); {
		case i >= 0:
			return m.show(i)
		case recent != "":
			m.mode = modeBrowse
			return m.addStory(recent)
		}
		return nil
	})
}

// allKey answers keys in the all-stories timeline: opening the selected
// update in its story.
func (m *Model) allKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.allView
	return m.listKey(msg, m.keys.AllStories, p.move, func() tea.Cmd {
		it, ok := p.selected()
		if !ok {
			return nil
		}
		cmd := m.show(slices.Index(m.stories, it.s))
		if !m.reader.SelectID(it.u.ID, m.rows()) {
			return cmd
		}
		m.focus = focusDetail
		return tea.Batch(cmd, m.story.selectionChanged())
	})
}

// listKey answers the keys of a view that covers the panes with a list:
// quit, help, back (or the key that opened it), moving through the list,
// Enter, and the keys that switch stories.
func (m *Model) listKey(msg tea.KeyPressMsg, opened key.Binding, move func(int), enter func() tea.Cmd) tea.Cmd {
	k := m.keys
	page := max(1, m.lay.bodyH-2)
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Back), key.Matches(msg, opened):
		m.mode = modeBrowse
	case key.Matches(msg, k.Help):
		m.mode = modeHelp
	case key.Matches(msg, k.Down):
		move(1)
	case key.Matches(msg, k.Up):
		move(-1)
	case key.Matches(msg, k.PageDown):
		move(page)
	case key.Matches(msg, k.PageUp):
		move(-page)
	case key.Matches(msg, k.Read):
		return enter()
	default:
		cmd, _ := m.deckKey(msg)
		return cmd
	}
	return nil
}

// searchKey answers keys while a search is typed: Enter keeps the filter,
// Esc clears it, and anything else edits the query, searching as it
// changes.
func (m *Model) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Interrupt):
		return m.quit()
	case key.Matches(msg, k.Accept):
		m.mode = modeBrowse
		m.search.close(false)
		m.focus = focusTimeline
		return nil
	case key.Matches(msg, k.Cancel):
		m.mode = modeBrowse
		m.search.close(true)
		return m.startSearch("")
	}
	cmd, changed := m.search.edit(msg)
	if !changed {
		return cmd
	}
	return tea.Batch(cmd, m.startSearch(m.search.value()))
}

func (m *Model) clearSearch() tea.Cmd {
	m.search.close(true)
	return m.startSearch("")
}

// toggleStar stars or unstars the selected update.
func (m *Model) toggleStar() tea.Cmd {
	u := m.reader.Selected()
	if u == nil {
		return nil
	}
	if m.reader.ToggleStar(u.ID, m.rows()) {
		m.setFlash("starred: K shows key events and starred updates")
	} else {
		m.setFlash("unstarred")
	}
	return m.dirty()
}

// toggleRead marks the selected update unread, or read. An update marked
// unread stays so while it is selected: the read timer is stopped.
func (m *Model) toggleRead() tea.Cmd {
	u := m.reader.Selected()
	if u == nil {
		return nil
	}
	m.readGen++
	m.readFor = u.ID
	if m.reader.ToggleRead(u.ID) {
		m.setFlash("marked read")
	} else {
		m.setFlash("marked unread")
	}
	return m.dirty()
}

// openLink opens the selected update's link in the browser.
func (m *Model) openLink() tea.Cmd {
	u := m.reader.Selected()
	if u == nil {
		return nil
	}
	link := u.Link
	if link == "" && len(u.Body.Links) > 0 {
		link = u.Body.Links[0]
	}
	if link == "" {
		m.setFlash("this update has no web link to open")
		return nil
	}
	return m.open(link)
}

// jumpToFigure selects the update the highlighted figure came from.
func (m *Model) jumpToFigure() tea.Cmd {
	if !m.reader.SelectID(m.numbers.selectedUpdate(), m.rows()) {
		return nil
	}
	if !m.reader.Searching() {
		m.search.close(true)
	}
	m.focus = focusDetail
	return m.selectionChanged()
}

func (m *Model) handleWheel(ms tea.Mouse) tea.Cmd {
	lay := m.lay
	step := 3
	if ms.Button == tea.MouseWheelUp {
		step = -3
	} else if ms.Button != tea.MouseWheelDown {
		return nil
	}
	switch {
	case lay.timeline.contains(ms.X, ms.Y):
		m.reader.Scroll(step, m.rows())
		return m.selectionChanged()
	case lay.detail.contains(ms.X, ms.Y):
		if m.mode == modeDiff {
			m.diff.scroll(step)
		} else {
			m.detail.scroll(step)
		}
	case lay.numbers.contains(ms.X, ms.Y):
		m.numbers.move(step)
	}
	return nil
}

func (m *Model) handleClick(ms tea.Mouse) tea.Cmd {
	if ms.Button != tea.MouseLeft {
		return nil
	}
	lay := m.lay
	switch {
	case lay.timeline.contains(ms.X, ms.Y):
		m.focus = focusTimeline
		row := ms.Y - lay.timeline.y - 1
		if row >= 0 && m.reader.Offset()+row < len(m.reader.Items()) {
			m.reader.Select(m.reader.Offset()+row, m.rows())
			return m.selectionChanged()
		}
	case lay.detail.contains(ms.X, ms.Y):
		m.focus = focusDetail
	case lay.numbers.contains(ms.X, ms.Y):
		m.focus = focusNumbers
		if row := ms.Y - lay.numbers.y - 1; row >= 0 {
			m.numbers.selectRow(row)
		}
	}
	return nil
}

// footerKeys are the hints the footer shows: the keys of the overlay or
// pane that has them, then the commonest keys that act anywhere. The
// footer drops whole hints from the end to fit, but always shows how to
// get help and how to quit.
func (m *Model) footerKeys() []key.Binding {
	k := m.keys
	var local []key.Binding
	switch m.mode {
	case modeLinks:
		return m.fitFooter([]key.Binding{k.OpenLink, k.Copy}, []key.Binding{k.CloseLinks, k.Interrupt})
	case modeDiff:
		local = m.diff.ShortHelp()
	case modeHelp:
		return m.fitFooter(nil, m.helpView.ShortHelp())
	case modeStories:
		return m.fitFooter(m.storiesView.ShortHelp(), []key.Binding{k.Back, k.Help, k.Quit})
	case modeAll:
		return m.fitFooter(m.allView.ShortHelp(), []key.Binding{k.Back, k.Help, k.Quit})
	default:
		switch {
		case m.player != nil:
			local = []key.Binding{k.Down, k.Pause, k.Faster, k.NextChange}
		case m.focus == focusDetail:
			local = m.detail.ShortHelp()
		case m.focus == focusNumbers:
			local = m.numbers.ShortHelp()
		default:
			local = m.timeline.ShortHelp()
		}
	}
	// Search ranks after the pane's first three keys: the footer keeps
	// it longer than the rest.
	at := min(3, len(local))
	all := append(append(append([]key.Binding{}, local[:at]...), k.Search), local[at:]...)
	if m.player == nil {
		all = append(all, k.KeyOnly)
	}
	if len(m.stories) > 1 && m.mode != modeAll {
		all = append(all, k.Stories)
	}
	return m.fitFooter(all, []key.Binding{k.Help, k.Quit})
}

// fitFooter drops hints from the end of optional until they and always
// fit the width.
func (m *Model) fitFooter(optional, always []key.Binding) []key.Binding {
	w := max(m.width, 20)
	h := m.help
	h.SetWidth(0)
	for n := len(optional); n >= 0; n-- {
		try := append(optional[:n:n], always...)
		if ansi.StringWidth(h.ShortHelpView(try)) <= w {
			return try
		}
	}
	return always
}

// fullHelp is every key, in groups: moving, panes and filters, the
// selected update, the source, replays, and help itself.
func (m *Model) fullHelp() [][]key.Binding {
	k := m.keys
	cols := [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Newest, k.Oldest},
		{k.Focus, k.Read, k.Back, k.Order, k.KeyOnly, k.Numbers},
		{k.Search, k.NextMatch, k.Star, k.Diff, k.Links, k.Open, k.Copy},
		{k.NextUnread, k.ToggleRead, k.Refresh, k.MarkAllRead},
		{k.Story, k.NextStory, k.AllStories, k.Stories},
		{k.Pause, k.Faster, k.NextChange},
	}
	return append(cols, []key.Binding{k.Help, k.Quit})
}
