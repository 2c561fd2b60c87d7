package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/cli/browser"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/config"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/demo"
	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/replay"
	"github.com/liveline-tui/liveline/feed/source"
	"github.com/liveline-tui/liveline/feed/state"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/reader"
	"github.com/liveline-tui/liveline/tui"
	"github.com/liveline-tui/liveline/tui/notify"
)

const readerHelp = `liveline follows live blogs in the terminal: a story's updates in a timeline,
the selected update, and the story's figures, kept up to date as the story
unfolds without ever moving what you are reading.

SOURCE is an http(s) URL of a feed (RSS, Atom, JSON Feed) or of a live-blog
page, a saved feed or page file, or a recording. Several sources open
together as a deck. With none, liveline opens the stories of the config file
($XDG_CONFIG_HOME/liveline/config.toml), or else the bundled demo. The config
file also sets the interval, notifications, mouse, colours and keys; a flag
given wins over it. In the reader, ? lists every key.`

// readerFlags are the reader's own flags.
type readerFlags struct {
	fetchFlags
	noMouse bool
	noState bool
	notify  notifyMode
	version bool
	config  string
}

// register adds the reader's flags to fs.
func (o *readerFlags) register(fs *pflag.FlagSet) {
	o.fetchFlags.register(fs)
	fs.BoolVar(&o.noMouse, "no-mouse", false, noMouseUsage)
	fs.BoolVar(&o.noState, "no-state", false, "neither read nor write saved state")
	fs.Var(&o.notify, "notify", "desktop notification when a check brings new updates (=key: key events only, =off: none)")
	fs.Lookup("notify").NoOptDefVal = "all"
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.StringVar(&o.config, "config", "", configUsage)
}

// noMouseUsage is the help of the --no-mouse flag.
const noMouseUsage = "leave the mouse to the terminal (for selecting text)"

// configUsage is the help of the --config flag.
const configUsage = "read the config from this `file` (default $XDG_CONFIG_HOME/liveline/config.toml)"

// readerCommand is liveline itself: the reader of the sources given, else
// of the config file's stories, else of the demo.
func readerCommand(env *environment) *cobra.Command {
	var o readerFlags
	c := &cobra.Command{
		Use:               "liveline [flags] [SOURCE...]",
		Short:             "read live blogs in the terminal",
		Long:              readerHelp,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: env.completeSources,
		RunE: func(c *cobra.Command, args []string) error {
			return o.run(c, args, env)
		},
	}
	o.register(c.Flags())
	choose(c, "notify", "all", "key", "off")
	return c
}

// demoFlags are the reader's flags that act on the demo; it takes the
// others too, as the reader does, and does nothing with them.
var demoFlags = []string{"no-mouse", "config"}

// demoCommand is "liveline demo": the bundled demo story, whatever the
// config file lists.
func demoCommand(env *environment) *cobra.Command {
	var o readerFlags
	c := &cobra.Command{
		Use:   "demo [flags]",
		Short: "open the bundled demo story (offline)",
		Long: `Open the bundled demo story, which unfolds over a minute or two with no
network, whatever stories the config file lists. Keys as in the reader and in
a replay: space pauses, + and - change the speed.`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			return o.run(c, append([]string{config.DemoArg}, args...), env)
		},
	}
	o.register(c.Flags())
	c.Flags().VisitAll(func(f *pflag.Flag) {
		f.Hidden = !slices.Contains(demoFlags, f.Name)
	})
	return c
}

// run runs the reader on the sources named in pos.
func (o *readerFlags) run(c *cobra.Command, pos []string, env *environment) error {
	ctx := c.Context()
	if o.version {
		printVersion(env)
		return nil
	}
	settings, err := loadSettings(o.config, c.Flags().Changed("config"), env)
	if err != nil {
		return err
	}
	stories, err := settings.Open(pos)
	if err != nil {
		return usageError{msg: err.Error()}
	}
	ui := settingsUI(settings, *o, c.Flags().Changed("notify"))
	ui.browser = settings.Browser
	if stories[0].Demo {
		ui.stories = []tui.StoryOptions{{Name: demo.Name}}
		return runUI(ctx, []*running{start(ctx, demo.New(clock.Real{}))}, ui, env)
	}
	deck := &deck{ctx: ctx, env: env, flags: *o, settings: settings, intervalGiven: c.Flags().Changed("interval")}
	defer deck.close()
	for _, st := range stories {
		if st.Source == "-" {
			return usagef("the reader needs the terminal for keys: save standard input to a file, or use \"liveline dump -\"")
		}
	}
	for _, st := range stories {
		// With one story and nothing saved, a source that cannot be read
		// is reported as dump reports it, before the screen is taken
		// over; in a deck, its tab says why and the others go on.
		so, err := deck.open(st, len(stories) == 1)
		if err != nil {
			return err
		}
		ui.stories = append(ui.stories, so)
	}
	ui.recent = deck.recent
	ui.open = func(source string) (tui.StoryOptions, error) { return deck.open(config.Story{Source: source}, false) }
	return runUI(ctx, deck.runs(), ui, env)
}

