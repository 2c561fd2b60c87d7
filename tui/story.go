package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/reader"
	"github.com/liveline-tui/liveline/model/search"
)

// StoryOptions configure one story of the deck.
type StoryOptions struct {
	// Source is what the story follows; a feed.Player also answers the
	// replay keys. Its Run must already be sending on Events.
	Source feed.Source
	Events <-chan feed.Event
	// Name names the story in the header and the story list until the
	// source says more: a name from the config file, else the source.
	Name string
	// Restore is the state saved by an earlier run of this source: the
	// story shows at once, and only updates that arrive later are unread.
	Restore *Persisted
	// Persist, when set, captures the state at once and returns the write
	// to run inside a tea.Cmd; the reader saves a little after changes.
	Persist func(Persisted) func() error
	// Notice is shown in the status line for a while when the story is
	// first shown, such as why its saved state could not be used.
	Notice string
	// Titled says Name was chosen by the person, so it names the story
	// even once the source gives a title.
	Titled bool
	// Address is the source as the person gave it, which Recent names.
	Address string
}

// story is one story of the deck: its reader, its source's status, and the
// panes that show it, which keep their own scroll and selection, so each
// story keeps its place while another is shown.
type story struct {
	*common // the story's reader, and the clock its times show against
	root    *Model
	opts    StoryOptions
	player  feed.Player
	reader  *reader.Reader
	status  feed.Status
	number  int // 1 for the first story of the deck

	timeline *timelinePane
	detail   *detailPane
	numbers  *numbersPane
	links    *linksPane
	diff     *diffPane

	numbersWide   bool
	numbersNarrow bool

	// busy is set while the story is prepared or built off the update
	// loop; readings that arrive meanwhile wait in pending, in order.
	busy    bool
	pending []feed.Event

	readGen      int
	readFor      string // the update the read timer runs for
	searchGen    int
	cancelSearch context.CancelFunc

	saveScheduled bool
	holdPlace     bool // a restored place holds until the person acts
	notice        string
	// partial is set while only the newest part of a restored story is in;
	// saving it then would lose the rest.
	partial bool
	more    func() (*model.Story, error)
}

// Messages about one story.
type (
	eventMsg struct {
		s  *story
		ev feed.Event
	}
	readMsg struct {
		s   *story
		gen int
	}
	searchMsg struct {
		s      *story
		gen    int
		result *search.Result
	}
	// preparedMsg brings a story read in off the update loop.
	preparedMsg struct {
		s        *story
		prepared *reader.Prepared
		quiet    bool
	}
	// builtMsg brings a story's index and board, built off the update loop.
	builtMsg struct {
		s     *story
		built *reader.Built
	}
	// restMsg brings the whole of a restored story.
	restMsg struct {
		s     *story
		story *model.Story
		err   error
	}
	saveMsg  struct{ s *story }
	savedMsg struct {
		s   *story
		err error
	}
)

func newStory(root *Model, number int, opts StoryOptions) *story {
	s := &story{root: root, opts: opts, number: number, reader: reader.New(), numbersWide: true, notice: opts.Notice,
		status: feed.Status{State: feed.Connecting, Source: opts.Name}}
	s.player, _ = opts.Source.(feed.Player)
	s.common = &common{keys: root.keys, loc: root.opts.Location, now: root.wall, reader: s.reader}
	s.timeline = newTimelinePane(s.common)
	s.detail = newDetailPane(s.common)
	s.numbers = newNumbersPane(s.common)
	s.links = newLinksPane(s.common)
	s.diff = newDiffPane(s.common)
	return s
}

func (s *story) setReader(r *reader.Reader) {
	s.reader = r
	s.common.reader = r
}

// restore shows a story saved by an earlier run, with the person where
// they were, and holds them there until they act: what arrived meanwhile
// counts as new, and does not move them.
func (s *story) restore(r *Persisted) {
	s.setReader(reader.Restore(r.Story, r.Read, r.Starred))
	if r.Place.Panel != nil {
		s.numbersWide, s.numbersNarrow = *r.Place.Panel, *r.Place.Panel
	}
	s.reader.SetPlace(r.Place, s.rows())
	if u := s.reader.Selected(); u != nil {
		s.detail.restore(u.ID, r.Place.Detail)
	}
	s.holdPlace = s.reader.Loaded()
	switch {
	case r.More != nil:
		s.partial, s.more, s.busy = true, r.More, true
	case r.Story.Len() <= s.root.syncLimit:
		s.takeBuilt(reader.Build(r.Story))
	default:
		s.busy = true
	}
}

