package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/source"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/search"
)

// exitNoMatch is dump's exit code when --grep matched no update.
const exitNoMatch = 3

// dumpWidth is the column dump wraps text at.
const dumpWidth = 80

const dumpHelp = `Print live stories and exit: each one's title, summary and every update,
newest first. SOURCE is an http(s) URL, a file (a feed, a saved live-blog
page or a recording), or - for standard input. With several sources, the
text has a section per story and the JSON is an array of stories; a source
that fails is reported and the others are still printed.

Exit codes: 0 success, 1 a source failed, 2 bad usage, 3 --grep matched
no update.`

type dumpOptions struct {
	fetchFlags
	format string
	follow bool
	grep   string
}

// dumpCommand is "liveline dump SOURCE...".
func dumpCommand(env *environment) *cobra.Command {
	var o dumpOptions
	c := &cobra.Command{
		Use:               "dump [flags] SOURCE...",
		Short:             "print the stories and exit (--follow keeps printing)",
		Long:              dumpHelp,
		ValidArgsFunction: env.completeSources,
		RunE: func(c *cobra.Command, pos []string) error {
			return runDump(c.Context(), pos, o, c.Flags().Changed("interval"), env)
		},
	}
	fs := c.Flags()
	o.register(fs)
	fs.StringVar(&o.format, "format", "text", "output `format`: text or json (JSON Lines with --follow)")
	fs.BoolVar(&o.follow, "follow", false, "keep checking the sources and print each new, edited or removed update")
	fs.StringVar(&o.grep, "grep", "", "print only updates that match this search `query`")
	choose(c, "format", "text", "json")
	return c
}

func runDump(ctx context.Context, pos []string, o dumpOptions, intervalSet bool, env *environment) error {
	switch stdin := count(pos, "-"); {
	case len(pos) == 0:
		return usagef("dump takes a SOURCE (a URL, a file or -), or several")
	case o.format != "text" && o.format != "json":
		return usagef("--format must be text or json, not %q", o.format)
	case o.follow && stdin > 0:
		return usagef("--follow needs a URL or a file, not standard input")
	case stdin > 1:
		return usagef("standard input can be read once: give - once")
	case o.record != "" && len(pos) > 1:
		return usagef("--record records one story: give one SOURCE, got %d", len(pos))
	}
	query := search.Parse(o.grep)
	keep := func(u *model.Update) bool { return query.Empty() || query.Match(u) }
	open := func(name string) (*source.Source, error) {
		return env.openSource(source.Classify(name), o.fetchFlags, intervalSet, fetch.Validators{})
	}
	if o.follow {
		return followAll(ctx, pos, open, o, keep, env)
	}
	// A one-shot dump lives for a moment: it trades some memory for fewer
	// collections, but not much. A 10,000-update dump peaks at 1.2 times
	// the memory of a bare gofeed parse of the feed with 150, and at 1.45
	// times with 200, which saves no CPU time that can be measured.
	debug.SetGCPercent(150)
	if len(pos) > 1 {
		return dumpSeveral(ctx, pos, open, o.format, query, env)
	}
	story, err := readOnce(ctx, pos[0], open)
	if err != nil {
		return err
	}
	p := pick(story, query)
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	if o.format == "json" {
		if err := writeStoryJSON(out, story, p, ""); err != nil {
			return err
		}
	} else {
		writeStoryText(out, story, p, env.location)
	}
	if p.grep && len(p.updates) == 0 {
		return exitCode(exitNoMatch) // the output says so: nothing on standard error, as grep
	}
	return nil
}

// picked is what a dump prints of a story: every update, or with --grep
// the ones that match, newest first, and the query that chose them.
type picked struct {
	grep    bool   // a query chose the updates
	query   string // the query as understood, safe to print
	updates []*model.Update
}

// pick matches a story's updates against the query, each once.
func pick(s *model.Story, query search.Query) picked {
	if query.Empty() {
		return picked{updates: s.Updates()}
	}
	p := picked{grep: true, query: sanitizeMessage(query.String())}
	for _, u := range s.Updates() {
		if query.Match(u) {
			p.updates = append(p.updates, u)
		}
	}
	return p
}

