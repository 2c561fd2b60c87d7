package tui

import (
	"net/url"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/reader"
	"github.com/liveline-tui/liveline/tui/notify"
)

// Persisted is what the reader keeps between runs of a source: the story,
// the read marks and stars, and where the person was.
type Persisted struct {
	Story         *model.Story
	Read, Starred []string
	Place         reader.Place
}

// State returns the reader's story, read marks and stars; call it from the
// goroutine that runs the program, or after it has ended.
func (m *Model) State() Persisted {
	p := Persisted{Story: m.reader.Story(), Place: m.reader.Place()}
	p.Read, p.Starred = m.reader.Marks()
	p.Place.Detail = m.detail.offset
	shown := m.lay.numbers.h > 0
	p.Place.Panel = &shown
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

// copyLink copies the selected update's own link (or first reference).
func (m *Model) copyLink() tea.Cmd {
	links := updateLinks(m.reader.Selected())
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
