package notify

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/model"
)

func TestParseMode(t *testing.T) {
	cases := map[string]Mode{"": All, "all": All, "true": All, "KEY": KeyOnly, "key": KeyOnly, "off": Off, "false": Off}
	for in, want := range cases {
		if got, err := ParseMode(in); got != want || err != nil {
			t.Errorf("ParseMode(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseMode("loud"); err == nil || !strings.Contains(err.Error(), "all, key or off") {
		t.Errorf("ParseMode(loud) error = %v", err)
	}
	for _, m := range []Mode{Off, All, KeyOnly} {
		if back, _ := ParseMode(m.String()); back != m {
			t.Errorf("%v does not read back", m)
		}
	}
}

var t0 = time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)

// merged returns the new updates a poll brings after a first one.
func merged(t *testing.T, first, second []model.Update) []*model.Update {
	t.Helper()
	st := model.NewStory()
	read := func(us []model.Update) *model.Snapshot {
		s := &model.Snapshot{Title: "Strike", Fetched: t0.Add(time.Hour), Updates: us}
		s.Prepare()
		return s
	}
	st.Merge(read(first))
	return st.Merge(read(second)).New
}

func upd(id, headline string, minutes int, key bool) model.Update {
	u := model.Update{ID: id, Headline: headline, Body: model.TextBody(headline + " in full."), Published: t0.Add(time.Duration(minutes) * time.Minute)}
	if key {
		u.Categories = []string{"Key event"}
	}
	return u
}

func TestShouldNotify(t *testing.T) {
	old := []model.Update{upd("a", "Strike begins", 10, true)}
	three := merged(t, old, []model.Update{
		upd("d", "Offer made", 40, false), upd("c", "Deal rejected", 30, true), upd("b", "Pickets form", 20, false), old[0]})
	plain := merged(t, old, []model.Update{upd("e", "Weather at the depot", 50, false), old[0]})
	cases := []struct {
		name         string
		mode         Mode
		first, quiet bool
		updates      []*model.Update
		n            int
		headline     string
		ok           bool
	}{
		{"all", All, false, false, three, 3, "Offer made", true},
		{"key only counts key events", KeyOnly, false, false, three, 1, "Deal rejected", true},
		{"key only, none new", KeyOnly, false, false, plain, 0, "", false},
		{"off", Off, false, false, three, 0, "", false},
		{"first snapshot", All, true, false, three, 0, "", false},
		{"quiet source", All, false, true, three, 0, "", false},
		{"nothing new", All, false, false, nil, 0, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, h, ok := ShouldNotify(c.mode, c.first, c.quiet, c.updates)
			if n != c.n || h != c.headline || ok != c.ok {
				t.Errorf("got %d %q %v; want %d %q %v", n, h, ok, c.n, c.headline, c.ok)
			}
		})
	}
}

func TestShouldNotifyPicksNewestWhateverTheOrder(t *testing.T) {
	new := merged(t, []model.Update{upd("a", "A", 10, false)},
		[]model.Update{upd("b", "Older", 20, false), upd("c", "Newest", 30, false), upd("a", "A", 10, false)})
	new[0], new[1] = new[1], new[0]
	if _, h, _ := ShouldNotify(All, false, false, new); h != "Newest" {
		t.Errorf("headline %q", h)
	}
	// Updates with no headline of their own are named by their text.
	u := &model.Update{ID: "x", Text: "Trains stop at noon. More soon."}
	if _, h, _ := ShouldNotify(All, false, false, []*model.Update{u}); h != "Trains stop at noon." {
		t.Errorf("headline from text %q", h)
	}
}

