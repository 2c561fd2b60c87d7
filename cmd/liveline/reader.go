package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/cli/browser"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/demo"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/replay"
	"github.com/liveline-tui/liveline/feed/source"
	"github.com/liveline-tui/liveline/feed/state"
	"github.com/liveline-tui/liveline/tui"
	"github.com/liveline-tui/liveline/tui/notify"
)

const replayHelp = `Usage: liveline replay [flags] FILE

Replay a story as it unfolded: a recording made with --record, or a saved
feed or live-blog page (each update then appears at its published time).
Long silences between changes are shortened to 3 seconds (dashed on the
progress bar) unless --true-time is given.
Keys: space pause/resume, + and - speed, ] and [ next/previous change.

Flags:
`

// readerFlags are the reader's own flags.
type readerFlags struct {
	fetchFlags
	noMouse bool
	noState bool
	notify  notifyMode
	version bool
	config  string
}

func runReader(ctx context.Context, args []string, env *environment) error {
	var o readerFlags
	fs := newFlagSet("liveline")
	o.register(fs)
	fs.BoolVar(&o.noMouse, "no-mouse", false, "leave the mouse to the terminal (for selecting text)")
	fs.BoolVar(&o.noState, "no-state", false, "neither read nor write saved state")
	fs.Var(&o.notify, "notify", "desktop notification when a check brings new updates (=key: key events only)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.StringVar(&o.config, "config", "", "read the config from this `file` (default $XDG_CONFIG_HOME/liveline/config.toml)")
	pos, helped, err := parseCommand(fs, args, mainHelp, env)
	if helped || err != nil {
		return err
	}
	if o.version {
		printVersion(env.stdout)
		return nil
	}
	settings, err := loadSettings(o.config, explicitlySet(fs, "config"), env)
	if err != nil {
		return err
	}
	stories, err := settings.Open(pos)
	if err != nil {
		return usageError{err.Error()}
	}
	ui := settingsUI(settings, o, explicitlySet(fs, "notify"))
	if len(stories) > 1 {
		ui.notice = fmt.Sprintf("showing the first of %d stories", len(stories))
	}
	story := stories[0]
	if story.Demo {
		ui.name = demo.Name
		return runUI(ctx, demo.New(clock.Real{}), ui, env)
	}
	var intervalSet bool
	o.interval, intervalSet = storyInterval(story, settings, o.interval, explicitlySet(fs, "interval"))
	ui.name, ui.title = story.Source, story.Name
	if ui.name == "-" {
		return usagef("the reader needs the terminal for keys: save standard input to a file, or use \"liveline dump -\"")
	}
	arg := source.Classify(ui.name)
	var saved *state.Saved
	var store *state.Store
	if !o.noState && arg.Kind != source.Recording {
		var notice string
		store, saved, notice = loadState(ui.name, env)
		ui.notice = cmp.Or(notice, ui.notice)
	}
	var validators fetch.Validators
	if saved != nil {
		validators = fetch.Validators{ETag: saved.ETag, LastModified: saved.LastModified}
		ui.restore = &tui.Persisted{Story: saved.Story(), Read: saved.Read, Starred: saved.Starred}
	}
	opened, err := env.openSource(arg, o.fetchFlags, intervalSet, validators)
	if err != nil {
		return err
	}
	defer opened.Close()
	if store != nil {
		ui.persist = persistTo(store, ui.name, opened)
	}
	return runUI(ctx, opened, ui, env)
}

// loadState opens the state directory and reads this source's saved state.
// A state that cannot be read is set aside with a notice and the reader
// starts fresh; when the directory itself is unusable, the reader runs
// without state.
func loadState(name string, env *environment) (store *state.Store, saved *state.Saved, notice string) {
	dir, err := state.Dir(env.getenv)
	if err != nil {
		return nil, nil, "running without saved state: " + err.Error()
	}
	store = state.NewStore(dir)
	saved, err = store.Load(name)
	var unreadable *state.UnreadableError
	switch {
	case errors.As(err, &unreadable):
		return store, nil, err.Error()
	case err != nil:
		return nil, nil, "running without saved state: " + err.Error()
	}
	return store, saved, ""
}

// persistTo saves the reader's state through store: each save is taken
// (and numbered) when the reader asks for it and written later, off the
// update loop, and one that finds a newer save already written does
// nothing, so an older state never replaces a newer one.
func persistTo(store *state.Store, name string, src *source.Source) func(tui.Persisted) func() error {
	return func(p tui.Persisted) func() error {
		s := state.Capture(name, p.Story)
		s.Read, s.Starred = p.Read, p.Starred
		v := src.Validators()
		s.ETag, s.LastModified = v.ETag, v.LastModified
		save := store.Saver(name, s)
		return func() error { return save().Err }
	}
}

func runReplay(ctx context.Context, args []string, env *environment) error {
	fs := newFlagSet("replay")
	speed := fs.Float64("speed", 10, "story seconds per real second")
	at := fs.Duration("at", 0, "start this far into the story, e.g. 1h30m")
	end := fs.Bool("end", false, "open at the final state")
	trueTime := fs.Bool("true-time", false, "keep every silence as long as it was (by default none lasts over 3s)")
	noMouse := fs.Bool("no-mouse", false, "leave the mouse to the terminal")
	configFile := fs.String("config", "", "read the config from this `file` (default $XDG_CONFIG_HOME/liveline/config.toml)")
	pos, helped, err := parseCommand(fs, args, replayHelp, env)
	if helped || err != nil {
		return err
	}
	settings, err := loadSettings(*configFile, explicitlySet(fs, "config"), env)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("replay takes one FILE, got %d", len(pos))
	}
	if *speed <= 0 {
		return usagef("--speed must be above 0, not %v", *speed)
	}
	p, err := replay.Open(pos[0], replay.Options{Speed: *speed, At: *at, End: *end, TrueTime: *trueTime, Clock: clock.Real{}})
	if err != nil {
		return err
	}
	ui := settingsUI(settings, readerFlags{noMouse: *noMouse}, false)
	ui.name, ui.notify = pos[0], notify.Off
	return runUI(ctx, p, ui, env)
}

