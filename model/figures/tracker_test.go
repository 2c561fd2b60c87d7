package figures

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// sectionText renders a section as the panel shows it.
func sectionText(s *Section) []string {
	var out []string
	for _, e := range s.Entries() {
		out = append(out, e.Text(time.UTC, s.Days())+" @"+e.UpdateID())
	}
	return out
}

// checkSection tests what every section must hold, whatever the text.
func checkSection(t *testing.T, s *Section) {
	t.Helper()
	for _, tr := range s.Trackers {
		if len(tr.History()) == 0 || !tr.Latest.Readable() || !s.Pinned(&tr.Latest) || tr.Key == "" || tr.Subject == "" ||
			confidence(&tr.Latest, true) < pinThreshold {
			t.Fatalf("tracker %+v", tr)
		}
		prev := tr.Latest
		for _, h := range tr.History() {
			if h.UpdateID == prev.UpdateID || h.Time.After(prev.Time) || h.Aside {
				t.Fatalf("tracker %q: history %+v after %+v", tr.Key, h, prev)
			}
			prev = h
		}
	}
	lines := 0 // lines of other figures: a figure alone, or a row with no tracker in it
	for _, e := range s.Entries() {
		switch {
		case e.Figure != nil:
			lines++
		case e.Row != nil:
			own := true
			for _, m := range e.Row.Members {
				own = own && m.Tracker == nil
			}
			if own {
				lines++
			}
		}
	}
	if lines > MaxOthers {
		t.Fatalf("%d lines of other figures", lines)
	}
	for i := range s.Others {
		if f := &s.Others[i]; !f.Readable() || !s.Pinned(f) || f.Name() == "" || confidence(f, false) < pinThreshold {
			t.Fatalf("other figure %+v", f)
		}
	}
}

// FuzzTrackers follows a story made of the fuzzer's text, cut into updates
// that arrive, change and go, and checks that the section holds together
// and matches the one a board built at the end would give.
func FuzzTrackers(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "eval", "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("Labour has won 410 seats.\n\nLabour has won 411 seats, the Conservatives 121.\n\nFor comparison, Labour won 202 seats in 2019.")
	f.Add("Hosts 21/1 after 5 overs\n\nHosts 287/6 after 50 overs\n\nRovers 2-1 United")
	f.Fuzz(followText)
}

func followText(t *testing.T, text string) {
	{
		parts := strings.Split(text, "\n\n")
		if len(parts) > 40 {
			parts = parts[:40]
		}
		s := model.NewStory()
		b := NewBoard()
		var seen []model.Update
		for i, p := range parts {
			u := post(fmt.Sprint("u", i), i*7%23, para(p))
			u.Headline = p[:min(len(p), 40)]
			seen = append([]model.Update{u}, seen...)
			if i%3 == 2 {
				seen = seen[1:] // taken back
			}
			if i%4 == 3 && len(seen) > 1 {
				seen[1].Body = model.Body{Blocks: []model.Block{para(p + " " + seen[1].Body.PlainText())}} // edited
			}
			b.Apply(merge(s, seen...))
			sec := b.Section()
			checkSection(t, &sec)
		}
		fresh := NewBoard()
		fresh.Apply(model.Changes{New: s.Updates()})
		a, z := b.Section(), fresh.Section()
		eq(t, "followed and fresh", sectionText(&a), sectionText(&z))
	}
}

// No text makes extraction slow down faster than it grows: eight times the
// text takes well under sixty-four times the work. Work is measured two
// ways that a busy machine cannot upset: the bytes allocated, which are
// the same on every run, and the CPU time of the measuring thread (not the
// clock, which counts other programs' turns), the best of several runs with
// the collector held off, tried again before failing.
func TestNoQuadraticText(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	shapes := []string{
		"Labour 1, Conservative 2, Liberal Democrat 3, ",
		"For comparison, in 2019 the toll was 12 and then ",
		"Hosts 1/1 after 1 overs Visitors 2/2 after 2 overs ",
		"the the the the the the the 5 ",
		"A B C D E F G H I J K L M 7 seats ",
		"Confirmed cases: 48 ",
		"people have been reported missing 40 are missing ",
		"le la les des du et est 25,9 % 3 200 € ",
		"Overall seats update:\nLabour: 22\n",
		"The number of people known to have died in the 6.9-magnitude quake in the hill towns of Bresk has risen to ",
		"12 in Aland, 9 in Bresk, ",
		"The Zephyr 8 starts at $599, vPad 7 to $319, ",
		"x",
	}
	for _, shape := range shapes {
		small := strings.Repeat(shape, 2000) // both past the scanner pool's size
		big := strings.Repeat(shape, 16000)
		if bs, bb := allocated(small), allocated(big); bb > 16*bs+1<<20 {
			t.Errorf("%q: 8x the text allocated %d bytes against %d", shape, bb, bs)
		}
		var ts, tb time.Duration
		for range 3 {
			if ts, tb = cpuExtract(small), cpuExtract(big); tb <= 24*ts+2*time.Millisecond {
				break
			}
		}
		if tb > 24*ts+2*time.Millisecond {
			t.Errorf("%q: 8x the text took %v of CPU against %v", shape, tb, ts)
		}
	}
}

