package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// searchLine is the search typed at the foot of the screen; the timeline
// filters as it changes.
type searchLine struct {
	*common
	w     int
	input textinput.Model
}

func newSearchLine(c *common) *searchLine {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "search: words, \"a phrase\", -exclude"
	return &searchLine{common: c, input: in}
}

// ShortHelp is the search line's part of the footer.
func (s *searchLine) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Accept, s.keys.Cancel}
}

// FullHelp lists the search line's keys.
func (s *searchLine) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *searchLine) setSize(w, _ int) {
	s.w = w
	s.input.SetWidth(max(10, w-2))
}

// setDark styles the input for the background.
func (s *searchLine) setDark(dark bool) { s.input.SetStyles(textinput.DefaultStyles(dark)) }

// open starts editing the query in force.
func (s *searchLine) open(query string) tea.Cmd {
	s.input.SetValue(query)
	s.input.CursorEnd()
	return s.input.Focus()
}

// close stops editing; clear also empties the line.
func (s *searchLine) close(clear bool) {
	s.input.Blur()
	if clear {
		s.input.SetValue("")
	}
}

// type passes a key or other message to the input and reports whether the
// text changed.
func (s *searchLine) edit(msg tea.Msg) (tea.Cmd, bool) {
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd, s.input.Value() != before
}

func (s *searchLine) value() string { return s.input.Value() }

func (s *searchLine) view(bool) []string { return []string{fit(s.input.View(), s.w)} }