// uiOptions are what the reader's flags and the config file ask of the UI.
type uiOptions struct {
	name    string
	title   string // the story's name in the config file, if any
	mouse   bool
	notify  notify.Mode
	theme   string
	colours map[string]string
	keys    map[string][]string
	restore *tui.Persisted
	persist func(tui.Persisted) func() error
	notice  string
}

// settle hands the memory a large reading took back to the system, once
// it is in and indexed; after the first, the collector runs at its usual
// pace (see runUI).
func settle() {
	debug.SetGCPercent(100)
	debug.FreeOSMemory()
}

// runUI runs the reader full screen on the terminal until the user quits,
// then saves its state a last time.
func runUI(ctx context.Context, src feed.Source, o uiOptions, env *environment) error {
	// Until the first reading is in, the collector runs half as often: the
	// reading is mostly garbage (a feed's document tree), and the first
	// frame comes sooner. settle sets it back.
	debug.SetGCPercent(200)
	browser.Stdout, browser.Stderr = io.Discard, io.Discard
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan feed.Event, 64)
	done := make(chan struct{})
	go func() {
		src.Run(ctx, events)
		close(done)
	}()
	m := tui.New(tui.Options{
		Stories: []tui.StoryOptions{{
			Source:  src,
			Events:  events,
			Name:    cmp.Or(o.title, o.name),
			Titled:  o.title != "",
			Address: o.name,
			Restore: o.restore,
			Persist: o.persist,
			Notice:  sanitizeMessage(o.notice),
		}},
		Now:      time.Now,
		Location: env.location,
		Mouse:    o.mouse,
		OpenURL:  browser.OpenURL,
		Dark:     true,
		Notify:   o.notify,
		Getenv:   env.getenv,
		Settle:   settle,
		Theme:    o.theme,
		Colours:  o.colours,
		Keys:     o.keys,
	})
	prog := tea.NewProgram(m, tea.WithContext(ctx), tea.WithOutput(os.Stdout))
	final, err := prog.Run()
	cancel()
	<-done
	if o.persist != nil {
		if fm, ok := final.(*tui.Model); ok {
			if serr := o.persist(fm.State())(); serr != nil {
				fmt.Fprintf(env.stderr, "liveline: could not save the reader's state: %s\n", sanitizeMessage(serr.Error()))
			}
		}
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the terminal UI stopped: %w", err)
	}
	return nil
}
