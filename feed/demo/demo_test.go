package demo

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/clock"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/feed/replay"
	"github.com/liveline-tui/liveline/model"
)

var update = flag.Bool("update", false, "rebuild strike.jsonl.gz from testdata/strike.xml")

// The demo unfolds the strike's first day: a backlog of early updates, then
// one or two new ones a snapshot, 47 story seconds apart (4.7 s at the
// default speed), with one update published early and corrected later.
var (
	firstFetch = time.Date(2016, time.January, 12, 11, 20, 0, 0, time.UTC)
	fetchEvery = 47 * time.Second
	// schedule[k] lists the updates (oldest first, counting from 0) that
	// snapshot k adds; snapshot editAt corrects update edited.
	schedule = [][]int{
		{0, 1, 2, 3, 4, 5, 6, 7}, {8}, {9, 10}, {11}, {12, 13}, {14}, {15}, {16}, {17, 18},
		{}, {19, 20}, {21}, {22, 23}, {24}, {25, 26}, {27, 28}, {29}, {30}, {31, 32}, {33, 34},
	}
	edited, editAt = 15, 9
	// draft is the first version of the edited update, before the full figures.
	draft = `<description>&lt;p&gt;A first, partial count from NHS England suggests that fewer than half of the junior doctors on the day rota came in.&lt;/p&gt;&lt;p&gt;We will post the confirmed figures as soon as they are out.&lt;/p&gt;</description>`
)

var (
	itemRE    = regexp.MustCompile(`(?s)<item>.*?</item>\n?`)
	pubDateRE = regexp.MustCompile(`<pubDate>[^<]*</pubDate>`)
	buildRE   = regexp.MustCompile(`<lastBuildDate>[^<]*</lastBuildDate>`)
	descRE    = regexp.MustCompile(`(?s)<description>.*?</description>`)
	linkRE    = regexp.MustCompile(`<link>([^<#]*)#[^<]*</link>`)
	guidRE    = regexp.MustCompile(`<guid isPermaLink="false">[^<]*</guid>`)
)

// build writes the demo recording from the test feed.
func build(path string) error {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "strike.xml"))
	if err != nil {
		return err
	}
	locs := itemRE.FindAllIndex(src, -1)
	if len(locs) != 35 {
		return fmt.Errorf("strike.xml has %d items, the schedule wants 35", len(locs))
	}
	head, foot := src[:locs[0][0]], src[locs[len(locs)-1][1]:]
	items := make([][]byte, len(locs)) // oldest first
	for i, l := range locs {
		items[len(locs)-1-i] = src[l[0]:l[1]]
	}
	// The feed's IDs and link fragments say when each update was first
	// published ("strike-20160112-2200"); the demo retimes the updates,
	// so it names them by their place in the story instead ("update-12").
	for i, it := range items {
		id := fmt.Sprintf("update-%d", i+1)
		it = linkRE.ReplaceAll(it, []byte("<link>${1}#"+id+"</link>"))
		items[i] = guidRE.ReplaceAll(it, []byte(`<guid isPermaLink="false">`+id+"</guid>"))
	}
	w, err := record.CreateAt(path, firstFetch)
	if err != nil {
		return err
	}
	var shown []int
	for k, add := range schedule {
		t := firstFetch.Add(time.Duration(k) * fetchEvery)
		for j, i := range add {
			if k > 0 { // live updates are published just before the fetch that finds them
				items[i] = pubDateRE.ReplaceAll(items[i], []byte("<pubDate>"+
					t.Add(-30*time.Second+time.Duration(j)*12*time.Second).Format(time.RFC1123Z)+"</pubDate>"))
			}
		}
		shown = append(shown, add...)
		var body bytes.Buffer
		body.Write(buildRE.ReplaceAll(head, []byte("<lastBuildDate>"+t.Format(time.RFC1123Z)+"</lastBuildDate>")))
		for n := len(shown) - 1; n >= 0; n-- {
			it := items[shown[n]]
			if shown[n] == edited && k < editAt {
				it = descRE.ReplaceAll(it, []byte(draft))
			}
			body.Write(it)
		}
		body.Write(foot)
		const ct = "application/rss+xml; charset=utf-8"
		const at = "https://news.example.com/live/junior-doctors-strike/rss"
		res, err := parse.Parse(body.Bytes(), ct, nil)
		if err != nil {
			return fmt.Errorf("snapshot %d: %w", k, err)
		}
		res.Snapshot.Fetched = t
		if err := w.Add(feed.Fetch{Time: t, URL: at, Status: 200, ContentType: ct,
			Body: body.Bytes(), Snapshot: &res.Snapshot}); err != nil {
			return err
		}
	}
	if w.Len() != len(schedule) {
		return fmt.Errorf("%d of %d snapshots changed the story", w.Len(), len(schedule))
	}
	return w.Close()
}

