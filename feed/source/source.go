// Package source decides what a SOURCE argument names and opens it. An
// argument is one of:
//
//   - an http or https address: a feed or a live-blog page, told apart
//     once fetched;
//   - a saved feed or page file (a file:// address names one too), read
//     again when it changes, or the same file gzip-compressed;
//   - a liveline recording, plain or gzip-compressed, read as its final
//     state;
//   - "-", standard input, read once.
//
// The reader and dump open their argument with Open; replay asks Sniff
// what the file it plays holds.
package source

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/feed/sniff"
	"github.com/liveline-tui/liveline/model"
)

// Kind is what an argument names.
type Kind uint8

// Kinds of argument.
const (
	Address        Kind = iota // an http or https address
	File                       // a saved feed or page
	CompressedFile             // a gzip-compressed feed or page
	Recording                  // a liveline recording, plain or gzip-compressed
	Stdin                      // "-"
)

func (k Kind) String() string {
	switch k {
	case Address:
		return "address"
	case File:
		return "file"
	case CompressedFile:
		return "compressed file"
	case Recording:
		return "recording"
	case Stdin:
		return "standard input"
	}
	return "unknown"
}

// Arg is an argument with what it names decided.
type Arg struct {
	Given  string // as written
	Kind   Kind
	Target string // what is read: the address, the file's path, or "-"
}

// Key names what a is for saved state, so that one source written two
// ways shares one state: a file (or file:// address) by its absolute path
// with symbolic links resolved, an address with its scheme and host in
// lower case and without a default port or a fragment. Standard input is
// "-".
func (a Arg) Key() string {
	switch a.Kind {
	case Stdin:
		return "-"
	case Address:
		return canonicalAddress(a.Target)
	}
	path, err := filepath.Abs(a.Target)
	if err != nil {
		return a.Target
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	return path
}

// canonicalAddress writes an http or https address one way: scheme and
// host in lower case, no default port, no fragment, and "/" for an empty
// path.
func canonicalAddress(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" || port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 address
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String()
}

// sniffLen is how much of a file Classify looks at.
const sniffLen = 512

// Classify decides what arg names. A file is told by its first bytes; a
// path that cannot be read now (missing, a directory, unreadable) is taken
// for a file, whose reading then says what is wrong.
func Classify(arg string) Arg {
	a := Arg{Given: arg, Kind: File, Target: arg}
	switch {
	case arg == "-":
		a.Kind = Stdin
		return a
	case link.IsWeb(arg):
		a.Kind = Address
		return a
	case strings.HasPrefix(arg, "file://"):
		if u, err := url.Parse(arg); err == nil {
			a.Target = u.Path
		}
	}
	f, err := os.Open(a.Target)
	if err != nil {
		return a
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return a
	}
	head := make([]byte, sniffLen)
	n, _ := io.ReadFull(f, head)
	a.Kind = Sniff(head[:n])
	return a
}

// Sniff tells from the start of a file (or all of it) what it holds: a
// recording (plain or gzip-compressed, as record.IsRecording tells), a
// gzip-compressed feed or page, or else a plain File.
func Sniff(head []byte) Kind {
	switch {
	case record.IsRecording(head):
		return Recording
	case sniff.Gzip(head):
		return CompressedFile
	}
	return File
}

// Options say how to read an opened argument.
type Options struct {
	// Poll configures the poller of an address, a file or standard input.
	Poll poll.Options
	// Record, when set, is a recording each changed reading is appended to.
	Record string
	// Warn, when set, hears what goes wrong beside the reading itself: the
	// damaged records a recording skipped, a failed write to the recording.
	// The messages may quote the source; they are not sanitised.
	Warn func(msg string)
}

// Source is an argument opened for reading: polled, or a recording read
// as its final state. It is a feed.Source.
type Source struct {
	arg       Arg
	poller    *poll.Poller
	pollOpts  poll.Options
	recording *record.Recording
	recorder  *record.Writer
}

// Open prepares a to be read. A recording is read at once; with
// Options.Record, the recording to append to is opened too.
func Open(a Arg, o Options) (*Source, error) {
	warn := o.Warn
	if warn == nil {
		warn = func(string) {}
	}
	s := &Source{arg: a}
	if a.Kind == Recording {
		rec, err := record.Open(a.Target)
		if err != nil {
			return nil, err
		}
		for _, w := range rec.Warnings {
			warn(a.Given + ": " + w)
		}
		s.recording = rec
		return s, nil
	}
	s.pollOpts = o.Poll
	if o.Record != "" {
		w, err := record.Append(o.Record)
		if err != nil {
			return nil, fmt.Errorf("cannot record to %s: %w", o.Record, err)
		}
		s.recorder = w
		s.pollOpts.OnFetch = func(fe feed.Fetch) {
			if err := w.Add(fe); err != nil {
				warn("recording to " + o.Record + " failed: " + err.Error())
			}
		}
	}
	s.poller = poll.New(a.Target, s.pollOpts)
	return s, nil
}

// Kind returns what the source is.
func (s *Source) Kind() Kind { return s.arg.Kind }

// ReadOnce reads the whole story once.
func (s *Source) ReadOnce(ctx context.Context) (*model.Story, error) {
	if s.recording != nil {
		story, err := s.recording.Final()
		if err != nil {
			return nil, fmt.Errorf("reading the recording %s: %w", s.arg.Given, err)
		}
		return story, nil
	}
	snap, _, err := poll.ReadOnce(ctx, s.arg.Target, s.pollOpts)
	if err != nil {
		return nil, err
	}
	story := model.NewStory()
	story.Merge(snap)
	return story, nil
}

// Run follows the source, sending events until ctx ends. A recording
// sends its final state once.
func (s *Source) Run(ctx context.Context, out chan<- feed.Event) {
	if s.recording == nil {
		s.poller.Run(ctx, out)
		return
	}
	story, err := s.recording.Final()
	ev := feed.Event{Status: feed.Status{State: feed.Offline, Source: s.arg.Given, Err: err}, Quiet: true}
	if story != nil {
		meta := story.Meta()
		for _, u := range story.Updates() {
			meta.Updates = append(meta.Updates, *u)
		}
		ev.Snapshot, ev.Replace = &meta, true
	}
	select {
	case out <- ev:
	case <-ctx.Done():
	}
	<-ctx.Done()
}

// Refresh asks the poller for a check now; a recording has nothing to check.
func (s *Source) Refresh() {
	if s.poller != nil {
		s.poller.Refresh()
	}
}

// Validators returns the validators of the last successful reading, for
// saving between runs; none for a recording.
func (s *Source) Validators() fetch.Validators {
	if s.poller == nil {
		return fetch.Validators{}
	}
	return s.poller.Validators()
}

// Close finishes the recording being made, if any.
func (s *Source) Close() error {
	if s.recorder != nil {
		return s.recorder.Close()
	}
	return nil
}

var _ feed.Source = (*Source)(nil)
