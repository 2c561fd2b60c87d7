package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

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

const dumpHelp = `Usage: liveline dump [flags] SOURCE

Print a live story and exit: its title, summary and every update, newest
first. SOURCE is an http(s) URL, a file (a feed, a saved live-blog page or a
recording), or - for standard input.

Exit codes: 0 success, 1 the source failed, 2 bad usage, 3 --grep matched
no update.

Flags:
`

type dumpOptions struct {
	fetchFlags
	format string
	follow bool
	grep   string
}

func runDump(ctx context.Context, args []string, env *environment) error {
	var o dumpOptions
	fs := newFlagSet("dump")
	o.register(fs)
	fs.StringVar(&o.format, "format", "text", "output `format`: text or json (JSON Lines with --follow)")
	fs.BoolVar(&o.follow, "follow", false, "keep checking the source and print each new, edited or removed update")
	fs.StringVar(&o.grep, "grep", "", "print only updates that match this search `query`")
	pos, helped, err := parseCommand(fs, args, dumpHelp, env)
	if helped || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("dump takes one SOURCE (a URL, a file or -), got %d", len(pos))
	}
	if o.format != "text" && o.format != "json" {
		return usagef("--format must be text or json, not %q", o.format)
	}
	if o.follow && pos[0] == "-" {
		return usagef("--follow needs a URL or a file, not standard input")
	}
	query := search.Parse(o.grep)
	keep := func(u *model.Update) bool { return query.Empty() || query.Match(u) }
	src, err := env.openSource(source.Classify(pos[0]), o.fetchFlags, explicitlySet(fs, "interval"), fetch.Validators{})
	if err != nil {
		return err
	}
	defer src.Close()
	if o.follow {
		return follow(ctx, src, o, keep, env)
	}
	// A one-shot dump lives for a moment: trading some memory for fewer
	// collections takes a sixth off a 10,000-update dump.
	debug.SetGCPercent(200)
	story, err := src.ReadOnce(ctx)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	if o.format == "json" {
		if err := writeStoryJSON(out, story, keep); err != nil {
			return err
		}
	} else {
		writeStoryText(out, story, keep, env.location)
	}
	if !query.Empty() && !anyUpdate(story, keep) {
		return exitCode(exitNoMatch)
	}
	return nil
}

func anyUpdate(s *model.Story, keep func(*model.Update) bool) bool {
	for _, u := range s.Updates() {
		if keep(u) {
			return true
		}
	}
	return false
}

// follow prints the story's updates as they arrive until ctx ends.
func follow(ctx context.Context, src *source.Source, o dumpOptions, keep func(*model.Update) bool, env *environment) error {
	events := make(chan feed.Event, 16)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		src.Run(ctx, events)
		close(done)
	}()
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	story := model.NewStory()
	var lastErr string
	lastState := feed.Connecting
	read := false
	for {
		select {
		case <-ctx.Done():
			<-done
			return nil
		case ev := <-events:
			if ev.Replace {
				story = model.NewStory()
			}
			if ev.Snapshot != nil {
				read = true
				ch := story.Merge(ev.Snapshot)
				printChanges(out, enc, ch, o.format, keep, env.location)
			}
			if err := lastingFailure(ev); err != nil && !read {
				if o.format == "json" {
					enc.Encode(statusEvent(ev.Status))
				}
				cancel()
				<-done
				return err // a source never read that will not be: no use following it
			}
			if msg := errText(ev.Status.Err); msg != "" && msg != lastErr {
				fmt.Fprintf(env.stderr, "liveline: %s\n", msg)
			}
			if ev.Status.State == feed.Ended && lastState != feed.Ended && o.format == "text" {
				fmt.Fprintf(out, "[status] the live coverage has ended; checking again at %s\n", ev.Status.NextCheck.In(env.location).Format("15:04"))
			}
			lastState = ev.Status.State
			lastErr = errText(ev.Status.Err)
			if o.format == "json" {
				enc.Encode(statusEvent(ev.Status))
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

// followEvent is one line of `dump --follow --format json`.
type followEvent struct {
	Event     string      `json:"event"`
	Update    *jsonUpdate `json:"update,omitempty"`
	State     string      `json:"state,omitempty"`
	Source    string      `json:"source,omitempty"`
	LastCheck *string     `json:"last_check,omitempty"`
	NextCheck *string     `json:"next_check,omitempty"`
	Error     string      `json:"error,omitempty"`
}

func statusEvent(st feed.Status) followEvent {
	ev := followEvent{Event: "status", State: st.State.String(), Source: st.Source,
		LastCheck: rfc3339(st.LastCheck), NextCheck: rfc3339(st.NextCheck)}
	if st.Err != nil {
		ev.Event, ev.Error = "error", errText(st.Err)
	}
	return ev
}

// printChanges prints a merge's changes oldest first, as a log reads.
func printChanges(w io.Writer, enc *json.Encoder, ch model.Changes, format string, keep func(*model.Update) bool, loc *time.Location) {
	emit := func(kind string, us []*model.Update) {
		for i := len(us) - 1; i >= 0; i-- {
			u := us[i]
			if !keep(u) {
				continue
			}
			if format == "json" {
				j := toJSONUpdate(u)
				enc.Encode(followEvent{Event: kind, Update: &j})
				continue
			}
			writeUpdateText(w, "["+kind+"] ", u, loc)
		}
	}
	emit("new", ch.New)
	emit("edited", ch.Edited)
	emit("removed", ch.Removed)
}

// writeStoryText prints a story for people, wrapped to 80 columns.
func writeStoryText(w io.Writer, s *model.Story, keep func(*model.Update) bool, loc *time.Location) {
	fmt.Fprintln(w, wrap(s.Title))
	fmt.Fprintln(w, strings.Repeat("=", min(dumpWidth, max(3, ansi.StringWidth(s.Title)))))
	if s.Summary != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, wrap(s.Summary))
	}
	fmt.Fprintln(w)
	count := fmt.Sprintf("%d updates", s.Len())
	if s.Total > s.Len() {
		count = fmt.Sprintf("%d of %d updates loaded", s.Len(), s.Total)
	}
	meta := []string{count}
	if s.Link != "" {
		meta = append(meta, s.Link)
	}
	if s.FeedURL != "" && s.FeedURL != s.Link {
		meta = append(meta, "read from "+s.FeedURL)
	}
	if s.FromLayout {
		meta = append(meta, "read from the page's layout")
	}
	if s.Len() == 0 && !s.CoverageStart.IsZero() {
		meta = append(meta, "coverage starts at "+s.CoverageStart.In(loc).Format(timeLayout))
	}
	if !s.CoverageEnd.IsZero() {
		meta = append(meta, "coverage ended "+s.CoverageEnd.In(loc).Format(timeLayout))
	}
	fmt.Fprintln(w, wrap(strings.Join(meta, " · ")))
	writeNumbersText(w, s, loc)
	for _, u := range s.Updates() {
		if keep(u) {
			writeUpdateText(w, "", u, loc)
		}
	}
}

const timeLayout = "Mon 2 Jan 2006 15:04 MST"

// writeNumbersText prints the story's In numbers section, as the reader's
// panel shows it and the JSON lists it: the page's own list, the trackers
// and the other figures it pins.
func writeNumbersText(w io.Writer, s *model.Story, loc *time.Location) {
	sec := storyBoard(s).Section()
	if sec.Len() == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "In numbers")
	for _, e := range sec.Entries() {
		fmt.Fprintln(w, wrap("- "+e.Text(loc, sec.Days())))
	}
	fmt.Fprintln(w)
}

