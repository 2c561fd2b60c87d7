// Package demo is the story liveline shows when started without a source:
// a recording of the junior doctors' strike live blog unfolding over about
// a minute and a half, embedded in the program and played through the same
// replay path as any recording. It never touches the network and never
// notifies.
package demo

import (
	_ "embed"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/feed/replay"
)

// Name is what the demo shows as its source.
const Name = "demo: junior doctors' strike"

// recording is written by TestEmbedded with -update, from testdata/strike.xml.
//
//go:embed strike.jsonl.gz
var recording []byte

// Recording returns the embedded recording's bytes (gzip-compressed JSON
// Lines), for `liveline dump` and for tests.
func Recording() []byte { return recording }

// New returns a player for the demo story at the default replay speed, on
// clock c (the real clock when nil).
func New(c clock.Clock) feed.Player {
	p, err := open(c)
	if err != nil {
		panic("demo: the embedded recording does not play: " + err.Error()) // tests keep this from happening
	}
	return p
}

func open(c clock.Clock) (*replay.Player, error) {
	rec, err := record.Read(recording)
	if err != nil {
		return nil, err
	}
	return replay.Recording(rec, Name, replay.Options{Clock: c})
}
