// Package tui is liveline's reader: a Bubble Tea program with a timeline of
// updates, a detail pane for the selected one and a pinned "In numbers"
// panel, following a feed.Source through messages.
package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/notify"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/figures"
	"github.com/liveline-tui/liveline/model/search"
)

// Options configure a reader.
type Options struct {
	// Source is what the reader follows; a feed.Player also answers the
	// replay keys. Its Run must already be sending on Events.
	Source feed.Source
	Events <-chan feed.Event
	// SourceName names the source in the header until the source says more.
	SourceName string
	// Now tells the time; Location is the zone times are shown in.
	Now      func() time.Time
	Location *time.Location
	Mouse    bool
	// OpenURL opens a link in the browser. It runs inside a tea.Cmd.
	OpenURL func(string) error
	// Dark is the background assumed until the terminal answers.
	Dark bool

	// Restore is the state saved by an earlier run of this source: the
	// story shows at once, and only updates that arrive later are unread.
	Restore *Persisted
	// Persist, when set, captures the state at once and returns the write
	// to run inside a tea.Cmd; the reader saves a little after changes.
	Persist func(Persisted) func() error
	// Notify says which new updates send a desktop notification; Getenv
	// lets it pick the terminal's notification sequence.
	Notify notify.Mode
	Getenv func(string) string
	// Notice is shown in the status line for a while at start, such as why
	// the saved state could not be used.
	Notice string
}

// focus is the pane that receives movement keys.
type focus uint8

const (
	focusTimeline focus = iota
	focusDetail
	focusNumbers
)

// Messages the reader sends itself.
type (
	eventMsg  feed.Event
	tickMsg   time.Time
	readMsg   struct{ gen int }
	searchMsg struct {
		gen    int
		result *search.Result
	}
	flashMsg string
)

// Model is the reader's root model. It owns the story and every pane, and
// routes messages; panes are plain structs that render themselves.
type Model struct {
	opts   Options
	player feed.Player

	story  *model.Story
	index  *search.Index
	board  *figures.Board
	status feed.Status
	loaded bool // the first snapshot has arrived

	keys   keyMap
	help   help.Model
	styles *styles
	looks  *lookStyles

	width, height int
	focus         focus
	tl            timeline
	detail        detailPane
	numbers       numbersPane
	rows          map[*model.Update]cachedRow
	helpLine      struct {
		width  int
		styles *styles
		s      string
	}
	frameSize int // bytes of the largest frame so far, to size the next

	keyOnly       bool
	numbersWide   bool
	numbersNarrow bool

	read     map[string]bool
	starred  map[string]bool
	unread   int
	newCount int
	readGen  int

	searching    bool
	input        textinput.Model
	query        search.Query
	result       *search.Result
	extra        map[*model.Update]bool
	searchGen    int
	cancelSearch context.CancelFunc

	showLinks     bool
	linkSel       int
	showDiff      bool
	saveScheduled bool

	flash      string
	flashUntil time.Time
	now        time.Time
}

// New builds a reader for opts.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	m := &Model{
		opts:        opts,
		story:       model.NewStory(),
		index:       search.NewIndex(),
		board:       figures.NewBoard(),
		status:      feed.Status{State: feed.Connecting, Source: opts.SourceName},
		help:        help.New(),
		numbersWide: true,
		read:        make(map[string]bool),
		starred:     make(map[string]bool),
		rows:        make(map[*model.Update]cachedRow),
		now:         opts.Now(),
		width:       80,
		height:      24,
	}
	m.player, _ = opts.Source.(feed.Player)
	m.keys = newKeyMap(m.player != nil)
	m.input = textinput.New()
	m.input.Prompt = "/"
	m.input.Placeholder = "search: words, \"a phrase\", -exclude"
	m.setTheme(opts.Dark)
	if opts.Notice != "" {
		m.flash, m.flashUntil = opts.Notice, m.now.Add(15*time.Second)
	}
	if r := opts.Restore; r != nil && r.Story != nil {
		m.story = r.Story
		for _, u := range m.story.Updates() {
			m.index.Add(u)
		}
		m.board.Apply(model.Changes{New: m.story.Updates()})
		m.numbers.refresh(m.board, opts.Location)
		for _, id := range r.Read {
			m.read[id] = true
		}
		for _, id := range r.Starred {
			m.starred[id] = true
		}
		for _, u := range m.story.Updates() {
			if !m.read[u.ID] {
				m.unread++
			}
		}
		m.loaded = m.story.Len() > 0
		m.rebuild()
	}
	return m
}

