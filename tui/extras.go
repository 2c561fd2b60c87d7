package tui

import (
	"errors"
	"fmt"
	"net/url"

	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/tui/notify"
)

// States returns every story's state, in the order of Options.Stories;
// call it from the goroutine that runs the program, or after it has ended.
func (m *Model) States() []Persisted {
	out := make([]Persisted, len(m.stories))
	for i, s := range m.stories {
		out[i] = s.state()
	}
	return out
}

// SaveAll writes every story's state at once, on the calling goroutine;
// call it after the program has ended. A restored story whose whole has
// not been read yet is left as it was saved.
func (m *Model) SaveAll() error {
	var errs []error
	for _, s := range m.stories {
		if s.opts.Persist != nil && !s.partial {
			if err := s.opts.Persist(s.state())(); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", s.title(), err))
			}
		}
	}
	return errors.Join(errs...)
}

// State returns the state of the story shown.
func (m *Model) State() Persisted { return m.story.state() }

// notifyCmd sends one desktop notification, named for story s, for a poll
// that brought new updates; never for a story's first reading, replays or
// the demo.
func (m *Model) notifyCmd(s *story, first, quiet bool, fresh []*model.Update) tea.Cmd {
	n, headline, ok := notify.ShouldNotify(m.opts.Notify, first, quiet, fresh)
	if !ok {
		return nil
	}
	getenv := m.opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	seq := notify.Sequence(notify.Truncate(s.title(), notify.MaxTitle), notify.Text(n, headline), getenv)
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
