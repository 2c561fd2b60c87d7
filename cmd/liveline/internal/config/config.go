// Package config reads liveline's config file, a TOML file at
// $XDG_CONFIG_HOME/liveline/config.toml: the stories to open, the default
// interval, the browser command, notifications, the mouse, the colour
// theme and key bindings. Every setting is checked before anything starts:
// an unknown key, a bad value or two actions bound to one key refuse the
// whole file, each problem with its line and what is allowed.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/sanitize"
	"github.com/liveline-tui/liveline/tui"
	"github.com/liveline-tui/liveline/tui/notify"
)

// Settings is what a config file sets, as plain values.
type Settings struct {
	// File is the config file read; "" when there was none.
	File string
	// Stories are the stories to open when none is named on the command
	// line, in the file's order.
	Stories []Story
	// Interval is the time between checks of a story that sets none; 0
	// when the file sets none, and liveline's default applies.
	Interval time.Duration
	// Browser is the command that opens links, written as $BROWSER is:
	// a command with its arguments, %s standing for the address (added at
	// the end when absent); "" when the file sets none.
	Browser string
	// Notify says which new updates send a desktop notification.
	Notify notify.Mode
	// Mouse is false when the mouse is left to the terminal.
	Mouse bool
	// Theme is "auto" (follow the terminal's background), "dark" or
	// "light"; Colours override colours of the theme by the names in
	// tui.Colours.
	Theme   string
	Colours map[string]string
	// Keys rebind actions by the names in tui.KeyActions; every binding is
	// checked with tui.CheckKeys already.
	Keys map[string][]string
}

// Story is a story to open.
type Story struct {
	// Source is an http(s) address or a file's path (absolute when it
	// comes from the config file), as liveline's SOURCE argument is.
	Source string
	// Name names the story in the reader instead of its own title; "" when
	// not set.
	Name string
	// Interval is the time between this story's checks; 0 when not set.
	Interval time.Duration
	// Demo is the bundled demo story, which has no Source.
	Demo bool
}

// Default returns the settings in force with no config file.
func Default() *Settings {
	return &Settings{Mouse: true, Theme: "auto", Notify: notify.Off}
}

// Path returns the config file liveline reads by default:
// $XDG_CONFIG_HOME/liveline/config.toml, or ~/.config/liveline/config.toml
// when XDG_CONFIG_HOME is unset (or, as the XDG base directory
// specification asks, relative). It is "" when HOME is unset too.
func Path(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "liveline", "config.toml")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".config", "liveline", "config.toml")
	}
	return ""
}

// Load reads the config file at path. When the file does not exist, a
// required file (one named with --config) is an error, and the default
// one gives the defaults. getenv gives HOME, for a story's file written
// as ~/….
func Load(path string, required bool, getenv func(string) string) (*Settings, error) {
	if path == "" {
		return Default(), nil
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !required:
		return Default(), nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{File: path, Problems: []Problem{{Msg: "no such file; check the path given to --config"}}}
	case err != nil:
		return nil, &Error{File: path, Problems: []Problem{{Msg: "cannot be read: " + unwrapPath(err).Error()}}}
	}
	return Parse(path, data, getenv)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Error is a config file refused, with every problem found in it.
type Error struct {
	File     string
	Problems []Problem // in the order of their lines
}

// Problem is one thing wrong in a config file.
type Problem struct {
	Line int // 0 when it is about the whole file
	Msg  string
}

// Error gives one problem a line: "FILE:LINE: what is wrong; what is allowed".
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.File + ": " + p.Msg
		if p.Line > 0 {
			lines[i] = e.File + ":" + strconv.Itoa(p.Line) + ": " + p.Msg
		}
	}
	return strings.Join(lines, "\n")
}

// Parse reads the content of the config file name. A story's file is
// found from the config file's folder unless its path is absolute; getenv
// gives HOME for one written as ~/….
func Parse(name string, data []byte, getenv func(string) string) (*Settings, error) {
	var raw map[string]any
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Problems: []Problem{{Line: pe.Position.Line, Msg: "not valid TOML: " + pe.Message}}}
		}
		return nil, &Error{File: name, Problems: []Problem{{Msg: "not valid TOML: " + err.Error()}}}
	}
	r := &reading{
		s:      Default(),
		lines:  indexLines(string(data)),
		dir:    filepath.Dir(name),
		getenv: getenv,
	}
	r.s.File = name
	r.settings(raw, topKeys(md))
	if len(r.problems) > 0 {
		slices.SortStableFunc(r.problems, func(a, b Problem) int { return a.Line - b.Line })
		return nil, &Error{File: name, Problems: r.problems}
	}
	return r.s, nil
}

// topKeys lists the top-level keys in the file's order.
func topKeys(md toml.MetaData) []string {
	var keys []string
	for _, k := range md.Keys() {
		if len(k) > 0 && !slices.Contains(keys, k[0]) {
			keys = append(keys, k[0])
		}
	}
	return keys
}

// reading is a config file being checked.
type reading struct {
	s        *Settings
	lines    keyLines
	dir      string
	getenv   func(string) string
	problems []Problem
}