func (m *Model) setTheme(dark bool) {
	m.styles = newStyles(dark)
	m.looks = &lookStyles{s: m.styles}
	m.help.Styles = m.styles.help
	m.input.SetStyles(textinput.DefaultStyles(dark))
	m.detail.key = detailKey{}
}

// Init asks the terminal for its background colour and starts listening.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.waitEvent(), m.tick())
}

func (m *Model) waitEvent() tea.Cmd {
	ch := m.opts.Events
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return nil
		}
		return eventMsg(ev)
	}
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Update applies a message and returns the commands it needs.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.input.SetWidth(max(10, msg.Width-2))
		m.tl.clamp(m.layout().timelineRows())
		return m, nil
	case tea.BackgroundColorMsg:
		m.setTheme(msg.IsDark())
		return m, nil
	case eventMsg:
		cmd := m.applyEvent(feed.Event(msg))
		return m, tea.Batch(cmd, m.waitEvent())
	case tickMsg:
		m.now = m.opts.Now()
		if m.flash != "" && !m.now.Before(m.flashUntil) {
			m.flash = ""
		}
		return m, m.tick()
	case readMsg:
		if msg.gen == m.readGen {
			return m, m.markReadCmd()
		}
		return m, nil
	case searchMsg:
		if msg.gen == m.searchGen && msg.result != nil && msg.result.Err == nil {
			m.result = msg.result
			m.extra = nil
			return m, m.refilter()
		}
		return m, nil
	case flashMsg:
		m.setFlash(string(msg))
		return m, nil
	case saveMsg:
		return m, m.saveNow()
	case savedMsg:
		if msg.err != nil {
			m.setFlash("could not save the reader's state: " + msg.err.Error())
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.MouseWheelMsg:
		return m, m.handleWheel(tea.Mouse(msg))
	case tea.MouseClickMsg:
		return m, m.handleClick(tea.Mouse(msg))
	}
	if m.searching {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) setFlash(s string) {
	m.flash = s
	m.flashUntil = m.opts.Now().Add(4 * time.Second)
}