// startCmd is the work a story starts with, off the update loop: reading
// the rest of a restored story, or indexing one too large to index at once.
func (s *story) startCmd() tea.Cmd {
	switch {
	case s.more != nil:
		more := s.more
		return func() tea.Msg {
			st, err := more()
			return restMsg{s: s, story: st, err: err}
		}
	case s.busy:
		return s.buildCmd()
	}
	return nil
}

// takeRest takes in the whole of a restored story, keeping the person's
// place, and indexes it. If it could not be read, the part shown stands.
func (s *story) takeRest(msg restMsg) tea.Cmd {
	s.more, s.partial = nil, false
	if msg.err != nil {
		s.root.setFlash("showing part of the saved story: " + msg.err.Error())
		return s.buildCmd()
	}
	s.reader.Install(reader.PrepareStory(msg.story), s.rows())
	return s.buildCmd()
}

// waitEvent waits for the story's source's next event.
func (s *story) waitEvent() tea.Cmd {
	ch := s.opts.Events
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return nil
		}
		return eventMsg{s: s, ev: ev}
	}
}

// rows is how many update rows the story's timeline shows.
func (s *story) rows() int { return s.root.layoutFor(s).timelineRows() }

// shown reports whether the story is the one on the screen.
func (s *story) shown() bool { return s.root.story == s }

// title is the story's name for people: the person's own name for it,
// else the source's title, else the name given at start.
func (s *story) title() string {
	if s.opts.Titled && s.opts.Name != "" {
		return s.opts.Name
	}
	if t := s.reader.Story().Title; t != "" {
		return t
	}
	if s.opts.Name != "" {
		return s.opts.Name
	}
	return "liveline"
}

// takeEvent takes a source's news: a status, and perhaps a reading. A
// reading too large to take in on the update loop goes to a command; while
// one is out, later readings wait their turn.
func (s *story) takeEvent(ev feed.Event) tea.Cmd {
	s.status = ev.Status
	s.root.wall = s.root.opts.Now()
	s.now = s.storyNow()
	if ev.Snapshot == nil {
		return nil
	}
	if s.busy {
		s.pending = append(s.pending, ev)
		return nil
	}
	if s.reader.NeedsPrepare(ev.Replace) && len(ev.Snapshot.Updates) > s.root.syncLimit {
		s.busy = true
		snap, replace, quiet := ev.Snapshot, ev.Replace, ev.Quiet
		return func() tea.Msg { return preparedMsg{s: s, prepared: reader.Prepare(snap, replace), quiet: quiet} }
	}
	res := s.reader.Apply(ev.Snapshot, ev.Replace, s.rows(), s.shown() && !s.root.reading())
	s.numbers.refresh(s.reader.Board(), s.loc)
	cmd := s.afterReading(res, ev.Quiet)
	if len(ev.Snapshot.Updates) > s.root.syncLimit {
		cmd = tea.Batch(cmd, s.root.settle())
	}
	return cmd
}

// takePrepared shows a story read in off the update loop, and builds its
// index and board next.
func (s *story) takePrepared(msg preparedMsg) tea.Cmd {
	res := s.reader.Install(msg.prepared, s.rows())
	s.searchGen++ // a search under way looked at the story replaced
	return tea.Batch(s.afterReading(res, msg.quiet), s.buildCmd())
}

// buildCmd indexes the story and reads its figures, off the update loop;
// nothing merges into the story until the result is taken in.
func (s *story) buildCmd() tea.Cmd {
	st := s.reader.Story()
	return func() tea.Msg { return builtMsg{s: s, built: reader.Build(st)} }
}

// takeBuilt takes in a story's index and board, runs the search in force
// on them, and takes in the readings that waited.
func (s *story) takeBuilt(b *reader.Built) tea.Cmd {
	if !s.reader.SetBuilt(b) {
		return nil
	}
	s.busy = false
	s.numbers.refresh(s.reader.Board(), s.loc)
	cmds := []tea.Cmd{s.root.settle()}
	if q := s.reader.Query(); !q.Empty() {
		cmds = append(cmds, s.runSearch(q))
	}
	for len(s.pending) > 0 && !s.busy {
		ev := s.pending[0]
		s.pending = s.pending[1:]
		status := s.status
		cmds = append(cmds, s.takeEvent(ev))
		s.status = status // the status shown is already the newest
	}
	return tea.Batch(cmds...)
}