// allocated returns the bytes extracting from s allocates.
func allocated(s string) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Extract(s)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// cpuExtract returns the least CPU time extracting from s took in five
// runs, each after a collection.
func cpuExtract(s string) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := time.Duration(1 << 62)
	for range 5 {
		runtime.GC()
		start := threadTime()
		Extract(s)
		best = min(best, threadTime()-start)
	}
	return best
}

// One party written three ways, and a tally of bare names and numbers, make
// one tracker; a constituency's vote count under a party's name does not
// join its seats.
func TestFamilies(t *testing.T) {
	s := model.NewStory()
	b := NewBoard()
	b.Apply(merge(s,
		post("a", 0, para("With 520 of the 650 seats declared: Con 231, Lab 240, SNP 30.")),
		post("b", 10, para("Eastmoor declared:\nLabour: 18,450\nSNP: 5,720")),
		post("c", 20, para("The Conservatives are on 262 seats and Labour on 256.")),
		post("d", 30, para("Declared results\nConservatives 270\nLabour 259\nSNP 31")),
	))
	sec := b.Section()
	eq(t, "section", sectionText(&sec), []string{
		"Conservatives 270 (from 262) · Labour 259 (from 256) · SNP 31 (from 30) seats @d",
		"seats declared · 520 @a",
	})
	if len(sec.Trackers) != 3 {
		t.Errorf("%d trackers, want one per party", len(sec.Trackers))
	}
	for _, tr := range sec.Trackers {
		for _, h := range tr.History() {
			if h.Value > 1000 {
				t.Errorf("%s: a vote count in the history of its seats: %+v", tr.Subject, h)
			}
		}
	}
	for _, c := range []struct {
		short, long string
		want        bool
	}{
		{"Con", "Conservatives", true},
		{"Lib Dems", "Liberal Democrats", true},
		{"SNP", "Scottish National Party", true},
		{"SDLP", "Social Democratic and Labour Party", true},
		{"Lab", "Labour", true},
		{"Labour", "Labour Party", false},
		{"snp", "Scottish National Party", false}, // initials only in capitals
		{"Co", "Conservatives", false},
	} {
		if got := abbreviates(c.short, subjectKey(c.short), subjectKey(c.long)); got != c.want {
			t.Errorf("abbreviates(%q, %q) = %v", c.short, c.long, got)
		}
	}
}

// Figures of one measure for several places share a line, and a line of
// them counts once against the other figures the section may show.
// (Every measure here is one the section pins: see measureOf.)
func TestRows(t *testing.T) {
	s := model.NewStory()
	b := NewBoard()
	var us []model.Update
	for i, w := range []string{"operations", "trains", "appointments", "flights", "procedures", "surgeries", "outpatients"} {
		us = append(us, post(fmt.Sprint("u", i), i, para(fmt.Sprintf("Operators said %d %s had been cancelled.", 10+i, w))))
	}
	us = append(us, post("tolls", 30, para("Officials say 9 people have died in Corve, 17 in Eastvale and 41 in Northport.")))
	b.Apply(merge(s, us...))
	sec := b.Section()
	got := sectionText(&sec)
	if len(got) == 0 || got[0] != "Northport 41 · Eastvale 17 · Corve 9 deaths @tolls" {
		t.Errorf("first line %q", got)
	}
	for i, l := range got {
		if i > 0 && strings.Contains(l, "Northport") {
			t.Errorf("the row shown twice: %q", got)
		}
	}
	if len(sec.Others) != MaxOthers+2 || len(got) != MaxOthers {
		t.Errorf("%d other figures on %d lines, want %d on %d:\n%s", len(sec.Others), len(got), MaxOthers+2, MaxOthers, strings.Join(got, "\n"))
	}
}

// TestOnePlaceKeepsOneTracker: in a story about one place, a toll whose
// updates name the place only now and then is still one tracker.
func TestOnePlaceKeepsOneTracker(t *testing.T) {
	s := model.NewStory()
	b := NewBoard()
	at := func(id string, minutes int, headline, text string) model.Update {
		u := post(id, minutes, para(text))
		u.Headline = headline
		return u
	}
	b.Apply(merge(s,
		at("a", 0, "Rescue teams reach the north", "The death toll has risen to 2,600, the disaster agency said."),
		at("b", 60, "Deaths in Ostland rise to 3,000", "The number of deaths has risen to 3,000 across the country, officials in Ostland said on Sunday."),
		at("c", 120, "Aid arrives", "Officials said the death toll had reached 3,400."),
		at("d", 180, "Ostland's death toll passes 3,900", "The toll has now reached 3,900, Ostland's disaster agency said."),
	))
	sec := b.Section()
	checkSection(t, &sec)
	eq(t, "section", sectionText(&sec), []string{"deaths · 3,900, up from 3,400 at 11:00 @d"})
}