// applyEvent takes a source's news: a status, and perhaps a snapshot.
func (m *Model) applyEvent(ev feed.Event) tea.Cmd {
	m.status = ev.Status
	m.now = m.opts.Now()
	if ev.Snapshot == nil {
		return nil
	}
	follow := m.tl.atNewest()
	var selID, topID string
	if u := m.tl.selected(); u != nil {
		selID = u.ID
	}
	if m.tl.offset < len(m.tl.items) {
		topID = m.tl.items[m.tl.offset].ID
	}
	first := !m.loaded
	m.loaded = true
	var ch model.Changes
	if ev.Replace {
		m.story = model.Restore(*ev.Snapshot, ev.Snapshot.Updates)
		m.index = search.NewIndex()
		m.board = figures.NewBoard()
		m.tl.items = nil
		m.extra = nil
		ch = model.Changes{New: m.story.Updates(), Meta: true}
	} else {
		ch = m.story.Merge(ev.Snapshot)
	}
	for _, u := range ch.New {
		m.index.Add(u)
	}
	for _, u := range ch.Edited {
		m.index.Add(u)
	}
	m.board.Apply(ch)
	m.numbers.refresh(m.board, m.opts.Location)
	switch {
	case first:
		for _, u := range ch.New {
			m.read[u.ID] = true
		}
	case ev.Replace:
		m.unread = 0
		for _, u := range m.story.Updates() {
			if !m.read[u.ID] {
				m.unread++
			}
		}
	default:
		for _, u := range ch.New {
			if !m.read[u.ID] {
				m.unread++
			}
		}
	}
	if !m.query.Empty() {
		if m.extra == nil {
			m.extra = make(map[*model.Update]bool)
		}
		for _, us := range [][]*model.Update{ch.New, ch.Edited} {
			for _, u := range us {
				m.extra[u] = m.query.Match(u)
			}
		}
	}
	m.rebuild()
	rows := m.layout().timelineRows()
	if ev.Replace {
		if u := m.story.ByID(selID); u != nil {
			m.tl.sel = m.tl.indexOf(u, 0)
		}
		if u := m.story.ByID(topID); u != nil {
			m.tl.offset = m.tl.indexOf(u, 0)
		}
	}
	switch {
	case first:
		m.tl.selectIndex(m.tl.newestIndex(), rows)
		m.newCount = 0
	case ev.Replace:
	case follow:
		// New updates the filter hides still count in the badge.
		m.tl.selectIndex(m.tl.newestIndex(), rows)
		m.newCount = 0
		for _, u := range ch.New {
			if !m.keep(u) {
				m.newCount++
			}
		}
	default:
		m.newCount += len(ch.New)
	}
	m.tl.clamp(rows)
	if ch.Empty() {
		return m.selectionChanged()
	}
	return tea.Batch(m.selectionChanged(), m.notifyCmd(first, ev.Quiet, ch.New), m.dirty())
}

// keep is the timeline's filter: key events only, and the search.
func (m *Model) keep(u *model.Update) bool {
	if m.keyOnly && !u.Key && !m.starred[u.ID] {
		return false
	}
	if m.query.Empty() {
		return true
	}
	if v, ok := m.extra[u]; ok {
		return v
	}
	return m.result.Has(u)
}

func (m *Model) rebuild() {
	if !m.keyOnly && m.query.Empty() {
		m.tl.rebuild(m.story.Updates(), nil)
		return
	}
	m.tl.rebuild(m.story.Updates(), m.keep)
}

// refilter rebuilds the timeline after a filter changed and keeps the
// selection in view.
func (m *Model) refilter() tea.Cmd {
	m.rebuild()
	m.tl.clamp(m.layout().timelineRows())
	return m.selectionChanged()
}

// selectionChanged starts the one-second timer after which the selected
// update counts as read.
func (m *Model) selectionChanged() tea.Cmd {
	m.readGen++
	if u := m.tl.selected(); u == nil || u.Previous == nil {
		m.showDiff = false
	}
	u := m.tl.selected()
	if u == nil || m.read[u.ID] {
		return nil
	}
	gen := m.readGen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return readMsg{gen: gen} })
}

func (m *Model) markRead(u *model.Update) {
	if u == nil || m.read[u.ID] {
		return
	}
	m.read[u.ID] = true
	m.unread = max(0, m.unread-1)
}

// markReadCmd marks the selected update read and schedules a save.
func (m *Model) markReadCmd() tea.Cmd {
	u := m.tl.selected()
	if u == nil || m.read[u.ID] {
		return nil
	}
	m.markRead(u)
	return m.dirty()
}

func (m *Model) markAllRead() {
	for _, u := range m.story.Updates() {
		m.read[u.ID] = true
	}
	m.unread = 0
}

