package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/tui/notify"
)

func noEnv(string) string { return "" }

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// TestRefused lists every way a config file is refused, each with the
// exact message people see: the file, the line, what is wrong and what is
// allowed.
func TestRefused(t *testing.T) {
	cases := []struct {
		name, doc, want string
	}{
		{"syntax", "theme = \"dark\"\nmouse = yes\n",
			`config.toml:2: not valid TOML: expected value but found "yes" instead`},
		{"unknown setting", "theme = \"dark\"\n\ncolor = \"red\"\n",
			`config.toml:3: unknown setting "color"; the settings are interval, browser, notify, mouse, theme, colours, keys and stories`},
		{"unknown table", "[stories.extra]\nurl = \"https://a.example/\"\n[display]\nwidth = 3\n",
			`config.toml:1: stories: write each story as a [[stories]] table with url or file, not a table` + "\n" +
				`config.toml:3: unknown setting "display"; the settings are interval, browser, notify, mouse, theme, colours, keys and stories`},
		{"interval not text", "interval = 30\n",
			`config.toml:1: interval: give a duration in quotes, such as "30s" or "2m", not the number 30`},
		{"interval without unit", "\ninterval = \"30\"\n",
			`config.toml:2: interval: "30" is not a duration; write a number with a unit, such as "30s", "2m" or "1m30s"`},
		{"interval too short", "interval = \"200ms\"\n",
			`config.toml:1: interval: "200ms" is too short; liveline checks a story at most once every 1s (the default is 30s)`},
		{"interval negative", "interval = \"-5s\"\n",
			`config.toml:1: interval: "-5s" is too short; liveline checks a story at most once every 1s (the default is 30s)`},
		{"browser not text", "browser = [\"firefox\"]\n",
			`config.toml:1: browser: give a command such as "firefox %s" in quotes, not a list`},
		{"browser empty", "browser = \"  \"\n",
			`config.toml:1: browser: give a command, such as "firefox %s", or leave the setting out to use $BROWSER or the system's opener`},
		{"notify word", "notify = \"keys only\"\n",
			`config.toml:1: notify: use "off", "all" or "key", not "keys only"`},
		{"notify bool", "notify = true\n",
			`config.toml:1: notify: use "off", "all" or "key", not true`},
		{"mouse", "mouse = \"on\"\n",
			`config.toml:1: mouse: use true or false, not the text "on"`},
		{"theme", "# colours\ntheme = \"solarized\"\n",
			`config.toml:2: theme: use "auto", "dark" or "light", not "solarized"`},
		{"colours not a table", "colours = \"dark\"\n",
			`config.toml:1: colours: write a [colours] table of name = "#rrggbb", not the text "dark"`},
		{"colour unknown", "[colours]\naccent = \"#fff\"\nbackground = \"#000\"\n",
			`config.toml:3: colours: no colour is called "background"; the colours are accent, added, error, key, match, selection, selection-blur, subtle and text`},
		{"colour not text", "[colours]\naccent = 12\n",
			`config.toml:2: colours.accent: give a colour in quotes, such as "#5fafff" or "39", not the number 12`},
		{"colour bad", "[colours]\n\naccent = \"blue\"\n",
			`config.toml:3: colours.accent: "blue" is not a colour: use #rrggbb, #rgb or an ANSI number from 0 to 255`},
		{"colour out of range", "[colours]\nkey = \"256\"\n",
			`config.toml:2: colours.key: "256" is not a colour: ANSI numbers go from 0 to 255`},
		{"keys not a table", "keys = [\"q\"]\n",
			`config.toml:1: keys: write a [keys] table of action = "key" or action = ["key", "key"], not a list`},
		{"key not text", "[keys]\nquit = 1\n",
			`config.toml:2: keys.quit: give a key or a list of keys in quotes, such as "q" or ["q", "ctrl+c"], not the number 1`},
		{"key list of numbers", "[keys]\nstar = [\"s\", 2]\n",
			`config.toml:2: keys.star: give a key or a list of keys in quotes, such as "q" or ["q", "ctrl+c"], not a list`},
		{"no key", "[keys]\nhelp = []\n",
			`config.toml:2: keys.help: give at least one key; leave the action out to keep its default keys`},
		{"unknown action", "[keys]\nquit = \"x\"\nexit = \"Q\"\n",
			`config.toml:3: keys: no action is called "exit"; the actions are ` + actionList()},
		{"bad key name", "[keys]\nstar = \"s\"\nrefresh = \"F5\"\n",
			`config.toml:3: keys: refresh: "F5" is not a key: use a character, or a name such as enter, esc, tab, space, up, pgdown or f5, with ctrl+, alt+ or shift+ before it if needed`},
		{"conflict with a default", "[keys]\n# stars\nstar = \"j\"\n",
			`config.toml:3: keys: the key "j" is bound to both down and star`},
		{"conflict between two bindings: the later is blamed", "[keys]\nstar = \"x\"\nrefresh = \"R\"\nopen = \"x\"\n",
			`config.toml:4: keys: the key "x" is bound to both star and open`},
		{"stories not tables", "stories = [\"https://a.example/live\"]\n",
			`config.toml:1: stories: write each story as a [[stories]] table with url or file, not a list`},
		{"story unknown key", "[[stories]]\nurl = \"https://a.example/live\"\ntitle = \"A\"\n",
			`config.toml:3: unknown setting "title" in a story; a story has url, file, name and interval`},
		{"story both", "[[stories]]\nurl = \"https://a.example/live\"\n\n[[stories]]\nurl = \"https://b.example/live\"\nfile = \"b.xml\"\n",
			`config.toml:4: stories: a story has url or file, not both`},
		{"story neither", "[[stories]]\nname = \"Budget\"\n",
			`config.toml:1: stories: a story needs url (an http or https address) or file (a saved feed or page)`},
		{"story url scheme", "[[stories]]\nurl = \"feed.xml\"\n",
			`config.toml:2: url: "feed.xml" is not an http or https address; for a saved feed or page, use file`},
		{"story url no host", "[[stories]]\nurl = \"https:///live\"\n",
			`config.toml:2: url: "https:///live" is not an http or https address; for a saved feed or page, use file`},
		{"story url not text", "[[stories]]\nurl = 3\n",
			`config.toml:2: url: give an http or https address in quotes, not the number 3`},
		{"story file empty", "[[stories]]\nfile = \"\"\n",
			`config.toml:2: file: give the path of a saved feed or page`},
		{"story name not text", "[[stories]]\nurl = \"https://a.example/\"\nname = false\n",
			`config.toml:3: name: give the story's name in quotes, not false`},
		{"story interval", "[[stories]]\nurl = \"https://a.example/\"\ninterval = \"fast\"\n",
			`config.toml:3: interval: "fast" is not a duration; write a number with a unit, such as "30s", "2m" or "1m30s"`},
		{"story listed twice", "[[stories]]\nurl = \"https://a.example/\"\n[[stories]]\nurl = \"https://b.example/\"\n[[stories]]\nurl = \"https://a.example/\"\n",
			`config.toml:5: stories: https://a.example/ is listed already, at line 1; list each story once`},
		{"inline stories", "stories = [{ url = \"https://a.example/\" }, { url = \"ftp://b\" }]\n",
			`config.toml:1: url: "ftp://b" is not an http or https address; for a saved feed or page, use file`},
		{"every problem, in the order of the lines", "[[stories]]\nurl = \"x\"\n\n[keys]\nstar = []\n",
			`config.toml:2: url: "x" is not an http or https address; for a saved feed or page, use file` + "\n" +
				`config.toml:5: keys.star: give at least one key; leave the action out to keep its default keys`},
		{"order of tables before settings", "[colours]\naccent = \"x\"\n",
			`config.toml:2: colours.accent: "x" is not a colour: use #rrggbb, #rgb or an ANSI number from 0 to 255`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Parse("config.toml", []byte(c.doc), noEnv)
			if err == nil {
				t.Fatalf("accepted, giving %+v; want %s", s, c.want)
			}
			if s != nil {
				t.Errorf("refused, yet gave settings %+v", s)
			}
			if err.Error() != c.want {
				t.Errorf("error\n got %s\nwant %s", err, c.want)
			}
		})
	}
}