// deck opens the stories of a reader, and closes them when it ends.
type deck struct {
	ctx           context.Context
	env           *environment
	flags         readerFlags
	settings      *config.Settings
	intervalGiven bool

	mu      sync.Mutex
	running []*running
	closers []func() error
}

// open opens story st: its saved state, its source, and its saves. With
// wait, a source with no saved story that cannot be read for good ends
// liveline, as dump would.
func (d *deck) open(st config.Story, wait bool) (tui.StoryOptions, error) {
	env, o := d.env, d.flags
	arg := source.Classify(st.Source)
	key := arg.Key()
	so := tui.StoryOptions{Name: cmp.Or(st.Name, st.Source), Titled: st.Name != "", Address: key}
	var saved *state.Saved
	var rest state.Rest
	var store *state.Store
	if !o.noState && arg.Kind != source.Recording {
		store, saved, rest, so.Notice = loadFirst(key, arg.Given, env)
		so.Notice = sanitizeMessage(so.Notice)
	}
	var validators fetch.Validators
	if saved != nil {
		validators = fetch.Validators{ETag: saved.ETag, LastModified: saved.LastModified}
		so.Restore = &tui.Persisted{Story: saved.Story(), Read: saved.Read, Starred: saved.Starred, Place: reader.Place(saved.Place)}
		if rest != nil {
			// A long story shows from its newest part; the rest is read
			// while the person reads.
			first := saved
			so.Restore.More = func() (*model.Story, error) {
				more, err := rest()
				if err != nil {
					return nil, err
				}
				all := append(first.Updates[:len(first.Updates):len(first.Updates)], more...)
				return model.Restore(first.Meta, all), nil
			}
		}
	}
	f := o.fetchFlags
	var intervalSet bool
	f.interval, intervalSet = storyInterval(st, d.settings, f.interval, d.intervalGiven)
	opened, err := env.openSource(arg, f, intervalSet, validators)
	if err != nil {
		return so, err
	}
	run := start(d.ctx, opened)
	if saved == nil && wait {
		if err := run.firstReading(firstReadingWait); err != nil {
			run.stop()
			opened.Close()
			return so, err
		}
	}
	if store != nil {
		hasStory := func() bool { return saved != nil || run.read.Load() }
		so.Persist = persistTo(store, key, opened, hasStory)
	}
	so.Source, so.Events = run.src, run.events
	d.mu.Lock()
	d.running = append(d.running, run)
	d.closers = append(d.closers, opened.Close)
	d.mu.Unlock()
	go run.relay()
	return so, nil
}

// runs are the stories' sources, running.
func (d *deck) runs() []*running {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.running)
}

// recent lists the stories read before, for the deck to add.
func (d *deck) recent() []tui.Recent {
	list, err := d.env.recentStories()
	if err != nil {
		return nil
	}
	out := make([]tui.Recent, len(list))
	for i, r := range list {
		out[i] = tui.Recent(r)
	}
	return out
}

// close stops every story's source and finishes its recording.
func (d *deck) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, r := range d.running {
		r.stop()
	}
	for _, c := range d.closers {
		c()
	}
}

// frameRate is the most frames a second the reader draws; see runUI.
const frameRate = 10

// firstReadingWait is how long the reader waits for a source's first
// reading before it opens anyway, saying it is connecting.
const firstReadingWait = 3 * time.Second

// firstUpdates is how many of a saved story's newest updates are read
// before the reader shows it; the rest follow off the update loop.
const firstUpdates = 300

