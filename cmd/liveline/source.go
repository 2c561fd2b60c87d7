package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/model"
)

// openedSource is a SOURCE argument made ready to read: a polled URL or
// file, or a recording, which reads as its final state.
type openedSource struct {
	name      string
	poller    *poll.Poller
	opts      poll.Options
	recording *record.Recording
	recorder  *record.Writer
	stderr    io.Writer
}

// openSource prepares SOURCE for reading with the shared fetch flags; with
// --record it also opens the recording to append to.
func (env *environment) openSource(source string, f fetchFlags, intervalSet bool, v fetch.Validators) (*openedSource, error) {
	src := &openedSource{name: source, stderr: env.stderr}
	if isLocalFile(source) {
		if rec, ok, err := readRecording(source); err != nil {
			return nil, err
		} else if ok {
			src.recording = rec
			for _, w := range rec.Warnings {
				fmt.Fprintf(env.stderr, "liveline: %s: %s\n", source, sanitizeMessage(w))
			}
			return src, nil
		}
	}
	src.opts = poll.Options{
		Interval:   f.interval,
		AllowFast:  intervalSet,
		Client:     &fetch.Client{UserAgent: f.userAgent, MaxSize: int64(f.maxSize)},
		Clock:      clock.Real{},
		Stdin:      env.stdin,
		Validators: v,
	}
	if f.record != "" {
		w, err := record.Append(f.record)
		if err != nil {
			return nil, fmt.Errorf("cannot record to %s: %w", f.record, err)
		}
		src.recorder = w
		src.opts.OnFetch = func(fe feed.Fetch) {
			if err := w.Add(fe); err != nil {
				fmt.Fprintf(env.stderr, "liveline: recording to %s failed: %s\n", f.record, sanitizeMessage(err.Error()))
			}
		}
	}
	src.poller = poll.New(source, src.opts)
	return src, nil
}

// isLocalFile reports whether source names an existing file.
func isLocalFile(source string) bool {
	if source == "-" {
		return false
	}
	st, err := os.Stat(source)
	return err == nil && st.Mode().IsRegular()
}

// isRecordingFile reports whether path is a recording (plain or gzip
// compressed), judging by its first bytes.
func isRecordingFile(path string) bool {
	if !isLocalFile(path) {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(io.MultiReader(bytes.NewReader(head), f))
		if err != nil {
			return false
		}
		n, _ = io.ReadFull(zr, head[:cap(head)])
		head = head[:n]
	}
	return record.IsRecording(head)
}

// readRecording opens source as a recording when it is one.
func readRecording(path string) (*record.Recording, bool, error) {
	if !isRecordingFile(path) {
		return nil, false, nil
	}
	rec, err := record.Open(path)
	if err != nil {
		return nil, false, err
	}
	return rec, true, nil
}

// ReadOnce reads the whole story once.
func (s *openedSource) ReadOnce(ctx context.Context) (*model.Story, error) {
	if s.recording != nil {
		story, err := s.recording.Final()
		if err != nil {
			return nil, fmt.Errorf("reading the recording %s: %w", s.name, err)
		}
		return story, nil
	}
	snap, _, err := poll.ReadOnce(ctx, s.name, s.opts)
	if err != nil {
		return nil, err
	}
	story := model.NewStory()
	story.Merge(snap)
	return story, nil
}

// Run follows the source, sending events until ctx ends. A recording
// sends its final state once.
func (s *openedSource) Run(ctx context.Context, out chan<- feed.Event) {
	if s.recording != nil {
		story, err := s.recording.Final()
		st := feed.Status{State: feed.Offline, Source: s.name, Err: err}
		ev := feed.Event{Status: st, Quiet: true}
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
		return
	}
	s.poller.Run(ctx, out)
}

// Refresh asks the poller for a check now; a recording has nothing to check.
func (s *openedSource) Refresh() {
	if s.poller != nil {
		s.poller.Refresh()
	}
}

// Close finishes the recording, if any.
func (s *openedSource) Close() error {
	if s.recorder != nil {
		return s.recorder.Close()
	}
	return nil
}