// afterReading starts what a reading leads to: the read timer for the
// selection, a notification, and a save.
func (s *story) afterReading(res reader.Result, quiet bool) tea.Cmd {
	if res.Changes.Empty() {
		return s.selectionChanged()
	}
	return tea.Batch(s.selectionChanged(), s.root.notifyCmd(s, res.First, quiet, res.Changes.New), s.dirty())
}

// storyNow is the time relative times count from: the story's own clock
// in a replay, else the wall clock.
func (s *story) storyNow() time.Time {
	if r := s.status.Replay; r != nil && !r.Clock.IsZero() {
		return r.Clock
	}
	return s.root.wall
}

// selectionChanged starts the one-second timer after which the selected
// update counts as read, unless it already runs for that update, and
// closes the diff or links of an update that has none. Only the story on
// the screen is read.
func (s *story) selectionChanged() tea.Cmd {
	u := s.reader.Selected()
	if s.shown() {
		s.root.closeEmptyOverlays(u)
	}
	if u == nil || s.reader.IsRead(u.ID) || !s.shown() {
		s.readFor = ""
		s.readGen++
		return nil
	}
	if u.ID == s.readFor {
		return nil
	}
	s.readGen++
	s.readFor = u.ID
	gen := s.readGen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return readMsg{s: s, gen: gen} })
}

// markReadCmd marks the selected update read and schedules a save.
func (s *story) markReadCmd() tea.Cmd {
	s.readFor = ""
	u := s.reader.Selected()
	if u == nil || !s.shown() || !s.reader.MarkRead(u.ID) {
		return nil
	}
	return s.dirty()
}

// startSearch puts a query in force and runs it off the update loop.
func (s *story) startSearch(text string) tea.Cmd {
	q := search.Parse(text)
	s.reader.SetQuery(q, s.rows())
	if q.Empty() {
		s.searchGen++
		if s.cancelSearch != nil {
			s.cancelSearch()
			s.cancelSearch = nil
		}
		return s.selectionChanged()
	}
	return s.runSearch(q)
}

// runSearch searches the index off the update loop; the result carries
// the search's generation so a late result for an older query is dropped.
// While the index is being built the search waits for it.
func (s *story) runSearch(q search.Query) tea.Cmd {
	s.searchGen++
	gen := s.searchGen
	if s.cancelSearch != nil {
		s.cancelSearch()
		s.cancelSearch = nil
	}
	idx := s.reader.Index()
	if idx == nil {
		return nil // takeBuilt runs it
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancelSearch = cancel
	return func() tea.Msg {
		return searchMsg{s: s, gen: gen, result: idx.Search(ctx, q)}
	}
}

// Persisted is what the reader keeps between runs of a source: the story,
// the read marks and stars, and where the person was.
type Persisted struct {
	Story         *model.Story
	Read, Starred []string
	Place         reader.Place
	// More, when set on a state to restore, reads the whole story, of
	// which Story holds only the newest updates, enough to show at once.
	// It runs inside a tea.Cmd; until it is back, nothing is saved.
	More func() (*model.Story, error)
}

// state returns the story, its marks and the person's place in it.
func (s *story) state() Persisted {
	p := Persisted{Story: s.reader.Story(), Place: s.reader.Place()}
	p.Read, p.Starred = s.reader.Marks()
	p.Place.Detail = s.detail.offset
	shown := s.root.layoutFor(s).numbers.h > 0
	p.Place.Panel = &shown
	return p
}

// saveDelay gathers bursts of changes into one write of the saved state.
const saveDelay = 2 * time.Second

// dirty notes that the saved state is out of date and schedules a save.
func (s *story) dirty() tea.Cmd {
	if s.opts.Persist == nil || s.saveScheduled {
		return nil
	}
	s.saveScheduled = true
	return tea.Tick(saveDelay, func(time.Time) tea.Msg { return saveMsg{s: s} })
}

// saveNow captures the state at once and writes it off the update loop.
// While only part of a restored story is in, it waits.
func (s *story) saveNow() tea.Cmd {
	s.saveScheduled = false
	if s.partial {
		return s.dirty()
	}
	if s.opts.Persist == nil {
		return nil
	}
	write := s.opts.Persist(s.state())
	return func() tea.Msg { return savedMsg{s: s, err: write()} }
}
