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
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/tui/notify"
)

// Options configure a reader of one story or several.
type Options struct {
	// Stories are the stories of the deck, in the order of their number
	// keys; the first is shown first.
	Stories []StoryOptions
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
	// Notify says which new updates send a desktop notification; Getenv
	// lets it pick the terminal's notification sequence.
	Notify notify.Mode
	Getenv func(string) string
	// Keys rebinds actions of the key table by name (see KeyActions); check
	// them with CheckKeys first.
	Keys map[string][]string
	// Settle, when set, is called inside a tea.Cmd once a large reading
	// has been taken in and indexed, so the memory reading it took can go
	// back to the system (debug.FreeOSMemory does that).
	Settle func()
	// Recent lists stories read before, and Open opens one of them (or any
	// source) for the deck; Open runs inside a tea.Cmd.
	Recent func() []Recent
	Open   func(source string) (StoryOptions, error)
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
	modeBrowse  mode = iota // the panes
	modeSearch              // typing a search at the foot
	modeLinks               // the selected update's links, over the detail pane
	modeDiff                // what an edit changed, over the detail pane
	modeHelp                // every key, over all the panes
	modeStories             // the deck's story list, over all the panes
	modeAll                 // every story's newest updates, over all the panes
)

// syncUpdates is the largest reading taken in on the update loop. A story
// read in for the first time, or replaced, with more updates than this is
// prepared and indexed in commands, as that takes longer than a frame.
const syncUpdates = 1000

// Messages the reader sends itself.
type (
	tickMsg  time.Time
	flashMsg string
)

// Model is the reader's root model: it holds the screen, shows one story
// of the deck at a time and routes messages to the stories and the
// components. The story shown is embedded, so its reader, status and panes
// read as the model's own.
type Model struct {
	opts Options
	*story
	stories []*story
	keys    *keyMap
	// screen is what the components of the whole screen read (the search
	// line, the help, the story list); it holds no reader.
	screen *common

	help     help.Model
	width    int
	height   int
	lay      layout
	focus    focus
	mode     mode
	search   *searchLine
	helpView *helpPane

	storiesView *storiesPane
	allView     *allPane

	// syncLimit is syncUpdates; tests lower it to take the long way.
	syncLimit int

	wall       time.Time // the wall clock, as of the last message that read it
	lastInput  time.Time // when the person last pressed a key or clicked
	flash      string
	flashUntil time.Time
	frameSize  int // bytes of the largest frame so far, to size the next
	helpLine   footerCache
	tabs       struct {
		key    string
		styles *styles
		line   string
	}
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
	if len(opts.Stories) == 0 {
		opts.Stories = []StoryOptions{{}}
	}
	m := &Model{
		opts:      opts,
		help:      help.New(),
		width:     80,
		height:    24,
		syncLimit: syncUpdates,
		wall:      opts.Now(),
	}
	_, replay := opts.Stories[0].Source.(feed.Player)
	m.keys = newKeyMap(replay && len(opts.Stories) == 1, opts.Keys)
	for i, so := range opts.Stories {
		m.stories = append(m.stories, newStory(m, i+1, so))
	}
	m.story = m.stories[0]
	m.screen = &common{keys: m.keys, loc: opts.Location}
	m.search = newSearchLine(m.screen)
	m.helpView = newHelpPane(m.screen)
	m.helpView.all = m.fullHelp()
	m.storiesView = newStoriesPane(m)
	m.allView = newAllPane(m)
	switch opts.Theme {
	case "dark":
		opts.Dark = true
	case "light":
		opts.Dark = false
	}
	m.setTheme(opts.Dark)
	for _, s := range m.stories {
		if r := s.opts.Restore; r != nil && r.Story != nil {
			s.restore(r)
		}
	}
	m.showNotice()
	m.relayout()
	return m
}

// showNotice shows the story's notice, once.
func (m *Model) showNotice() {
	if m.notice != "" {
		m.flash, m.flashUntil = m.notice, m.wall.Add(15*time.Second)
		m.notice = ""
	}
}

func (m *Model) setTheme(dark bool) {
	st := newStyles(dark, m.opts.Colours)
	looks := &lookStyles{s: st}
	m.screen.styles, m.screen.looks = st, looks
	for _, s := range m.stories {
		s.styles, s.looks = st, looks
		s.detail.key = detailKey{}
		s.diff.key = detailKey{}
	}
	m.help.Styles = st.help
	m.search.setDark(dark)
}

// Init asks the terminal for its background colour (unless the theme is
// fixed), starts listening to every story's source, and indexes restored
// stories too large to index at once.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.tick()}
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, s := range m.stories {
		cmds = append(cmds, s.waitEvent(), s.startCmd())
	}
	return tea.Batch(cmds...)
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
		return tea.Batch(msg.s.takeEvent(msg.ev), msg.s.waitEvent())
	case preparedMsg:
		return msg.s.takePrepared(msg)
	case builtMsg:
		return msg.s.takeBuilt(msg.built)
	case storyOpenedMsg:
		return m.takeOpened(msg)
	case restMsg:
		return msg.s.takeRest(msg)
	case tickMsg:
		m.wall = m.opts.Now()
		for _, s := range m.stories {
			s.now = s.storyNow()
		}
		if m.flash != "" && !m.wall.Before(m.flashUntil) {
			m.flash = ""
		}
		return m.tick()
	case readMsg:
		if msg.gen == msg.s.readGen {
			return msg.s.markReadCmd()
		}
		return nil
	case searchMsg:
		if msg.gen == msg.s.searchGen && msg.s.reader.SetResult(msg.result, msg.s.rows()) {
			return msg.s.selectionChanged()
		}
		return nil
	case flashMsg:
		m.setFlash(string(msg))
		return nil
	case saveMsg:
		return msg.s.saveNow()
	case savedMsg:
		if msg.err != nil {
			m.setFlash("could not save the state of " + msg.s.title() + ": " + msg.err.Error())
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

// settle lets the memory a large reading took go back to the system.
func (m *Model) settle() tea.Cmd {
	if m.opts.Settle == nil {
		return nil
	}
	f := m.opts.Settle
	return func() tea.Msg { f(); return nil }
}

// touched notes that the person just acted.
func (m *Model) touched() {
	m.wall = m.opts.Now()
	m.lastInput = m.wall
	m.holdPlace = false // the story shown: the person acts in it
}

func (m *Model) setFlash(s string) {
	m.flash = s
	m.flashUntil = m.opts.Now().Add(4 * time.Second)
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

// closeEmptyOverlays closes the diff or links of a selected update that
// has none.
func (m *Model) closeEmptyOverlays(u *model.Update) {
	if m.mode == modeDiff && (u == nil || u.Previous == nil) {
		m.mode = modeBrowse
	}
	if m.mode == modeLinks && u == nil {
		m.mode = modeBrowse
	}
}

// relayout places the panes for the size and lets each work out its
// layout; View then only draws.
func (m *Model) relayout() {
	m.lay = m.layout()
	lay := m.lay
	m.reader.Clamp(lay.timelineRows())
	m.timeline.failed = m.status.Err != nil
	m.timeline.setSize(lay.timeline.w, lay.timeline.h)
	m.search.setSize(max(m.width, 20), 1)
	if full := m.fullScreen(); full != nil {
		full.setSize(max(m.width, 20), lay.bodyH)
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