// loadFirst opens the state directory and reads the saved state of the
// source keyed key, or of the argument as typed, as an older liveline keyed
// it, as far as the reader needs to show the story where the person left
// it: rest, when not nil, reads the updates left. A state that cannot be
// read is set aside with a notice and the reader starts fresh; when the
// directory itself is unusable, the reader runs without state.
func loadFirst(key, typed string, env *environment) (store *state.Store, saved *state.Saved, rest state.Rest, notice string) {
	dir, err := state.Dir(env.getenv)
	if err != nil {
		return nil, nil, nil, "running without saved state: " + err.Error()
	}
	store = state.NewStore(dir)
	saved, rest, err = store.LoadFirst(key, firstUpdates, typed)
	var unreadable *state.UnreadableError
	switch {
	case errors.As(err, &unreadable):
		return store, nil, nil, err.Error()
	case err != nil:
		return nil, nil, nil, "running without saved state: " + err.Error()
	}
	return store, saved, rest, ""
}

// persistTo saves the reader's state through store: each save is taken
// (and numbered) when the reader asks for it and written later, off the
// update loop, and one that finds a newer save already written does
// nothing, so an older state never replaces a newer one.
// Nothing is saved while hasStory says the source has never been read.
func persistTo(store *state.Store, name string, src *source.Source, hasStory func() bool) func(tui.Persisted) func() error {
	return func(p tui.Persisted) func() error {
		if !hasStory() {
			return func() error { return nil }
		}
		s := state.Capture(name, p.Story)
		s.Read, s.Starred, s.Place = p.Read, p.Starred, state.Place(p.Place)
		v := src.Validators()
		s.ETag, s.LastModified = v.ETag, v.LastModified
		save := store.Saver(name, s)
		return func() error { return save().Err }
	}
}

const replayHelp = `Replay a story as it unfolded: a recording made with --record, or a saved
feed or live-blog page (each update then appears at its published time).
Long silences between changes are shortened to 3 seconds (dashed on the
progress bar) unless --true-time is given.
Keys: space pause/resume, + and - speed, ] and [ next/previous change.`

// replayCommand is "liveline replay FILE".
func replayCommand(env *environment) *cobra.Command {
	speed, at := float64(replay.DefaultSpeed), time.Duration(0)
	var end, trueTime, noMouse bool
	var configFile string
	c := &cobra.Command{
		Use:   "replay [flags] FILE",
		Short: "replay a recording or saved feed as it unfolded",
		Long:  replayHelp,
	}
	fs := c.Flags()
	fs.Var(&speedFlag{v: &speed, min: replay.MinSpeed, max: replay.MaxSpeed}, "speed", "story seconds per real second, a `number` such as 10 or 60")
	fs.Var(&duration{name: "at", d: &at, zero: true, example: "1h30m"}, "at", "start this far into the story, a `duration` such as 1h30m")
	fs.BoolVar(&end, "end", false, "open at the final state")
	fs.BoolVar(&trueTime, "true-time", false, "keep every silence as long as it was (by default none lasts over 3s)")
	fs.BoolVar(&noMouse, "no-mouse", false, noMouseUsage)
	fs.StringVar(&configFile, "config", "", configUsage)
	c.RunE = func(c *cobra.Command, pos []string) error {
		settings, err := loadSettings(configFile, c.Flags().Changed("config"), env)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usagef("replay takes one FILE, got %d", len(pos))
		}
		arg := source.Classify(pos[0])
		switch arg.Kind {
		case source.Address:
			return usagef("replay takes a recording or a saved feed or page file, not an address; record the story as you read it with \"liveline --record story.llrec %s\", then run \"liveline replay story.llrec\"", pos[0])
		case source.Stdin:
			return usagef("replay takes a file, not standard input; save it to a file first")
		}
		ctx := c.Context()
		p, err := replay.Open(arg.Target, replay.Options{Speed: speed, At: at, End: end, TrueTime: trueTime, Clock: clock.Real{}})
		if err != nil {
			return err
		}
		ui := settingsUI(settings, readerFlags{noMouse: noMouse}, false)
		ui.notify = notify.Off
		ui.stories = []tui.StoryOptions{{Name: pos[0]}}
		return runUI(ctx, []*running{start(ctx, p)}, ui, env)
	}
	return c
}

// running is a source running in the background, its events relayed to
// the reader.
type running struct {
	src    feed.Source
	cancel context.CancelFunc
	raw    chan feed.Event // as the source sends them
	events chan feed.Event // as the reader hears them
	done   chan struct{}   // closed once the source has stopped
	early  []feed.Event    // heard before the reader started
	read   atomic.Bool     // a reading has brought a story
}

// start runs src until ctx ends or stop is called.
func start(ctx context.Context, src feed.Source) *running {
	ctx, cancel := context.WithCancel(ctx)
	r := &running{src: src, cancel: cancel, raw: make(chan feed.Event, 64), events: make(chan feed.Event, 64), done: make(chan struct{})}
	go func() {
		src.Run(ctx, r.raw)
		close(r.done)
	}()
	return r
}