func (r *reading) problem(p string, format string, args ...any) {
	r.problems = append(r.problems, Problem{Line: r.lines.line(p), Msg: fmt.Sprintf(format, args...)})
}

// The settings a config file may hold, in the order the README shows them.
var settingNames = []string{"interval", "browser", "notify", "mouse", "theme", "colours", "keys", "stories"}

func (r *reading) settings(raw map[string]any, order []string) {
	for _, name := range order {
		v, p := raw[name], path(name)
		switch name {
		case "interval":
			r.s.Interval, _ = r.interval(p, name, v)
		case "browser":
			if s, ok := r.text(p, name, v, `a command such as "firefox %s"`); ok {
				if strings.TrimSpace(s) == "" {
					r.problem(p, `browser: give a command, such as "firefox %%s", or leave the setting out to use $BROWSER or the system's opener`)
				}
				r.s.Browser = s
			}
		case "notify":
			if s, ok := r.choice(p, name, v, "off", "all", "key"); ok {
				r.s.Notify, _ = notify.ParseMode(s)
			}
		case "mouse":
			if b, ok := v.(bool); ok {
				r.s.Mouse = b
			} else {
				r.problem(p, "mouse: use true or false, not %s", describe(v))
			}
		case "theme":
			if s, ok := r.choice(p, name, v, "auto", "dark", "light"); ok {
				r.s.Theme = s
			}
		case "colours":
			r.colours(p, v)
		case "keys":
			r.keys(p, v)
		case "stories":
			r.stories(p, v)
		default:
			r.problem(p, "unknown setting %q; the settings are %s", name, list(settingNames))
		}
	}
}

// text reads a string setting; want says what is expected instead.
func (r *reading) text(p, name string, v any, want string) (string, bool) {
	s, ok := v.(string)
	if !ok {
		r.problem(p, "%s: give %s in quotes, not %s", name, want, describe(v))
	}
	return s, ok
}

// choice reads a setting that takes one of a few words.
func (r *reading) choice(p, name string, v any, allowed ...string) (string, bool) {
	s, ok := v.(string)
	if ok && slices.Contains(allowed, s) {
		return s, true
	}
	got := describe(v)
	if ok {
		got = strconv.Quote(s)
	}
	r.problem(p, "%s: use %s, not %s", name, orList(quoted(allowed)), got)
	return "", false
}

// interval reads a time between checks.
func (r *reading) interval(p, name string, v any) (time.Duration, bool) {
	s, ok := v.(string)
	if !ok {
		r.problem(p, `%s: give a duration in quotes, such as "30s" or "2m", not %s`, name, describe(v))
		return 0, false
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		r.problem(p, `%s: %q is not a duration; write a number with a unit, such as "30s", "2m" or "1m30s"`, name, s)
		return 0, false
	case d < poll.FastestInterval:
		r.problem(p, "%s: %q is too short; liveline checks a story at most once every %v (the default is %v)", name, s, poll.FastestInterval, poll.DefaultInterval)
		return 0, false
	}
	return d, true
}

func (r *reading) colours(p string, v any) {
	table, ok := v.(map[string]any)
	if !ok {
		r.problem(p, "colours: write a [colours] table of name = \"#rrggbb\", not %s", describe(v))
		return
	}
	names := make([]string, 0, len(tui.Colours))
	for n := range tui.Colours {
		names = append(names, n)
	}
	slices.Sort(names)
	r.s.Colours = map[string]string{}
	for _, name := range r.ordered(p, table) {
		cp := path("colours", name)
		if !slices.Contains(names, name) {
			r.problem(cp, "colours: no colour is called %q; the colours are %s", name, list(names))
			continue
		}
		c, ok := table[name].(string)
		if !ok {
			r.problem(cp, `colours.%s: give a colour in quotes, such as "#5fafff" or "39", not %s`, name, describe(table[name]))
			continue
		}
		if err := tui.CheckColour(c); err != nil {
			r.problem(cp, "colours.%s: %v", name, err)
			continue
		}
		r.s.Colours[name] = c
	}
}

func (r *reading) keys(p string, v any) {
	table, ok := v.(map[string]any)
	if !ok {
		r.problem(p, `keys: write a [keys] table of action = "key" or action = ["key", "key"], not %s`, describe(v))
		return
	}
	rebind := map[string][]string{}
	order := r.ordered(p, table)
	typed := true
	for _, action := range order {
		ks, ok := keyList(table[action])
		switch {
		case !ok:
			r.problem(path("keys", action), `keys.%s: give a key or a list of keys in quotes, such as "q" or ["q", "ctrl+c"], not %s`, action, describe(table[action]))
			typed = false
		case len(ks) == 0:
			r.problem(path("keys", action), "keys.%s: give at least one key; leave the action out to keep its default keys", action)
			typed = false
		}
		rebind[action] = ks
	}
	if !typed {
		return
	}
	if err := tui.CheckKeys(rebind); err != nil {
		r.problem(path("keys", blame(err.Error(), order, func(a string) int { return r.lines.line(path("keys", a)) })), "keys: %v", err)
		return
	}
	r.s.Keys = rebind
}