// jumpTo selects row i (0 for the top, -1 for the bottom); reaching the
// newest end clears the "N new" badge.
func (m *Model) jumpTo(i int) tea.Cmd {
	if i < 0 {
		i = len(m.tl.items) - 1
	}
	m.tl.selectIndex(i, m.layout().timelineRows())
	if m.tl.atNewest() {
		m.newCount = 0
	}
	return m.selectionChanged()
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.searching {
		return m.handleSearchKey(msg)
	}
	if m.showLinks {
		return m.handleLinksKey(msg)
	}
	k := m.keys
	lay := m.layout()
	rows := lay.timelineRows()
	switch {
	case key.Matches(msg, k.Quit):
		if m.cancelSearch != nil {
			m.cancelSearch()
		}
		return tea.Sequence(m.saveNow(), tea.Quit)
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		return nil
	case m.help.ShowAll && msg.String() == "esc":
		m.help.ShowAll = false
		return nil
	case key.Matches(msg, k.Focus):
		m.focus = m.nextFocus()
		return nil
	case key.Matches(msg, k.Read):
		if m.focus == focusNumbers {
			return m.jumpToFigure()
		}
		m.focus = focusDetail
		return nil
	case msg.String() == "esc":
		if m.showDiff {
			m.showDiff = false
			return nil
		}
		if !m.query.Empty() {
			return m.clearSearch()
		}
		m.focus = focusTimeline
		return nil
	case key.Matches(msg, k.Search):
		m.searching = true
		m.input.SetValue(m.query.Raw())
		m.input.CursorEnd()
		return m.input.Focus()
	case key.Matches(msg, k.Order):
		m.tl.oldestFirst = !m.tl.oldestFirst
		m.rebuild()
		m.tl.clamp(rows)
		return nil
	case key.Matches(msg, k.KeyOnly):
		m.keyOnly = !m.keyOnly
		return m.refilter()
	case key.Matches(msg, k.Numbers):
		if lay.wide {
			m.numbersWide = !m.numbersWide
		} else {
			m.numbersNarrow = !m.numbersNarrow
		}
		if m.focus == focusNumbers {
			m.focus = focusTimeline
		}
		m.tl.clamp(m.layout().timelineRows())
		return nil
	case key.Matches(msg, k.MarkAllRead):
		m.markAllRead()
		m.setFlash("all updates marked read")
		return m.dirty()
	case key.Matches(msg, k.Star):
		return m.toggleStar()
	case key.Matches(msg, k.Diff):
		u := m.tl.selected()
		if u == nil || u.Previous == nil {
			m.setFlash("this update has not been edited")
			return nil
		}
		m.showDiff = !m.showDiff
		m.detail.offset = 0
		return nil
	case key.Matches(msg, k.Links):
		m.showLinks, m.linkSel = true, 0
		return nil
	case key.Matches(msg, k.Copy):
		return m.copyLink()
	case key.Matches(msg, k.Refresh):
		src := m.opts.Source
		m.setFlash("checking now…")
		return func() tea.Msg { src.Refresh(); return nil }
	case key.Matches(msg, k.Open):
		return m.openLink()
	case key.Matches(msg, k.Pause):
		m.player.TogglePause()
		return nil
	case key.Matches(msg, k.Faster), key.Matches(msg, k.Slower):
		speed := 10.0
		if m.status.Replay != nil && m.status.Replay.Speed > 0 {
			speed = m.status.Replay.Speed
		}
		if key.Matches(msg, k.Faster) {
			speed = min(speed*2, 10000)
		} else {
			speed = max(speed/2, 0.25)
		}
		m.player.SetSpeed(speed)
		m.setFlash("speed " + speedText(speed) + "×")
		return nil
	case key.Matches(msg, k.NextChange):
		m.player.Step(1)
		return nil
	case key.Matches(msg, k.PrevChange):
		m.player.Step(-1)
		return nil
	case key.Matches(msg, k.NextMatch), key.Matches(msg, k.PrevMat):
		dir := 1
		if key.Matches(msg, k.PrevMat) {
			dir = -1
		}
		if !m.detail.stepMatch(dir, lay.detail.h-1) {
			m.setFlash("no matches in this update")
		}
		return nil
	}
	switch m.focus {
	case focusDetail:
		h := lay.detail.h - 1
		if n, ok := k.step(msg, h); ok {
			m.detail.scroll(n, h)
		} else if key.Matches(msg, k.Newest) {
			m.detail.offset = 0
		} else if key.Matches(msg, k.Oldest) {
			m.detail.scroll(len(m.detail.lines), h)
		}
		return nil
	case focusNumbers:
		h := lay.numbers.h - 1
		if n, ok := k.step(msg, h); ok {
			m.numbers.move(n, h)
		}
		return nil
	}
	switch n, ok := k.step(msg, rows); {
	case ok:
		m.tl.move(n, rows)
	case key.Matches(msg, k.Newest):
		return m.jumpTo(0)
	case key.Matches(msg, k.Oldest):
		return m.jumpTo(-1)
	default:
		return nil
	}
	if m.tl.atNewest() {
		m.newCount = 0
	}
	return m.selectionChanged()
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

func (m *Model) handleSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		m.searching = false
		m.input.Blur()
		m.focus = focusTimeline
		return nil
	case "esc":
		m.searching = false
		m.input.Blur()
		return m.clearSearch()
	case "ctrl+c":
		return tea.Quit
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return cmd
	}
	return tea.Batch(cmd, m.startSearch(m.input.Value()))
}

