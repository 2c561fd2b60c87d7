// Package tui is liveline's reader: a Bubble Tea program with a timeline of
// updates, a detail pane for the selected one and a pinned "In numbers"
// panel, following a feed.Source through messages.
//
// The root Model holds the screen: the layout, the focus, the mode (which
// overlay, if any, is open) and the components that draw each pane. The
// story and everything known about reading it live in a reader.Reader.
// Work that can take longer than a frame (reading in a large story,
// indexing it, searching) runs in commands and comes back as messages.
package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model/reader"
	"github.com/liveline-tui/liveline/model/search"
	"github.com/liveline-tui/liveline/tui/notify"
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
	// Theme is "dark" or "light" to fix the background, or "" (auto) to
	// follow the terminal's. Colours override named colours (see Colours).
	Theme   string
	Colours map[string]string

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
	// Keys rebinds actions of the key table by name (see KeyActions); check
	// them with CheckKeys first.
	Keys map[string][]string
}

// focus is the pane that receives movement keys.
type focus uint8

const (
	focusTimeline focus = iota
	focusDetail
	focusNumbers
)

// mode says which overlay, if any, has the keys.
type mode uint8

const (
	modeBrowse mode = iota // the panes
	modeSearch             // typing a search at the foot
	modeLinks              // the selected update's links, over the detail pane
	modeDiff               // what an edit changed, over the detail pane
	modeHelp               // every key, over all the panes
)

// syncUpdates is the largest reading taken in on the update loop. A story
// read in for the first time, or replaced, with more updates than this is
// prepared and indexed in commands, as that takes longer than a frame.
const syncUpdates = 1000

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
	// preparedMsg brings a story read in off the update loop.
	preparedMsg struct {
		prepared *reader.Prepared
		quiet    bool
	}
	// builtMsg brings a story's index and board, built off the update loop.
	builtMsg struct{ built *reader.Built }
)

// Model is the reader's root model: it holds the screen and routes
// messages to the reader and the components.
type Model struct {
	opts   Options
	player feed.Player

	reader *reader.Reader
	status feed.Status
	*common

	help     help.Model
	width    int
	height   int
	lay      layout
	focus    focus
	mode     mode
	timeline *timelinePane
	detail   *detailPane
	numbers  *numbersPane
	search   *searchLine
	links    *linksPane
	diff     *diffPane
	helpView *helpPane

	numbersWide   bool
	numbersNarrow bool

	// syncLimit is syncUpdates; tests lower it to take the long way.
	syncLimit int
	// busy is set while a story is prepared or built off the update loop;
	// readings that arrive meanwhile wait in pending, in order.
	busy    bool
	pending []feed.Event

	readGen      int
	readFor      string // the update the read timer runs for
	searchGen    int
	cancelSearch context.CancelFunc

	saveScheduled bool
	wall          time.Time // the wall clock, as of the last message that read it
	lastInput     time.Time // when the person last pressed a key or clicked
	holdPlace     bool      // a restored place holds until the person acts
	flash         string
	flashUntil    time.Time
	frameSize     int // bytes of the largest frame so far, to size the next
	helpLine      footerCache
}

// footerCache is the footer as last drawn, with what it depends on.
type footerCache struct {
	width  int
	styles *styles
	keys   []key.Binding
	s      string
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
		reader:      reader.New(),
		status:      feed.Status{State: feed.Connecting, Source: opts.SourceName},
		help:        help.New(),
		numbersWide: true,
		width:       80,
		height:      24,
		syncLimit:   syncUpdates,
	}
	m.player, _ = opts.Source.(feed.Player)
	m.wall = opts.Now()
	m.common = &common{keys: newKeyMap(m.player != nil, opts.Keys), loc: opts.Location, now: m.wall, reader: m.reader}
	m.timeline = newTimelinePane(m.common)
	m.detail = newDetailPane(m.common)
	m.numbers = newNumbersPane(m.common)
	m.search = newSearchLine(m.common)
	m.links = newLinksPane(m.common)
	m.diff = newDiffPane(m.common)
	m.helpView = newHelpPane(m.common)
	m.helpView.all = m.fullHelp()
	switch opts.Theme {
	case "dark":
		opts.Dark = true
	case "light":
		opts.Dark = false
	}
	m.setTheme(opts.Dark)
	if opts.Notice != "" {
		m.flash, m.flashUntil = opts.Notice, m.wall.Add(15*time.Second)
	}
	if r := opts.Restore; r != nil && r.Story != nil {
		m.restore(r)
	}
	m.relayout()
	return m
}