func count(list []string, s string) int {
	n := 0
	for _, e := range list {
		if e == s {
			n++
		}
	}
	return n
}

// readOnce opens a source and reads its whole story once.
func readOnce(ctx context.Context, name string, open func(string) (*source.Source, error)) (*model.Story, error) {
	src, err := open(name)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return src.ReadOnce(ctx)
}

// dumpSeveral reads every source at once (the pollers' group keeps it to
// one request at a time per host) and prints them in the order given: a
// section per story headed by its source in text, or a JSON array of the
// stories, each naming its source in "story". A source that fails is
// reported on standard error in its turn, and makes the exit code 1.
func dumpSeveral(ctx context.Context, names []string, open func(string) (*source.Source, error), format string, query search.Query, env *environment) error {
	stories := make([]*model.Story, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() { stories[i], errs[i] = readOnce(ctx, name, open) })
	}
	wg.Wait()
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	if format == "json" {
		out.WriteString("[")
	}
	printed, failed, matched := 0, false, false
	for i, story := range stories {
		if errs[i] != nil {
			out.Flush()
			fmt.Fprintf(env.stderr, "liveline: %s\n", sanitizeMessage(failureText(errs[i])))
			failed = true
			continue
		}
		p := pick(story, query)
		matched = matched || len(p.updates) > 0
		printed++
		if format == "text" {
			if printed > 1 {
				out.WriteString("\n")
			}
			fmt.Fprintf(out, "==> %s <==\n", sanitizeMessage(names[i]))
			writeStoryText(out, story, p, env.location)
			continue
		}
		var obj bytes.Buffer
		if err := writeStoryJSON(&obj, story, p, names[i]); err != nil {
			return err
		}
		if printed > 1 {
			out.WriteString(",")
		}
		out.WriteString("\n")
		out.Write(bytes.TrimSuffix(obj.Bytes(), []byte("\n")))
	}
	if format == "json" {
		if printed > 0 {
			out.WriteString("\n")
		}
		out.WriteString("]\n")
	}
	switch {
	case failed:
		return exitCode(1)
	case !query.Empty() && printed > 0 && !matched:
		return exitCode(exitNoMatch)
	}
	return nil
}

// followAll prints the stories' updates as they arrive until ctx ends. A
// source that cannot be opened is reported and the others followed; it
// makes the exit code 1 (with one source, its error is returned).
func followAll(ctx context.Context, names []string, open func(string) (*source.Source, error), o dumpOptions, keep func(*model.Update) bool, env *environment) error {
	var srcs []*source.Source
	var followed []string
	failed := false
	for _, name := range names {
		src, err := open(name)
		if err != nil && len(names) == 1 {
			return err
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "liveline: %s\n", sanitizeMessage(failureText(err)))
			failed = true
			continue
		}
		defer src.Close()
		srcs, followed = append(srcs, src), append(followed, name)
	}
	if len(srcs) > 0 {
		if err := follow(ctx, srcs, followed, o, keep, env); err != nil {
			return err
		}
	}
	if failed {
		return exitCode(1)
	}
	return nil
}

// storyEvent is an event of the story at index i.
type storyEvent struct {
	i  int
	ev feed.Event
}

// followed is what follow knows of one story.
type followed struct {
	story     *model.Story
	lastErr   string
	lastState feed.State
	read      bool // a reading has come
	gone      bool // never read, and never will be: no longer followed
}