// startSearch runs a query off the update loop; its result carries the
// query's generation so a late result for an older query is dropped.
func (m *Model) startSearch(text string) tea.Cmd {
	m.searchGen++
	gen := m.searchGen
	if m.cancelSearch != nil {
		m.cancelSearch()
		m.cancelSearch = nil
	}
	q := search.Parse(text)
	if q.Empty() {
		m.query, m.result, m.extra = q, nil, nil
		return m.refilter()
	}
	m.query = q
	idx := m.index
	ctx, cancel := context.WithCancel(context.Background())
	m.cancelSearch = cancel
	return func() tea.Msg {
		return searchMsg{gen: gen, result: idx.Search(ctx, q)}
	}
}

func (m *Model) clearSearch() tea.Cmd {
	m.input.SetValue("")
	return m.startSearch("")
}

// openLink opens the selected update's link in the browser.
func (m *Model) openLink() tea.Cmd {
	u := m.tl.selected()
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
	id := m.numbers.selectedUpdate()
	u := m.story.ByID(id)
	if u == nil {
		return nil
	}
	if !m.keep(u) {
		m.keyOnly = false
		m.input.SetValue("")
		m.query, m.result, m.extra = search.Query{}, nil, nil
		m.rebuild()
	}
	m.tl.selectIndex(m.tl.indexOf(u, 0), m.layout().timelineRows())
	m.focus = focusDetail
	return m.selectionChanged()
}

func (m *Model) handleWheel(ms tea.Mouse) tea.Cmd {
	lay := m.layout()
	step := 3
	if ms.Button == tea.MouseWheelUp {
		step = -3
	} else if ms.Button != tea.MouseWheelDown {
		return nil
	}
	switch {
	case lay.timeline.contains(ms.X, ms.Y):
		m.tl.scroll(step, lay.timelineRows())
		return m.selectionChanged()
	case lay.detail.contains(ms.X, ms.Y):
		m.detail.scroll(step, lay.detail.h-1)
	case lay.numbers.contains(ms.X, ms.Y):
		m.numbers.move(step, lay.numbers.h-1)
	}
	return nil
}

func (m *Model) handleClick(ms tea.Mouse) tea.Cmd {
	if ms.Button != tea.MouseLeft {
		return nil
	}
	lay := m.layout()
	switch {
	case lay.timeline.contains(ms.X, ms.Y):
		m.focus = focusTimeline
		row := ms.Y - lay.timeline.y - 1
		if row >= 0 && m.tl.offset+row < len(m.tl.items) {
			m.tl.selectIndex(m.tl.offset+row, lay.timelineRows())
			if m.tl.atNewest() {
				m.newCount = 0
			}
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
