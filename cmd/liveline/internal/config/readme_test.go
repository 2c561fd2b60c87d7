package config

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/readmeblock"
	"github.com/liveline-tui/liveline/tui"
)

var update = flag.Bool("update", false, "rewrite the README's generated lists")

var readme = filepath.Join("..", "..", "..", "..", "README.md")

// keyActionsTable lists every action of tui.KeyActions as the README does.
func keyActionsTable() string {
	var b strings.Builder
	b.WriteString("| action | default keys | help |\n|---|---|---|\n")
	for _, a := range tui.KeyActions() {
		keys := make([]string, len(a.Keys))
		for i, k := range a.Keys {
			keys[i] = "`" + k + "`"
		}
		b.WriteString("| `" + a.Name + "` | " + strings.Join(keys, " ") + " | " + a.Help + " |\n")
	}
	return b.String()
}

// coloursTable lists tui.Colours as the README does.
func coloursTable() string {
	names := make([]string, 0, len(tui.Colours))
	for n := range tui.Colours {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString("| colour | light | dark |\n|---|---|---|\n")
	for _, n := range names {
		d := tui.Colours[n]
		b.WriteString("| `" + n + "` | `" + d[0] + "` | `" + d[1] + "` |\n")
	}
	return b.String()
}

// TestREADMEListsEveryKeyActionAndColour keeps the README's lists in step
// with the tui's; -update rewrites them.
func TestREADMEListsEveryKeyActionAndColour(t *testing.T) {
	readmeblock.Check(t, readme, []readmeblock.Block{
		{Start: "<!-- key actions: generated from tui.KeyActions by the config package's tests -->\n", End: "<!-- end of key actions -->", Want: keyActionsTable()},
		{Start: "<!-- colours: generated from tui.Colours by the config package's tests -->\n", End: "<!-- end of colours -->", Want: coloursTable()},
	}, *update, "go test ./cmd/liveline/internal/config -run README -update")
}

// TestREADMEExampleSetsEverySetting reads the example config: it must be
// accepted and set every setting away from its default, and the README
// must show it as it is; -update rewrites the README's.
func TestREADMEExampleSetsEverySetting(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "## The config file")
	j := strings.Index(doc[max(i, 0):], "```toml\n")
	if i < 0 || j < 0 {
		t.Fatal("the README has no example config under \"## The config file\"")
	}
	start := i + j + len("```toml\n")
	end := strings.Index(doc[start:], "```")
	if end < 0 {
		t.Fatal("the README's example config does not end")
	}
	if shown := doc[start : start+end]; shown != Example {
		if *update {
			doc = doc[:start] + Example + doc[start+end:]
			if err := os.WriteFile(readme, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			t.Errorf("the README's example config is not example.toml; run go test ./cmd/liveline/internal/config -run README -update")
		}
	}
	example := Example
	s, err := Parse(filepath.Join("/home/reader", ".config", "liveline", "config.toml"), []byte(example), env(map[string]string{"HOME": "/home/reader"}))
	if err != nil {
		t.Fatalf("the example is refused:\n%v", err)
	}
	for _, name := range settingNames {
		if !strings.Contains(example, "\n"+name+" = ") && !strings.Contains(example, "\n["+name+"]") && !strings.Contains(example, "\n[["+name+"]]") {
			t.Errorf("the example does not show %q", name)
		}
	}
	def := Default()
	if s.Interval == 0 || s.Browser == "" || s.Notify == def.Notify || len(s.Colours) == 0 || len(s.Keys) == 0 || len(s.Stories) < 2 {
		t.Errorf("the example leaves settings at their defaults: %+v", s)
	}
	for _, st := range s.Stories {
		if st.Source == "" {
			t.Errorf("a story without a source: %+v", st)
		}
	}
	if want := (Story{Source: "/home/reader/feeds/budget.xml"}); !reflect.DeepEqual(s.Stories[len(s.Stories)-1], want) {
		t.Errorf("the example's file story is %+v, want %+v", s.Stories[len(s.Stories)-1], want)
	}
	for _, st := range []string{"url", "file", "name", "interval"} {
		if !strings.Contains(example, "\n"+st+" = ") {
			t.Errorf("the example's stories do not show %q", st)
		}
	}
}