// restore shows a story saved by an earlier run, with the person where
// they were, and holds them there until they act: what arrived meanwhile
// counts as new, and does not move them.
func (m *Model) restore(r *Persisted) {
	m.setReader(reader.Restore(r.Story, r.Read, r.Starred))
	m.reader.SetPlace(r.Place, m.rows())
	if u := m.reader.Selected(); u != nil {
		m.detail.restore(u.ID, r.Place.Detail)
	}
	if r.Place.Panel != nil {
		m.numbersWide, m.numbersNarrow = *r.Place.Panel, *r.Place.Panel
	}
	m.holdPlace = m.reader.Loaded()
	if r.Story.Len() <= m.syncLimit {
		m.takeBuilt(reader.Build(r.Story))
	} else {
		m.busy = true
	}
}

func (m *Model) setReader(r *reader.Reader) {
	m.reader = r
	m.common.reader = r
}

func (m *Model) setTheme(dark bool) {
	m.styles = newStyles(dark, m.opts.Colours)
	m.looks = &lookStyles{s: m.styles}
	m.help.Styles = m.styles.help
	m.search.setDark(dark)
	m.detail.key = detailKey{}
	m.diff.key = detailKey{}
}

// Init asks the terminal for its background colour (unless the theme is
// fixed), starts listening to
// the source, and indexes a restored story too large to index at once.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.waitEvent(), m.tick()}
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.busy {
		cmds = append(cmds, m.buildCmd())
	}
	return tea.Batch(cmds...)
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

// Update applies a message and returns the commands it needs; the layout
// is worked out afresh before the screen is drawn.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.relayout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		return nil
	case tea.BackgroundColorMsg:
		if m.opts.Theme == "" || m.opts.Theme == "auto" {
			m.setTheme(msg.IsDark())
		}
		return nil
	case eventMsg:
		return tea.Batch(m.takeEvent(feed.Event(msg)), m.waitEvent())
	case preparedMsg:
		return m.takePrepared(msg)
	case builtMsg:
		return m.takeBuilt(msg.built)
	case tickMsg:
		m.wall = m.opts.Now()
		m.now = m.storyNow()
		if m.flash != "" && !m.wall.Before(m.flashUntil) {
			m.flash = ""
		}
		return m.tick()
	case readMsg:
		if msg.gen == m.readGen {
			return m.markReadCmd()
		}
		return nil
	case searchMsg:
		if msg.gen == m.searchGen && m.reader.SetResult(msg.result, m.rows()) {
			return m.selectionChanged()
		}
		return nil
	case flashMsg:
		m.setFlash(string(msg))
		return nil
	case saveMsg:
		return m.saveNow()
	case savedMsg:
		if msg.err != nil {
			m.setFlash("could not save the reader's state: " + msg.err.Error())
		}
		return nil
	case tea.KeyPressMsg:
		m.touched()
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		m.touched()
		return m.handleWheel(tea.Mouse(msg))
	case tea.MouseClickMsg:
		m.touched()
		return m.handleClick(tea.Mouse(msg))
	}
	if m.mode == modeSearch {
		cmd, _ := m.search.edit(msg)
		return cmd
	}
	return nil
}

// touched notes that the person just acted.
func (m *Model) touched() {
	m.wall = m.opts.Now()
	m.lastInput = m.wall
	m.holdPlace = false
}

func (m *Model) setFlash(s string) {
	m.flash = s
	m.flashUntil = m.opts.Now().Add(4 * time.Second)
}

// rows is how many update rows the timeline shows.
func (m *Model) rows() int { return m.layout().timelineRows() }

// takeEvent takes a source's news: a status, and perhaps a reading. A
// reading too large to take in on the update loop goes to a command; while
// one is out, later readings wait their turn.
func (m *Model) takeEvent(ev feed.Event) tea.Cmd {
	m.status = ev.Status
	m.wall = m.opts.Now()
	m.now = m.storyNow()
	if ev.Snapshot == nil {
		return nil
	}
	if m.busy {
		m.pending = append(m.pending, ev)
		return nil
	}
	if m.reader.NeedsPrepare(ev.Replace) && len(ev.Snapshot.Updates) > m.syncLimit {
		m.busy = true
		snap, replace, quiet := ev.Snapshot, ev.Replace, ev.Quiet
		return func() tea.Msg { return preparedMsg{prepared: reader.Prepare(snap, replace), quiet: quiet} }
	}
	res := m.reader.Apply(ev.Snapshot, ev.Replace, m.rows(), !m.reading())
	m.numbers.refresh(m.reader.Board(), m.loc)
	return m.afterReading(res, ev.Quiet)
}