func actionList() string {
	return "down, up, page-down, page-up, newest, oldest, focus, read, back, order, key-events, in-numbers, search, next-match, previous-match, star, next-unread, toggle-read, diff, links, copy, open, refresh, mark-all-read, next-story, previous-story, story, all-stories, stories, pause, faster, slower, next-change, previous-change, keep-search, clear-search, open-link, close-links, close-diff, close-help, help, quit, interrupt"
}

func TestParseReadsEverySetting(t *testing.T) {
	doc := `# liveline
interval = "45s"
browser = "firefox --new-tab %s"
notify = "key"
mouse = false
theme = "light"

[colours]
accent = "#d75f00"
selection = "153"

[keys]
down = ["j", "ctrl+n"]
up = ["k", "ctrl+p"]
star = "*"

[[stories]]
url = "https://news.example/live/election"
name = "Election \u001b]0;owned\u0007night"
interval = "15s"

[[stories]]
file = "feeds/budget.xml"

[[stories]]
file = "~/saved/final.xml.gz"
`
	got, err := Parse(filepath.Join("/etc", "liveline", "config.toml"), []byte(doc), env(map[string]string{"HOME": "/home/reader"}))
	if err != nil {
		t.Fatal(err)
	}
	want := &Settings{
		File:     filepath.Join("/etc", "liveline", "config.toml"),
		Interval: 45 * time.Second,
		Browser:  "firefox --new-tab %s",
		Notify:   notify.KeyOnly,
		Mouse:    false,
		Theme:    "light",
		Colours:  map[string]string{"accent": "#d75f00", "selection": "153"},
		Keys:     map[string][]string{"down": {"j", "ctrl+n"}, "up": {"k", "ctrl+p"}, "star": {"*"}},
		Stories: []Story{
			{Source: "https://news.example/live/election", Name: "Election night", Interval: 15 * time.Second},
			{Source: filepath.Join("/etc", "liveline", "feeds", "budget.xml")},
			{Source: filepath.Join("/home/reader", "saved", "final.xml.gz")},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", got, want)
	}
}

func TestSwappedKeysAreNoConflict(t *testing.T) {
	s, err := Parse("c.toml", []byte("[keys]\nstar = \"j\"\ndown = \"s\"\n"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Keys, map[string][]string{"star": {"j"}, "down": {"s"}}) {
		t.Errorf("keys %v", s.Keys)
	}
}

func TestEmptyFileGivesTheDefaults(t *testing.T) {
	s, err := Parse("c.toml", []byte("# nothing yet\n"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.File = "c.toml"
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v, want %+v", s, want)
	}
	if !want.Mouse || want.Theme != "auto" || want.Notify != notify.Off {
		t.Errorf("defaults %+v: want the mouse on, the theme auto and no notifications", want)
	}
}

func TestPath(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/x/config", "HOME": "/home/r"}, "/x/config/liveline/config.toml"},
		{map[string]string{"HOME": "/home/r"}, "/home/r/.config/liveline/config.toml"},
		{map[string]string{"XDG_CONFIG_HOME": "relative", "HOME": "/home/r"}, "/home/r/.config/liveline/config.toml"},
		{map[string]string{}, ""},
	}
	for _, c := range cases {
		if got := Path(env(c.env)); got != filepath.FromSlash(c.want) {
			t.Errorf("Path(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.toml")
	if s, err := Load(missing, false, noEnv); err != nil || !reflect.DeepEqual(s, Default()) {
		t.Errorf("missing default file: %+v, %v; want the defaults", s, err)
	}
	if s, err := Load("", false, noEnv); err != nil || !reflect.DeepEqual(s, Default()) {
		t.Errorf("no file at all: %+v, %v; want the defaults", s, err)
	}
	_, err := Load(missing, true, noEnv)
	if want := missing + ": no such file; check the path given to --config"; err == nil || err.Error() != want {
		t.Errorf("missing --config file: %v, want %s", err, want)
	}
	_, err = Load(dir, false, noEnv)
	if want := dir + ": cannot be read: is a directory"; err == nil || err.Error() != want {
		t.Errorf("a directory: %v, want %s", err, want)
	}
	file := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(file, []byte("[[stories]]\nfile = \"live.xml\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Load(file, true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "live.xml"); len(s.Stories) != 1 || s.Stories[0].Source != want {
		t.Errorf("stories %+v, want the file found from the config's folder, %s", s.Stories, want)
	}
}

func TestOpen(t *testing.T) {
	listed := &Settings{Stories: []Story{
		{Source: "https://a.example/live", Name: "A", Interval: time.Minute},
		{Source: "/feeds/b.xml"},
	}}
	demo := []Story{{Demo: true}}
	cases := []struct {
		name string
		s    *Settings
		args []string
		want []Story
		err  string
	}{
		{"nothing set up: the demo", Default(), nil, demo, ""},
		{"the config's stories", listed, nil, listed.Stories, ""},
		{"demo always opens the demo", listed, []string{"demo"}, demo, ""},
		{"arguments win over the config", listed, []string{"https://c.example/", "https://a.example/live"},
			[]Story{{Source: "https://c.example/"}, {Source: "https://a.example/live", Name: "A", Interval: time.Minute}}, ""},
		{"a file called demo", listed, []string{"./demo"}, []Story{{Source: "./demo"}}, ""},
		{"demo with others", listed, []string{"demo", "x.xml"}, nil, `"demo" opens the demo alone; name a file called demo as ./demo`},
	}
	for _, c := range cases {
		got, err := c.s.Open(c.args)
		if (err != nil || c.err != "") && (err == nil || err.Error() != c.err) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Open(%q) = %+v, want %+v", c.name, c.args, got, c.want)
		}
	}
	got, _ := listed.Open(nil)
	got[0].Name = "changed"
	if listed.Stories[0].Name != "A" {
		t.Error("Open handed out the settings' own stories")
	}
}

func TestKeyLines(t *testing.T) {
	doc := strings.Join([]string{
		`# a comment with [brackets] and = signs`, // 1
		`browser = "x # not a comment [" # a comment`,
		`notes = """`,
		`[not.a.table]`,
		`key = "inside a string"`,
		`"""`,
		`theme = "dark"`, // 7
		`list = [`,
		`  "a", # ]`,
		`  '[',`,
		`]`,
		`mouse = true`, // 12
		`site.name = "a"`,
		`[keys]`, // 14
		`"next-unread" = "U"`,
		`'quoted.dot' = "x"`,
		`[[stories]]`, // 17
		`url = "https://a.example/"`,
		`[[ stories ]]`,
		`  interval   =   "1m"`, // 20
		`literal = '''`,
		`]]] [[`,
		`'''`,
		`after = 1`, // 24
	}, "\n")
	k := indexLines(doc)
	cases := map[string]int{
		path("browser"):                       2,
		path("notes"):                         3,
		path("not"):                           0,
		path("theme"):                         7,
		path("list"):                          8,
		path("mouse"):                         12,
		path("site"):                          13,
		path("site", "name"):                  13,
		path("keys"):                          14,
		path("keys", "next-unread"):           15,
		path("keys", "quoted.dot"):            16,
		path("keys", "missing"):               14,
		path("stories", index(0)):             17,
		path("stories", index(0), "url"):      18,
		path("stories", index(1)):             19,
		path("stories", index(1), "interval"): 20,
		path("stories", index(1), "literal"):  21,
		path("stories", index(1), "after"):    24,
		path("stories", index(2), "url"):      17,
	}
	for p, want := range cases {
		if got := k.line(p); got != want {
			t.Errorf("line(%q) = %d, want %d", strings.ReplaceAll(p, "\x00", "."), got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("interval = \"30s\"\n[[stories]]\nurl = \"https://a.example/\"\n[keys]\nquit = \"x\"\n")
	f.Add("[colours]\naccent = \"#fff\"\n[[stories]]\nfile = \"a.xml\"\nname = '''x\n]'''\n")
	f.Add("a = [\n\"\"\"\n]\n\"\"\"]\n[[b]]\n\"q\\\"k\".x = 1\n")
	f.Add("stories = [{url=\"https://a.example/\"}, {file=\"b\"}]\n")
	f.Fuzz(func(t *testing.T, doc string) {
		indexLines(doc).line(path("stories", index(0), "url"))
		s, err := Parse("config.toml", []byte(doc), noEnv)
		if err != nil {
			if s != nil {
				t.Fatal("refused, yet gave settings")
			}
			if !strings.HasPrefix(err.Error(), "config.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, st := range s.Stories {
			if st.Source == "" {
				t.Fatalf("a story with no source: %+v", st)
			}
		}
		if s.Theme != "auto" && s.Theme != "dark" && s.Theme != "light" {
			t.Fatalf("theme %q", s.Theme)
		}
	})
}