// writeUpdateText prints one update under a rule; label, such as "[new] ",
// starts the rule, which ends at dump's width all the same.
func writeUpdateText(w io.Writer, label string, u *model.Update, loc *time.Location) {
	fmt.Fprintln(w, label+strings.Repeat("─", dumpWidth-ansi.StringWidth(label)))
	var tags []string
	if u.HasTime() {
		tags = append(tags, u.Published.In(loc).Format(timeLayout))
	} else {
		tags = append(tags, "undated")
	}
	if u.Author != "" {
		tags = append(tags, u.Author)
	}
	if u.Key {
		tags = append(tags, "key event")
	}
	if u.Edited {
		tags = append(tags, "edited")
	}
	if u.Removed {
		tags = append(tags, "removed")
	}
	fmt.Fprintln(w, wrap(strings.Join(tags, " · ")))
	fmt.Fprintln(w, wrap(u.Headline))
	if u.Text != "" && u.Text != u.Headline {
		fmt.Fprintln(w)
		fmt.Fprintln(w, wrap(u.Text))
	}
	for i, l := range u.Body.Links {
		fmt.Fprintf(w, "[%d] %s\n", i+1, l)
	}
	if u.Link != "" {
		fmt.Fprintln(w, u.Link)
	}
	fmt.Fprintln(w)
}

// wrap wraps plain text to dump's width; list items and quotes keep a
// hanging indent.
func wrap(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if ansi.StringWidth(line) <= dumpWidth {
			continue
		}
		prefix, indent := linePrefix(line)
		body := ansi.Wrap(line[len(prefix):], dumpWidth-ansi.StringWidth(indent), "")
		lines[i] = prefix + strings.ReplaceAll(body, "\n", "\n"+indent)
	}
	return strings.Join(lines, "\n")
}

// linePrefix splits off a line's list or quote marker and says how the
// lines it wraps onto are indented.
func linePrefix(line string) (prefix, indent string) {
	trimmed := strings.TrimLeft(line, " ")
	lead := strings.Repeat(" ", len(line)-len(trimmed))
	switch {
	case strings.HasPrefix(trimmed, "- "):
		return lead + "- ", lead + "  "
	case strings.HasPrefix(trimmed, "> "):
		return lead + "> ", lead + "> "
	}
	if dot := strings.Index(trimmed, ". "); dot > 0 && dot < 4 && strings.Trim(trimmed[:dot], "0123456789") == "" {
		return lead + trimmed[:dot+2], lead + strings.Repeat(" ", dot+2)
	}
	return lead, lead
}