// firstReading waits up to wait for the source's first reading. It
// returns the failure when that reading failed for good: a source that
// was never read and will not be (no such file, not a feed, HTTP 404...).
func (r *running) firstReading(wait time.Duration) error {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case ev := <-r.raw:
			r.early = append(r.early, ev)
			if ev.Status.State == feed.Connecting {
				continue
			}
			return lastingFailure(ev)
		case <-timer.C:
			return nil
		case <-r.done:
			return nil
		}
	}
}

// lastingFailure is the failure of a reading that brought nothing and
// failed for good (no such file, not a feed, HTTP 404...), as dump gives
// it without the retry note; nil for any other reading.
func lastingFailure(ev feed.Event) error {
	if ev.Snapshot != nil || !feed.IsPermanent(ev.Status.Err) {
		return nil
	}
	var retry *poll.RetryError
	if errors.As(ev.Status.Err, &retry) {
		return retry.Err
	}
	return ev.Status.Err
}

// relay passes what was heard early, then everything the source sends, on
// to the reader until the source stops, noting when a story arrives.
func (r *running) relay() {
	pass := func(ev feed.Event) bool {
		if ev.Snapshot != nil {
			r.read.Store(true)
		}
		select {
		case r.events <- ev:
			return true
		case <-r.done:
			return false
		}
	}
	for _, ev := range r.early {
		if !pass(ev) {
			return
		}
	}
	r.early = nil
	for {
		select {
		case ev := <-r.raw:
			if !pass(ev) {
				return
			}
		case <-r.done:
			return
		}
	}
}

// stop ends the source's run and waits for it.
func (r *running) stop() {
	r.cancel()
	<-r.done
}

// uiOptions are what the reader's flags and the config file ask of the UI.
type uiOptions struct {
	stories []tui.StoryOptions
	mouse   bool
	notify  notify.Mode
	theme   string
	colours map[string]string
	keys    map[string][]string
	browser string // the config file's browser command, before $BROWSER
	recent  func() []tui.Recent
	open    func(source string) (tui.StoryOptions, error)
}

// settle hands the memory a large reading took back to the system, once
// it is in and indexed; after the first, the collector runs at its usual
// pace (see runUI).
func settle() {
	debug.SetGCPercent(100)
	debug.FreeOSMemory()
}

// runUI runs the reader full screen on the terminal until the user quits,
// then stops the source and saves the reader's state a last time.
func runUI(ctx context.Context, runs []*running, o uiOptions, env *environment) error {
	// Until the first reading is in, the collector runs half as often: the
	// reading is mostly garbage (a feed's document tree), and the first
	// frame comes sooner. settle sets it back.
	debug.SetGCPercent(200)
	browser.Stdout, browser.Stderr = io.Discard, io.Discard
	for i, r := range runs {
		if o.stories[i].Source == nil {
			o.stories[i].Source, o.stories[i].Events = r.src, r.events
			go r.relay()
		}
		defer r.stop()
	}
	m := tui.New(tui.Options{
		Stories:  o.stories,
		Now:      time.Now,
		Location: env.location,
		Mouse:    o.mouse,
		OpenURL:  browserOpener(cmp.Or(o.browser, env.getenv("BROWSER"))),
		Dark:     true,
		Notify:   o.notify,
		Getenv:   env.getenv,
		Settle:   settle,
		Theme:    o.theme,
		Colours:  o.colours,
		Keys:     o.keys,
		Recent:   o.recent,
		Open:     o.open,
	})
	// Bubble Tea wakes on a timer to draw, whether anything changed or
	// not, and a wake costs what the machine's scheduler charges for it
	// (about 0.15 ms in a sandbox measured): at 10 frames a second a key
	// still shows within a tenth of a second, and a reader with nothing
	// arriving stays under 0.2% of a core.
	prog := tea.NewProgram(m, tea.WithContext(ctx), tea.WithOutput(os.Stdout), tea.WithFPS(frameRate))
	final, err := prog.Run()
	for _, r := range runs {
		r.stop()
	}
	if fm, ok := final.(*tui.Model); ok {
		if serr := fm.SaveAll(); serr != nil {
			fmt.Fprintf(env.stderr, "liveline: could not save the reader's state: %s\n", sanitizeMessage(serr.Error()))
		}
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the terminal UI stopped: %w", err)
	}
	return nil
}