// keyList reads a key binding: one key or a list of keys.
func keyList(v any) ([]string, bool) {
	switch v := v.(type) {
	case string:
		return []string{v}, true
	case []any:
		ks := make([]string, len(v))
		for i, k := range v {
			s, ok := k.(string)
			if !ok {
				return nil, false
			}
			ks[i] = s
		}
		return ks, true
	}
	return nil, false
}

// blame picks, from the actions the file binds, the one a tui.CheckKeys
// error is about, as its message names it: the action it starts with, the
// unknown action it quotes, or, of the actions it names (as two that share
// a key), the one bound last, whose binding made the conflict. "" when it
// names none.
func blame(msg string, actions []string, line func(string) int) string {
	for _, a := range actions {
		if strings.HasPrefix(msg, a+": ") || strings.Contains(msg, "called "+strconv.Quote(a)) {
			return a
		}
	}
	words := strings.FieldsFunc(msg, func(r rune) bool { return !bare(r) })
	culprit := ""
	for _, a := range actions {
		if slices.Contains(words, a) && (culprit == "" || line(a) > line(culprit)) {
			culprit = a
		}
	}
	return culprit
}

// storyKeys are the settings of a story.
var storyKeys = []string{"url", "file", "name", "interval"}

func (r *reading) stories(p string, v any) {
	entries, ok := tables(v)
	if !ok {
		r.problem(p, "stories: write each story as a [[stories]] table with url or file, not %s", describe(v))
		return
	}
	first := map[string]int{}
	for i, table := range entries {
		sp := path("stories", index(i))
		st, ok := r.story(sp, table)
		if !ok {
			continue
		}
		if line, dup := first[st.Source]; dup {
			r.problem(sp, "stories: %s is listed already, at line %d; list each story once", st.Source, line)
			continue
		}
		first[st.Source] = r.lines.line(sp)
		r.s.Stories = append(r.s.Stories, st)
	}
}

// tables reads an array of tables, written as [[name]] or inline.
func tables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, len(v))
		for i, e := range v {
			t, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out[i] = t
		}
		return out, true
	}
	return nil, false
}

// story reads one [[stories]] table.
func (r *reading) story(sp string, table map[string]any) (Story, bool) {
	var st Story
	good := true
	bad := func(key, format string, args ...any) {
		r.problem(path(sp, key), format, args...)
		good = false
	}
	for _, key := range r.ordered(sp, table) {
		v := table[key]
		switch key {
		case "url":
			s, ok := r.text(path(sp, key), "url", v, "an http or https address")
			if !ok {
				good = false
				continue
			}
			if u, err := url.Parse(s); err != nil || !link.Allowed(u) {
				bad(key, "url: %q is not an http or https address; for a saved feed or page, use file", s)
				continue
			}
			st.Source = s
		case "file":
			s, ok := r.text(path(sp, key), "file", v, "the path of a saved feed or page")
			switch {
			case !ok:
				good = false
			case s == "":
				bad(key, "file: give the path of a saved feed or page")
			default:
				st.Source = r.filePath(s)
			}
		case "name":
			s, ok := r.text(path(sp, key), "name", v, "the story's name")
			if !ok {
				good = false
			}
			st.Name = sanitize.Line(s)
		case "interval":
			d, ok := r.interval(path(sp, key), "interval", v)
			good = good && ok
			st.Interval = d
		default:
			bad(key, "unknown setting %q in a story; a story has %s", key, list(storyKeys))
		}
	}
	_, hasURL := table["url"]
	_, hasFile := table["file"]
	switch {
	case hasURL && hasFile:
		r.problem(sp, "stories: a story has url or file, not both")
		good = false
	case !hasURL && !hasFile:
		r.problem(sp, "stories: a story needs url (an http or https address) or file (a saved feed or page)")
		good = false
	}
	return st, good
}

// filePath makes a story's file absolute: from the home folder when it
// starts with ~/, else from the config file's folder.
func (r *reading) filePath(s string) string {
	if rest, ok := strings.CutPrefix(s, "~/"); ok {
		if home := r.getenv("HOME"); home != "" {
			return filepath.Join(home, rest)
		}
	}
	if filepath.IsAbs(s) {
		return filepath.Clean(s)
	}
	dir, err := filepath.Abs(r.dir)
	if err != nil {
		dir = r.dir
	}
	return filepath.Join(dir, s)
}

// ordered returns a table's keys in the order the file sets them.
func (r *reading) ordered(p string, table map[string]any) []string {
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if la, lb := r.lines.line(path(p, a)), r.lines.line(path(p, b)); la != lb {
			return la - lb
		}
		return strings.Compare(a, b)
	})
	return keys
}

// describe names a TOML value's type for a message.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the text " + strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date"
}

func quoted(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strconv.Quote(w)
	}
	return out
}

// list joins words as a sentence does: "a, b and c".
func list(words []string) string { return join(words, "and") }

// orList joins words as alternatives: "a, b or c".
func orList(words []string) string { return join(words, "or") }

func join(words []string, last string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + last + " " + words[len(words)-1]
}
