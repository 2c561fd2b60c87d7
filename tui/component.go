package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"github.com/liveline-tui/liveline/model/reader"
)

// component is the shape of every pane and overlay: the keys it answers
// to, which also feed the footer and the full help; a layout step for its
// size, run from Update; and a view that draws what the layout worked out
// and changes nothing. The root model routes keys to components through
// their bindings and places their views.
type component interface {
	help.KeyMap
	setSize(w, h int)
	// view returns the component's h lines, each exactly w cells wide.
	view(focused bool) []string
}

// common is what every component reads: the key table, the styles, the
// story being read and the clock its times are shown against.
type common struct {
	keys   *keyMap
	styles *styles
	looks  *lookStyles
	loc    *time.Location
	reader *reader.Reader
	// now is the time relative times count from: the story's own clock in
	// a replay, else the wall clock.
	now time.Time
}
