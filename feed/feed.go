// Package feed is everything liveline does outside the process: fetching,
// parsing, normalising and sanitising sources, polling them, saved state,
// and recording and replaying stories. Its subpackages each do one of those
// jobs; this package holds the types they share with the rest of liveline.
package feed

import (
	"context"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// Version is liveline's version as the User-Agent names it; the liveline
// command sets it from its build information.
var Version = "devel"

// State is where a source stands.
type State uint8

// Source states.
const (
	Connecting State = iota // no reading yet
	Live                    // the last check succeeded
	Retrying                // the last check failed; another is scheduled
	Offline                 // a file, a saved story or a finished replay: nothing more will come
	Ended                   // the live page says its coverage has ended; checked rarely
	Replaying               // a recording or demo plays on its own clock
	Paused                  // a replay is paused
	Watching                // a local file, read again whenever it changes
)

// Status is a source's state after a check.
type Status struct {
	State     State
	LastCheck time.Time // zero before the first check
	NextCheck time.Time // zero when nothing is scheduled
	Err       error     // why the last check failed; nil after a success
	// RetryAfter is set while the source has asked (with Retry-After) not
	// to be checked again before it: a check asked for sooner waits.
	RetryAfter time.Time
	// Source names what is being read for people: a host and the feed or
	// page used, or a file name.
	Source string
	// Replay is set by replaying sources.
	Replay *ReplayStatus
}

// ReplayStatus is where a replay stands on the story's own clock.
type ReplayStatus struct {
	Clock       time.Time // the story's time at this point of the replay
	Start, End  time.Time // the recording's first and last times
	Speed       float64   // story seconds per real second
	Paused      bool
	Step, Steps int // changes applied so far, and in all
	// Skipped are the stretches of story time passed over because nothing
	// changed in them, in order.
	Skipped []Span
}

// Span is a stretch of time.
type Span struct{ From, To time.Time }

// Event is what a source sends to its reader: a status, and a snapshot when
// the source's content changed.
type Event struct {
	Snapshot *model.Snapshot // nil when only the status is news
	Status   Status
	// Replace is true when the reader must drop its story and start again
	// from Snapshot, as when a replay seeks backwards.
	Replace bool
	// Quiet is true for snapshots that must not notify, such as replays.
	Quiet bool
}

// Source is something liveline can follow: a polled URL or file, a replay,
// or the bundled demo.
type Source interface {
	// Run sends events on out until ctx is done. It never closes out.
	Run(ctx context.Context, out chan<- Event)
	// Refresh asks for a check now, still honouring any Retry-After. It never blocks.
	Refresh()
}

// Player is a Source that plays on a clock of its own and can be steered.
// Every method returns at once.
type Player interface {
	Source
	TogglePause()
	SetSpeed(factor float64) // story seconds per real second
	Step(n int)              // jump n changes forward (n > 0) or back (n < 0)
	Restart()                // play again from the first change
}

// Fetch is one successful reading of a source, as a recorder keeps it: what
// was asked for, what came back, and the snapshot it parsed into.
type Fetch struct {
	Time         time.Time
	URL          string // the address finally read, after redirects
	Status       int    // HTTP status; 200 for files
	ETag         string
	LastModified string
	ContentType  string
	Body         []byte // the raw body as received (after gzip decoding)
	// Pages are the older pages read by following next links from Body,
	// in the order read.
	Pages    []Page
	Snapshot *model.Snapshot // the prepared snapshot parsed from Body and Pages, joined
}

// Page is one older page of a story told over several pages.
type Page struct {
	URL         string // the address finally read, after redirects
	ContentType string
	Body        []byte // the raw body as received (after gzip decoding)
}
