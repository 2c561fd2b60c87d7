package main

import (
	"fmt"

	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/source"
)

// openSource opens a SOURCE argument with the shared fetch flags; with
// --record it also opens the recording to append to.
func (env *environment) openSource(arg source.Arg, f fetchFlags, intervalSet bool, v fetch.Validators) (*source.Source, error) {
	return source.Open(arg, source.Options{
		Poll: poll.Options{
			Interval:   f.interval,
			AllowFast:  intervalSet,
			Client:     &fetch.Client{UserAgent: f.userAgent, MaxSize: int64(f.maxSize)},
			Clock:      clock.Real{},
			Stdin:      env.stdin,
			Validators: v,
			Group:      env.group,
		},
		Record: f.record,
		Warn: func(msg string) {
			fmt.Fprintf(env.stderr, "liveline: %s\n", sanitizeMessage(msg))
		},
	})
}
