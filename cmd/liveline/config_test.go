package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/config"
)

// writeConfig writes a config file where liveline looks for one under
// dir, and returns its path.
func writeConfig(t *testing.T, dir, doc string) string {
	t.Helper()
	path := filepath.Join(dir, "liveline", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestABadConfigStartsNothing(t *testing.T) {
	dir := t.TempDir()
	path := writeConfig(t, dir, "theme = \"dark\"\n[keys]\nstar = \"j\"\n")
	vars := map[string]string{"XDG_CONFIG_HOME": dir, "XDG_STATE_HOME": t.TempDir()}
	want := "liveline: " + path + `:3: keys: the key "j" is bound to both down and star` + "\n" +
		"liveline: nothing was started; fix the config file, or name another with --config\n"
	for _, args := range [][]string{nil, {"demo"}, {repoFile("strike.xml")}, {"replay", repoFile("strike.xml")}} {
		code, out, errOut := runIn(t, vars, args...)
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%s\nwant exit 2 and\n%s", args, code, out, errOut, want)
		}
	}

	other := filepath.Join(dir, "other.toml")
	if err := os.WriteFile(other, []byte("[[stories]]\nurl = \"https://a.example/\"\nurl = \"https://b.example/\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runIn(t, vars, "--config", other)
	if code != 2 || !strings.HasPrefix(errOut, "liveline: "+other+":3: not valid TOML: ") {
		t.Errorf("--config with a key set twice: exit %d, %q", code, errOut)
	}
	missing := filepath.Join(dir, "missing.toml")
	code, _, errOut = runIn(t, vars, "--config", missing)
	if code != 2 || !strings.HasPrefix(errOut, "liveline: "+missing+": no such file; check the path given to --config\n") {
		t.Errorf("--config naming no file: exit %d, %q", code, errOut)
	}
	code, _, errOut = runIn(t, map[string]string{"XDG_CONFIG_HOME": t.TempDir()}, "demo", repoFile("strike.xml"))
	if code != 2 || !strings.Contains(errOut, `"demo" opens the demo alone`) {
		t.Errorf("demo with a source: exit %d, %q", code, errOut)
	}
}

func TestStoryInterval(t *testing.T) {
	s := &config.Settings{Interval: time.Minute}
	own := config.Story{Source: "https://a.example/", Interval: 15 * time.Second}
	plain := config.Story{Source: "https://b.example/"}
	cases := []struct {
		name      string
		st        config.Story
		s         *config.Settings
		flag      time.Duration
		flagGiven bool
		want      time.Duration
		set       bool
	}{
		{"--interval wins", own, s, 5 * time.Second, true, 5 * time.Second, true},
		{"then the story's own", own, s, 30 * time.Second, false, 15 * time.Second, true},
		{"then the file's default", plain, s, 30 * time.Second, false, time.Minute, true},
		{"then liveline's", plain, config.Default(), 30 * time.Second, false, 30 * time.Second, false},
	}
	for _, c := range cases {
		d, set := storyInterval(c.st, c.s, c.flag, c.flagGiven)
		if d != c.want || set != c.set {
			t.Errorf("%s: %v, %v; want %v, %v", c.name, d, set, c.want, c.set)
		}
	}
}

func TestFlagsWinOverTheConfig(t *testing.T) {
	s, err := config.Parse("c.toml", []byte("notify = \"key\"\nmouse = true\ntheme = \"light\"\n[keys]\nquit = \"x\"\n[colours]\naccent = \"#123456\"\n"), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ui := settingsUI(s, readerFlags{}, false)
	if ui.notify.String() != "key" || !ui.mouse || ui.theme != "light" || ui.keys["quit"][0] != "x" || ui.colours["accent"] != "#123456" {
		t.Errorf("from the file: %+v", ui)
	}
	ui = settingsUI(s, readerFlags{noMouse: true, notify: "all"}, true)
	if ui.notify.String() != "all" || ui.mouse {
		t.Errorf("--no-mouse --notify=all: %+v", ui)
	}
	var off notifyMode
	off.Set("off")
	if ui = settingsUI(s, readerFlags{notify: off}, true); ui.notify.String() != "off" {
		t.Errorf("--notify=off: %v", ui.notify)
	}
}

func TestEndToEndOpensTheConfigsStory(t *testing.T) {
	feedSrv := &growingFeed{}
	feedSrv.add(1)
	srv := httptest.NewServer(feedSrv)
	defer srv.Close()
	dir := t.TempDir()
	writeConfig(t, dir, `interval = "1s"
theme = "dark"

[keys]
quit = "x"

[[stories]]
url = "`+srv.URL+`/feed.rss"
name = "Strike"
`)
	env := []string{"XDG_CONFIG_HOME=" + dir}

	st := startTerm(t, 100, 30, env)
	// The story's name in the config file names it, rather than its title.
	st.waitFor(15*time.Second, "Strike", "Picket report number 1")
	if strings.Contains(st.screen(), "Junior doctors strike: live") {
		t.Errorf("the story is shown under its own title, not the name the config gives it:\n%s", st.screen())
	}
	feedSrv.add(2)
	st.waitFor(10*time.Second, "Picket report number 2")
	st.keys("q") // rebound: no longer quits
	st.keys("x")
	select {
	case <-st.done:
	case <-time.After(5 * time.Second):
		t.Fatalf("liveline did not quit on the key the config binds to quit:\n%s", st.screen())
	}

	st = startTerm(t, 100, 30, env, "demo")
	st.waitFor(15*time.Second, "replay ·", "change ")
	st.keys("x")
	select {
	case <-st.done:
	case <-time.After(5 * time.Second):
		t.Fatalf("the demo did not quit on x:\n%s", st.screen())
	}
}