// TestEmbedded checks that the embedded recording is what the generator
// makes from testdata/strike.xml; with -update it rewrites it.
func TestEmbedded(t *testing.T) {
	tmp := filepath.Join(t.TempDir(), "strike.jsonl.gz")
	if err := build(tmp); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(tmp)
	if *update {
		if err := os.WriteFile("strike.jsonl.gz", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, recording) {
		t.Fatal("strike.jsonl.gz is out of date: run go test ./feed/demo -update")
	}
}

// TestDemoLinksMatchTheirTimes: the demo retimes its updates, so their
// IDs and link fragments name their place in the story, "update-12", in
// the order of the times shown, and never the time the feed gave them.
func TestDemoLinksMatchTheirTimes(t *testing.T) {
	rec, err := record.Read(recording)
	if err != nil {
		t.Fatal(err)
	}
	story, err := rec.Final()
	if err != nil {
		t.Fatal(err)
	}
	us := story.Updates() // newest first
	for i, u := range us {
		id := fmt.Sprintf("update-%d", len(us)-i)
		if u.ID != id || u.Link != story.Link+"#"+id {
			t.Errorf("the update at %s, %d of %d, is %q at %q; want %q", u.Published.Format("15:04:05"), len(us)-i, len(us), u.ID, u.Link, id)
		}
		if i > 0 && !u.Published.Before(us[i-1].Published) {
			t.Errorf("%s at %s is not before %s at %s", u.ID, u.Published, us[i-1].ID, us[i-1].Published)
		}
	}
}

func TestDemoPlays(t *testing.T) {
	rec, err := record.Read(recording)
	if err != nil || len(rec.Warnings) > 0 {
		t.Fatalf("embedded recording: %v %v", err, rec.Warnings)
	}
	if n := rec.Len(); n < 18 || n > 22 {
		t.Fatalf("%d snapshots", n)
	}
	span := rec.Steps[rec.Len()-1].Time.Sub(rec.Steps[0].Time)
	if real := span / replay.DefaultSpeed; real < 75*time.Second || real > 105*time.Second {
		t.Fatalf("the demo takes %v at the default speed", real)
	}

	clk := clock.NewFake(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	p := New(clk)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan feed.Event)
	go p.Run(ctx, out)
	story := model.NewStory()
	edits, numbers := 0, false
	read := func() feed.Status {
		for {
			ev := <-out
			if !ev.Quiet {
				t.Fatal("demo event would notify")
			}
			if ev.Snapshot == nil {
				return ev.Status
			}
			ch := story.Merge(ev.Snapshot)
			edits += len(ch.Edited)
			for _, u := range ch.New {
				numbers = numbers || strings.Contains(u.Text, "In numbers")
			}
		}
	}
	st := read()
	if story.Len() != 8 || st.Source != Name || st.State != feed.Replaying {
		t.Fatalf("first event: %d updates, %+v", story.Len(), st)
	}
	for st.State != feed.Offline {
		clk.BlockUntil(1)
		clk.Advance(replay.Tick)
		st = read()
	}
	if story.Len() != 35 || edits != 1 || !numbers {
		t.Fatalf("at the end: %d updates, %d edits, In numbers seen %v", story.Len(), edits, numbers)
	}
	if e := story.ByID(fmt.Sprintf("update-%d", edited+1)); e == nil || !e.Edited || e.Previous == nil {
		t.Fatal("the corrected update is not marked edited")
	}
}