func TestText(t *testing.T) {
	long := strings.Repeat("Union leaders say the offer is not enough ", 5)
	cases := []struct {
		n        int
		headline string
		want     string
	}{
		{3, "Offer made", "3 new: Offer made"},
		{1, "Offer made", "1 new: Offer made"},
		{1, "", "1 new update"},
		{4, "  ", "4 new updates"},
		{2, "Talks; offer\x1b]0;pwned\a made\n\tnow", "2 new: Talks, offer made now"},
		{2, "Evil\u202e txt.exe", "2 new: Evil txt.exe"},
		{2, "Bell\a and \u009b31m C1", "2 new: Bell and C1"},
		{2, "Bad \xff byte", "2 new: Bad \ufffd byte"},
	}
	for _, c := range cases {
		if got := Text(c.n, c.headline); got != c.want {
			t.Errorf("Text(%d, %q) = %q; want %q", c.n, c.headline, got, c.want)
		}
	}
	got := Text(12, long)
	if utf8.RuneCountInString(got) > MaxText || !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "12 new: Union") {
		t.Errorf("long text %q (%d runes)", got, utf8.RuneCountInString(got))
	}
	if strings.HasSuffix(got, " …") || strings.Contains(got, "  ") {
		t.Errorf("badly cut: %q", got)
	}
	wide := Text(2, strings.Repeat("é", 300))
	if !utf8.ValidString(wide) || utf8.RuneCountInString(wide) != MaxText {
		t.Errorf("cut inside a rune or to the wrong length: %d runes", utf8.RuneCountInString(wide))
	}
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestSequence(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"default OSC 9", map[string]string{"TERM": "xterm-256color"},
			"\x1b]9;Strike live: 3 new: Offer made\a\a"},
		{"iTerm2", map[string]string{"TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"},
			"\x1b]9;Strike live: 3 new: Offer made\a\a"},
		{"urxvt", map[string]string{"TERM": "rxvt-unicode-256color"},
			"\x1b]777;notify;Strike live;3 new: Offer made\a\a"},
		{"foot", map[string]string{"TERM": "foot"},
			"\x1b]777;notify;Strike live;3 new: Offer made\a\a"},
		{"VTE", map[string]string{"TERM": "xterm-256color", "VTE_VERSION": "7600"},
			"\x1b]777;notify;Strike live;3 new: Offer made\a\a"},
		{"Ghostty", map[string]string{"TERM": "xterm-ghostty", "TERM_PROGRAM": "ghostty"},
			"\x1b]777;notify;Strike live;3 new: Offer made\a\a"},
		{"WezTerm", map[string]string{"TERM_PROGRAM": "WezTerm"},
			"\x1b]777;notify;Strike live;3 new: Offer made\a\a"},
		{"tmux in xterm", map[string]string{"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "TMUX": "/tmp/tmux-1/default,1,0"},
			"\x1bPtmux;\x1b\x1b]9;Strike live: 3 new: Offer made\a\x1b\\\a"},
		{"tmux in Ghostty", map[string]string{"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "TMUX": "x", "GHOSTTY_RESOURCES_DIR": "/usr/share/ghostty"},
			"\x1bPtmux;\x1b\x1b]777;notify;Strike live;3 new: Offer made\a\x1b\\\a"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Sequence("Strike live", "3 new: Offer made", env(c.env)); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestSequenceCannotBreakOut(t *testing.T) {
	hostile := "Title;with;fields\x1b\\\x1b]0;owned\a\x07\x9c\x9d\u009c\u009d\u2066end\r\nnext"
	for _, e := range []map[string]string{{}, {"TERM": "foot"}, {"TMUX": "x"}, {"TMUX": "x", "VTE_VERSION": "1"}} {
		s := Sequence(hostile, hostile, env(e))
		inner := s
		if e["TMUX"] != "" {
			if !strings.HasPrefix(s, "\x1bPtmux;") || !strings.HasSuffix(s, "\x1b\\\a") {
				t.Fatalf("%v: not wrapped: %q", e, s)
			}
			inner = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(s, "\x1bPtmux;"), "\x1b\\\a"), "\x1b\x1b", "\x1b") + "\a"
		}
		// Exactly one ESC (the introducer), then text, one BEL ending the
		// sequence and one bell.
		if strings.Count(inner, "\x1b") != 1 || !strings.HasPrefix(inner, "\x1b]") || strings.Count(inner, "\a") != 2 || !strings.HasSuffix(inner, "\a\a") {
			t.Errorf("%v: escapes in %q", e, s)
		}
		fields := strings.Split(strings.TrimSuffix(strings.TrimPrefix(inner, "\x1b]"), "\a\a"), ";")
		want := 2
		if strings.HasPrefix(inner, "\x1b]777") {
			want = 4
		}
		if len(fields) != want {
			t.Errorf("%v: %d fields in %q", e, len(fields), inner)
		}
		for _, r := range inner[2 : len(inner)-2] {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\u2066' {
				t.Errorf("%v: control %U left in %q", e, r, inner)
			}
		}
	}
}

func TestSequenceAvoidsConEmuCommands(t *testing.T) {
	// "OSC 9 ; 4 ..." would be read as a ConEmu progress report.
	got := Sequence("", "4 new: Offer made", env(nil))
	if got != "\x1b]9;liveline: 4 new: Offer made\a\a" {
		t.Errorf("got %q", got)
	}
}

func TestSequenceCutsLongText(t *testing.T) {
	s := Sequence(strings.Repeat("Title ", 40), strings.Repeat("Body ", 100), env(map[string]string{"TERM": "foot"}))
	fields := strings.Split(strings.TrimSuffix(s, "\a\a"), ";")
	if n := utf8.RuneCountInString(fields[2]); n > MaxTitle {
		t.Errorf("title %d runes", n)
	}
	if n := utf8.RuneCountInString(fields[3]); n > MaxText {
		t.Errorf("body %d runes", n)
	}
}