// takePrepared shows a story read in off the update loop, and builds its
// index and board next.
func (m *Model) takePrepared(msg preparedMsg) tea.Cmd {
	res := m.reader.Install(msg.prepared, m.rows())
	m.searchGen++ // a search under way looked at the story replaced
	return tea.Batch(m.afterReading(res, msg.quiet), m.buildCmd())
}

// buildCmd indexes the story shown and reads its figures, off the update
// loop; nothing merges into the story until the result is taken in.
func (m *Model) buildCmd() tea.Cmd {
	story := m.reader.Story()
	return func() tea.Msg { return builtMsg{built: reader.Build(story)} }
}

// takeBuilt takes in a story's index and board, runs the search in force
// on them, and takes in the readings that waited.
func (m *Model) takeBuilt(b *reader.Built) tea.Cmd {
	if !m.reader.SetBuilt(b) {
		return nil
	}
	m.busy = false
	m.numbers.refresh(m.reader.Board(), m.loc)
	var cmds []tea.Cmd
	if q := m.reader.Query(); !q.Empty() {
		cmds = append(cmds, m.runSearch(q))
	}
	for len(m.pending) > 0 && !m.busy {
		ev := m.pending[0]
		m.pending = m.pending[1:]
		status := m.status
		cmds = append(cmds, m.takeEvent(ev))
		m.status = status // the status shown is already the newest
	}
	return tea.Batch(cmds...)
}

// readingPause is how long after a key or a click the person still counts
// as reading.
const readingPause = 5 * time.Second

// reading reports whether the person is reading, so that new updates must
// not move them: the detail pane has the focus or is scrolled, an overlay
// or the search line is open, a key was pressed a moment ago, or they were
// just put back where they were and have not acted since.
func (m *Model) reading() bool {
	return m.holdPlace || m.mode != modeBrowse || m.focus == focusDetail || m.detail.offset > 0 ||
		m.wall.Sub(m.lastInput) < readingPause
}

// following reports whether new updates move the selection to them: when
// the person sits on the newest update and is not reading.
func (m *Model) following() bool {
	return m.reader.Loaded() && m.reader.AtNewest() && !m.reading()
}

// afterReading starts what a reading leads to: the read timer for the
// selection, a notification, and a save.
func (m *Model) afterReading(res reader.Result, quiet bool) tea.Cmd {
	if res.Changes.Empty() {
		return m.selectionChanged()
	}
	return tea.Batch(m.selectionChanged(), m.notifyCmd(res.First, quiet, res.Changes.New), m.dirty())
}

// storyNow is the time relative times count from: the story's own clock
// in a replay, else the wall clock.
func (m *Model) storyNow() time.Time {
	if r := m.status.Replay; r != nil && !r.Clock.IsZero() {
		return r.Clock
	}
	return m.wall
}

// selectionChanged starts the one-second timer after which the selected
// update counts as read, unless it already runs for that update, and
// closes the diff of an update that has none.
func (m *Model) selectionChanged() tea.Cmd {
	u := m.reader.Selected()
	if m.mode == modeDiff && (u == nil || u.Previous == nil) {
		m.mode = modeBrowse
	}
	if m.mode == modeLinks && u == nil {
		m.mode = modeBrowse
	}
	if u == nil || m.reader.IsRead(u.ID) {
		m.readFor = ""
		m.readGen++
		return nil
	}
	if u.ID == m.readFor {
		return nil
	}
	m.readGen++
	m.readFor = u.ID
	gen := m.readGen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return readMsg{gen: gen} })
}

// markReadCmd marks the selected update read and schedules a save.
func (m *Model) markReadCmd() tea.Cmd {
	m.readFor = ""
	u := m.reader.Selected()
	if u == nil || !m.reader.MarkRead(u.ID) {
		return nil
	}
	return m.dirty()
}

// relayout places the panes for the size and lets each work out its
// layout; View then only draws.
func (m *Model) relayout() {
	m.lay = m.layout()
	lay := m.lay
	m.reader.Clamp(lay.timelineRows())
	m.timeline.setSize(lay.timeline.w, lay.timeline.h)
	m.search.setSize(max(m.width, 20), 1)
	if m.mode == modeHelp {
		m.helpView.setSize(max(m.width, 20), lay.bodyH)
	}
	m.detailSlot().setSize(lay.detail.w, lay.detail.h)
	if lay.numbers.h > 0 {
		m.numbers.setSize(lay.numbers.w, lay.numbers.h)
	}
}

// detailSlot is the component drawn in the detail pane's place: the
// selected update, or the links or diff overlay over it.
func (m *Model) detailSlot() component {
	switch m.mode {
	case modeLinks:
		return m.links
	case modeDiff:
		return m.diff
	}
	return m.detail
}