// follow prints the stories' updates as they arrive until ctx ends. With
// several stories, the text heads each run of lines with the story's
// source, as tail -f does for several files.
func follow(ctx context.Context, srcs []*source.Source, names []string, o dumpOptions, keep func(*model.Update) bool, env *environment) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan storyEvent, 16)
	var wg sync.WaitGroup
	for i, src := range srcs {
		own := make(chan feed.Event, 16)
		wg.Go(func() { src.Run(ctx, own) })
		wg.Go(func() {
			for {
				select {
				case ev := <-own:
					select {
					case events <- storyEvent{i, ev}:
					case <-ctx.Done():
						return
					}
				case <-ctx.Done():
					return
				}
			}
		})
	}
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	stories := make([]followed, len(srcs))
	for i := range stories {
		stories[i] = followed{story: model.NewStory(), lastState: feed.Connecting}
	}
	shown := -1 // the story whose source last headed the text
	following := len(srcs)
	var failed error
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			if failed != nil {
				return exitCode(1) // the others were followed to the end
			}
			return nil
		case se := <-events:
			f, ev := &stories[se.i], se.ev
			head := func() {
				if len(srcs) > 1 && o.format == "text" && shown != se.i {
					fmt.Fprintf(out, "==> %s <==\n", sanitizeMessage(names[se.i]))
					shown = se.i
				}
			}
			if ev.Replace {
				f.story = model.NewStory()
			}
			if ev.Snapshot != nil {
				f.read = true
				ch := f.story.Merge(ev.Snapshot)
				printChanges(out, enc, ch, o.format, keep, names[se.i], head, env.location)
			}
			if err := lastingFailure(ev); err != nil && !f.read && !f.gone {
				// A source never read that will not be: no use following it.
				if o.format == "json" {
					enc.Encode(statusEvent(ev.Status, names[se.i]))
				}
				f.gone, failed, following = true, err, following-1
				if following == 0 {
					out.Flush()
					cancel()
					wg.Wait()
					if len(srcs) == 1 {
						return err
					}
					fmt.Fprintf(env.stderr, "liveline: %s\n", sanitizeMessage(failureText(err)))
					return exitCode(1)
				}
				fmt.Fprintf(env.stderr, "liveline: %s\n", sanitizeMessage(failureText(err)))
				continue
			}
			if msg := errText(ev.Status.Err); msg != "" && msg != f.lastErr {
				fmt.Fprintf(env.stderr, "liveline: %s\n", msg)
			}
			if ev.Status.State == feed.Ended && f.lastState != feed.Ended && o.format == "text" {
				head()
				fmt.Fprintf(out, "[status] the live coverage has ended; checking again at %s\n", ev.Status.NextCheck.In(env.location).Format("15:04"))
			}
			f.lastState = ev.Status.State
			f.lastErr = errText(ev.Status.Err)
			if o.format == "json" {
				enc.Encode(statusEvent(ev.Status, names[se.i]))
			}
			if err := out.Flush(); err != nil {
				return err
			}
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return sanitizeMessage(err.Error())
}

// followEvent is one line of `dump --follow --format json`. Story is the
// source as given, which tells the stories of one dump apart.
type followEvent struct {
	Event     string      `json:"event"`
	Story     string      `json:"story"`
	Update    *jsonUpdate `json:"update,omitempty"`
	State     string      `json:"state,omitempty"`
	Source    string      `json:"source,omitempty"`
	LastCheck *string     `json:"last_check,omitempty"`
	NextCheck *string     `json:"next_check,omitempty"`
	Error     string      `json:"error,omitempty"`
}

func statusEvent(st feed.Status, story string) followEvent {
	ev := followEvent{Event: "status", Story: story, State: st.State.String(), Source: st.Source,
		LastCheck: rfc3339(st.LastCheck), NextCheck: rfc3339(st.NextCheck)}
	if st.Err != nil {
		ev.Event, ev.Error = "error", errText(st.Err)
	}
	return ev
}

// printChanges prints a merge's changes of story oldest first, as a log
// reads; head is called before the first line of text.
func printChanges(w io.Writer, enc *json.Encoder, ch model.Changes, format string, keep func(*model.Update) bool, story string, head func(), loc *time.Location) {
	emit := func(kind string, us []*model.Update) {
		for i := len(us) - 1; i >= 0; i-- {
			u := us[i]
			if !keep(u) {
				continue
			}
			if format == "json" {
				j := toJSONUpdate(u)
				enc.Encode(followEvent{Event: kind, Story: story, Update: &j})
				continue
			}
			head()
			writeUpdateText(w, "["+kind+"] ", u, loc)
		}
	}
	emit("new", ch.New)
	emit("edited", ch.Edited)
	emit("removed", ch.Removed)
}
