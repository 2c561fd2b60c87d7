package model

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"
)

var t0 = time.Date(2016, 1, 12, 8, 0, 0, 0, time.UTC)

func upd(id, headline, text string, minutes int) Update {
	u := Update{ID: id, Headline: headline, Body: TextBody(text)}
	if minutes >= 0 {
		u.Published = t0.Add(time.Duration(minutes) * time.Minute)
	}
	return u
}

func snap(us ...Update) *Snapshot {
	s := &Snapshot{Title: "Strike day", Fetched: t0.Add(24 * time.Hour), Updates: us}
	s.Prepare()
	return s
}

func ids(us []*Update) string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	return strings.Join(out, ",")
}

func TestMergeNewEditedUnchanged(t *testing.T) {
	s := NewStory()
	ch := s.Merge(snap(upd("b", "Second", "Talks resume.", 20), upd("a", "First", "Doctors walk out.", 10)))
	if got := ids(ch.New); got != "b,a" {
		t.Fatalf("new = %q, want b,a", got)
	}
	if !ch.Meta || s.Title != "Strike day" {
		t.Fatalf("meta not taken: %+v", s.Title)
	}

	ch = s.Merge(snap(upd("c", "Third", "Pickets form.", 30), upd("b", "Second", "Talks resume on Thursday.", 20), upd("a", "First", "Doctors walk out.", 10)))
	if ids(ch.New) != "c" || ids(ch.Edited) != "b" || len(ch.Removed) != 0 || ch.Meta {
		t.Fatalf("changes = new %q edited %q removed %q meta %v", ids(ch.New), ids(ch.Edited), ids(ch.Removed), ch.Meta)
	}
	b := s.ByID("b")
	if !b.Edited || b.Previous == nil || b.Previous.Text != "Talks resume." || b.Text != "Talks resume on Thursday." {
		t.Fatalf("edit not kept: %+v", b)
	}
	if ids(s.Updates()) != "c,b,a" {
		t.Fatalf("order = %s", ids(s.Updates()))
	}

	ch = s.Merge(snap(upd("c", "Third", "Pickets form.", 30), upd("b", "Second", "Talks resume on Thursday.", 20), upd("a", "First", "Doctors walk out.", 10)))
	if !ch.Empty() {
		t.Fatalf("identical snapshot changed the story: %+v", ch)
	}
}

func TestMergeUpdatedBumpIsNotAnEdit(t *testing.T) {
	s := NewStory()
	s.Merge(snap(upd("a", "First", "Same words.", 10)))
	again := upd("a", "First", "Same words.", 10)
	again.Updated = t0.Add(time.Hour)
	ch := s.Merge(snap(again))
	if len(ch.Edited) != 0 || s.ByID("a").Edited {
		t.Fatal("a bare updated-time bump was taken as an edit")
	}
	if !s.ByID("a").Updated.Equal(again.Updated) {
		t.Fatal("updated time not kept")
	}
}

func TestMergeWindowKeepsOlderAndFlagsRemoved(t *testing.T) {
	s := NewStory()
	s.Merge(snap(upd("c", "C", "three", 30), upd("b", "B", "two", 20), upd("a", "A", "one", 10)))
	// The window moves on: a falls off the end, b vanishes from inside the window.
	ch := s.Merge(snap(upd("d", "D", "four", 40), upd("c", "C", "three", 30)))
	if ids(ch.New) != "d" {
		t.Fatalf("new = %q", ids(ch.New))
	}
	if ids(ch.Removed) != "" {
		t.Fatalf("updates older than the window were flagged removed: %q", ids(ch.Removed))
	}
	ch = s.Merge(snap(upd("e", "E", "five", 50), upd("d", "D", "four", 40), upd("c", "C", "three", 30)))
	if s.Len() != 5 || ids(s.Updates()) != "e,d,c,b,a" {
		t.Fatalf("story = %s", ids(s.Updates()))
	}
	ch = s.Merge(snap(upd("e", "E", "five", 50), upd("c", "C", "three", 30)))
	if ids(ch.Removed) != "d" || !s.ByID("d").Removed {
		t.Fatalf("removed = %q", ids(ch.Removed))
	}
	ch = s.Merge(snap(upd("e", "E", "five", 50), upd("d", "D", "four", 40), upd("c", "C", "three", 30)))
	if s.ByID("d").Removed || ids(ch.Edited) != "d" {
		t.Fatalf("returning update still removed; edited = %q", ids(ch.Edited))
	}
}

func TestMergeEmptySnapshotRemovesNothing(t *testing.T) {
	s := NewStory()
	s.Merge(snap(upd("a", "A", "one", 10)))
	if ch := s.Merge(snap()); len(ch.Removed) != 0 {
		t.Fatal("an empty snapshot removed updates")
	}
}

func TestOrderStableForTiesAndUndated(t *testing.T) {
	s := NewStory()
	s.Merge(snap(upd("x", "X", "tie one", 10), upd("y", "Y", "tie two", 10), upd("z", "Z", "later", 20)))
	if got := ids(s.Updates()); got != "z,x,y" {
		t.Fatalf("ties: %s", got)
	}
	u := NewStory()
	u.Merge(snap(upd("p", "P", "top", -1), upd("q", "Q", "middle", -1), upd("r", "R", "bottom", -1)))
	if got := ids(u.Updates()); got != "p,q,r" {
		t.Fatalf("undated feed order lost: %s", got)
	}
	next := snap(upd("n", "N", "newest", -1), upd("p", "P", "top", -1), upd("q", "Q", "middle", -1), upd("r", "R", "bottom", -1))
	next.Fetched = next.Fetched.Add(time.Minute)
	u.Merge(next)
	if got := ids(u.Updates()); got != "n,p,q,r" {
		t.Fatalf("new undated update not on top: %s", got)
	}
}

func TestPrepareIDsHeadlinesKeyAndNoise(t *testing.T) {
	page := "https://example.test/live"
	s := &Snapshot{Link: page, Updates: []Update{
		{Link: page, Body: TextBody("Shared link one. More text.")},
		{Link: page, Body: TextBody("Shared link two.")},
		{Link: "https://example.test/live#post-3", Headline: "Own link", Body: TextBody("Three.\n\nAdvertisement")},
		{ID: "guid-4", Headline: "Tagged", Categories: []string{"Key event"}, Body: TextBody("Four.")},
		{ID: "guid-4", Headline: "Tagged", Categories: []string{"Key event"}, Body: TextBody("Four.")},
	}}
	s.Prepare()
	if len(s.Updates) != 4 {
		t.Fatalf("got %d updates, want the exact duplicate dropped", len(s.Updates))
	}
	if s.Updates[0].ID == page || s.Updates[1].ID == page || s.Updates[0].ID == s.Updates[1].ID {
		t.Fatalf("a shared link became an ID: %q %q", s.Updates[0].ID, s.Updates[1].ID)
	}
	if s.Updates[2].ID != "https://example.test/live#post-3" {
		t.Fatalf("unique link not used as ID: %q", s.Updates[2].ID)
	}
	if s.Updates[0].Headline != "Shared link one." {
		t.Fatalf("headline fallback = %q", s.Updates[0].Headline)
	}
	if strings.Contains(s.Updates[2].Text, "Advertisement") {
		t.Fatal("page noise kept")
	}
	if !s.Updates[3].Key {
		t.Fatal("key event category not flagged")
	}
}

func TestHeadlineFixKeepsIdentity(t *testing.T) {
	s := NewStory()
	first := Update{Published: t0, Headline: "Docters strike", Body: TextBody("Thousands walk out.")}
	s.Merge(snap(first))
	fixed := first
	fixed.Headline = "Doctors strike"
	ch := s.Merge(snap(fixed))
	if len(ch.New) != 0 || len(ch.Removed) != 0 || len(ch.Edited) != 1 {
		t.Fatalf("headline fix: new %d removed %d edited %d", len(ch.New), len(ch.Removed), len(ch.Edited))
	}
}

func TestHeadlineFromText(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, tc := range []struct{ in, want string }{
		{"Short one. Then more.", "Short one."},
		{"No full stop here", "No full stop here"},
		{"First line\nsecond line", "First line"},
		{"Dr. Porter spoke. Then left.", "Dr. Porter spoke."},
		{"Talks end at 5 p.m. today", "Talks end at 5 p.m. today"},
	} {
		if got := HeadlineFromText(tc.in); got != tc.want {
			t.Errorf("HeadlineFromText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	got := HeadlineFromText(long)
	if !strings.HasSuffix(got, "…") || len([]rune(got)) > HeadlineLimit {
		t.Errorf("long headline = %q", got)
	}
}

func TestRestoreKeepsOrderAndFlags(t *testing.T) {
	s := NewStory()
	s.Merge(snap(upd("b", "B", "two", 20), upd("a", "A", "one", 10)))
	s.Merge(snap(upd("b", "B", "two, corrected", 20), upd("a", "A", "one", 10)))
	var saved []Update
	for _, u := range s.Updates() {
		saved = append(saved, *u)
	}
	r := Restore(s.Meta(), saved)
	if ids(r.Updates()) != "b,a" || !r.ByID("b").Edited || r.ByID("b").Previous == nil || r.Title != s.Title {
		t.Fatalf("restore lost data: %s", ids(r.Updates()))
	}
	ch := r.Merge(snap(upd("c", "C", "three", 30), upd("b", "B", "two, corrected", 20)))
	if ids(ch.New) != "c" || ids(r.Updates()) != "c,b,a" || r.Index("a") != 2 {
		t.Fatalf("merge after restore: new %q order %s", ids(ch.New), ids(r.Updates()))
	}
}

// TestHandedOutUpdatesNeverChange: an edit, a removal, a return or a
// bumped time puts a new update in the old one's place, so what a reader
// holds (a saved copy, an index being built) stays as it was.
func TestHandedOutUpdatesNeverChange(t *testing.T) {
	s := NewStory()
	s.Merge(snap(upd("c", "C", "three", 30), upd("b", "B", "two", 20), upd("a", "A", "one", 10)))
	held := append([]*Update(nil), s.Updates()...)
	copies := make([]Update, len(held))
	for i, u := range held {
		copies[i] = *u
	}
	edited := upd("c", "C", "three, corrected", 30)
	bumped := upd("a", "A", "one", 10)
	bumped.Updated = t0.Add(time.Hour)
	ch := s.Merge(snap(edited, bumped)) // b vanishes inside the window
	if ids(ch.Edited) != "c" || ids(ch.Removed) != "b" {
		t.Fatalf("edited %q, removed %q", ids(ch.Edited), ids(ch.Removed))
	}
	s.Merge(snap(edited, upd("b", "B", "two", 20), bumped)) // b returns
	for i, u := range held {
		if u.Text != copies[i].Text || u.Removed != copies[i].Removed || u.Edited != copies[i].Edited || !u.Updated.Equal(copies[i].Updated) {
			t.Fatalf("update %s changed after it was handed out", u.ID)
		}
	}
	if got := s.ByID("c"); got == held[0] || !got.Edited || got.Seq() != held[0].Seq() || s.Index("c") != 0 {
		t.Fatal("the edit did not take the old update's place")
	}
	if got := s.ByID("a"); !got.Updated.Equal(t0.Add(time.Hour)) || s.At(2) != got {
		t.Fatal("the bumped time did not take the old update's place")
	}
	if s.ByID("b").Removed || s.At(1) != s.ByID("b") {
		t.Fatal("the returned update is not in place")
	}
}

func TestAnIDTwiceInOneSnapshot(t *testing.T) {
	hashed := func(text string, h uint64) Update {
		u := upd("a", "A", text, 10)
		u.Hash = h
		return u
	}
	s := NewStory()
	s.Merge(&Snapshot{Updates: []Update{hashed("one", 1)}})
	ch := s.Merge(&Snapshot{Updates: []Update{hashed("one, again", 2), hashed("one, thrice", 3)}})
	if s.Len() != 1 || ids(ch.Edited) != "a" || s.ByID("a").Hash != 2 {
		t.Fatalf("story %s, edited %q", ids(s.Updates()), ids(ch.Edited))
	}
}

// TestMergePacksWhatItKeeps: a story keeps its own packed copy of the text
// of what it merges, spans found in the plain text rather than copied, and
// nothing it holds is shared with the snapshot.
func TestMergePacksWhatItKeeps(t *testing.T) {
	in := upd("a", "Picket lines form", "", 10)
	in.Body = Body{Blocks: []Block{
		{Kind: Paragraph, Spans: []Span{{Text: "Doctors walk out "}, {Text: "at 8am", Style: Strong}, {Text: "."}}},
		{Kind: Bullet, Spans: []Span{{Text: "Cover holds", Style: LinkText, Ref: 1}}},
	}, Links: []string{"https://news.example/cover"}}
	in.Categories = []string{"Key event"}
	sn := snap(in)
	s := NewStory()
	s.Merge(sn)
	u := s.ByID("a")
	if u.Text != sn.Updates[0].Text || u.Body.Blocks[1].Spans[0].Text != "Cover holds" || u.Headline != "Picket lines form" {
		t.Fatalf("packed update differs: %q", u.Text)
	}
	sn.Updates[0].Body.Blocks[0].Spans[0].Text = "changed"
	sn.Updates[0].Body.Links[0] = "changed"
	sn.Updates[0].Categories[0] = "changed"
	if u.Body.Blocks[0].Spans[0].Text != "Doctors walk out " || u.Body.Links[0] != "https://news.example/cover" || u.Categories[0] != "Key event" {
		t.Fatal("the story shares its update's slices with the snapshot")
	}
	text := unsafe.StringData(u.Text)
	span := unsafe.StringData(u.Body.Blocks[0].Spans[1].Text)
	if uintptr(unsafe.Pointer(span)) < uintptr(unsafe.Pointer(text)) || uintptr(unsafe.Pointer(span)) >= uintptr(unsafe.Pointer(text))+uintptr(len(u.Text)) {
		t.Fatal("a span of the body was copied rather than found in the plain text")
	}
}

// TestPreparePacksTheText: a prepared update's text is packed, its spans
// found in its plain text; a story's first merge keeps that text where it
// is, and a later merge copies what it keeps into the story's own buffers,
// so that a few new updates do not hold on to a whole reading.
func TestPreparePacksTheText(t *testing.T) {
	within := func(s, text string) bool {
		p, from := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
		return p >= from && p+uintptr(len(s)) <= from+uintptr(len(text))
	}
	in := upd("a", "Picket lines form", "", 10)
	in.Body = Body{Blocks: []Block{
		{Kind: Paragraph, Spans: []Span{{Text: "Doctors walk out "}, {Text: "at 8am", Style: Strong}, {Text: "."}}},
		{Kind: Numbered, Number: 2, Spans: []Span{{Text: "Cover holds", Style: LinkText, Ref: 1}}},
	}, Links: []string{"https://news.example/cover"}}
	first := snap(in, upd("b", "Talks", "Talks resume at noon.", 20))
	pu := &first.Updates[0]
	for _, bl := range pu.Body.Blocks {
		for _, sp := range bl.Spans {
			if !within(sp.Text, pu.Text) {
				t.Fatalf("span %q is not in the prepared text %q", sp.Text, pu.Text)
			}
		}
	}
	s := NewStory()
	s.Merge(first)
	u := s.ByID("a")
	if unsafe.StringData(u.Text) != unsafe.StringData(pu.Text) || !within(u.Body.Blocks[1].Spans[0].Text, pu.Text) {
		t.Error("the first merge copied the text Prepare packed")
	}
	if &u.Body.Blocks[0] == &pu.Body.Blocks[0] || &u.Body.Links[0] == &pu.Body.Links[0] {
		t.Error("the first merge shares the body's slices with the snapshot")
	}
	later := snap(upd("c", "Rotas", "New rotas are published.", 30), upd("b", "Talks", "Talks resume at noon.", 20))
	s.Merge(later)
	if c := s.ByID("c"); unsafe.StringData(c.Text) == unsafe.StringData(later.Updates[0].Text) || c.Text != "New rotas are published." {
		t.Errorf("a later merge kept the snapshot's text %q rather than a copy", c.Text)
	}
}

// The content and fallback hashes are kept in saved states: they are
// hash/fnv's FNV-1a, computed without copying the text.
func TestHashesAreFNV1a(t *testing.T) {
	sum := func(parts ...string) uint64 {
		h := fnv.New64a()
		for _, p := range parts {
			h.Write([]byte(p))
		}
		return h.Sum64()
	}
	for _, c := range [][2]string{{"", ""}, {"Strike day", "Doctors walk out at 8am."}, {"“Quotes” – é", strings.Repeat("long text ", 50)}} {
		if got, want := contentHash(c[0], c[1]), sum(c[0], "\x00", c[1]); got != want {
			t.Errorf("contentHash(%q, %q) = %x, want %x", c[0], c[1], got, want)
		}
		long := strings.Repeat(c[1], 3)
		if got, want := fallbackHash(t0, long, c[0]), sum(t0.Format(time.RFC3339), "\x00", long[:min(120, len(long))]); got != want && long != "" {
			t.Errorf("fallbackHash(%q) = %x, want %x", long, got, want)
		}
		if got, want := fallbackHash(time.Time{}, "", c[0]), sum("\x00", c[0][:min(120, len(c[0]))]); got != want {
			t.Errorf("fallbackHash of headline %q = %x, want %x", c[0], got, want)
		}
	}
}

// A large snapshot is prepared over the cores, with the same result as
// one update after another: same updates kept, same IDs, text and hashes.
func TestPrepareOverTheCoresAsInTurn(t *testing.T) {
	build := func() *Snapshot {
		s := &Snapshot{Link: "https://news.example/live"}
		for i := range 3000 {
			u := upd(fmt.Sprintf("u%d", i), fmt.Sprintf("Update %d", i), fmt.Sprintf("Text of update %d.\n\nSecond paragraph.", i%2900), i)
			switch i % 7 {
			case 1:
				u.ID = "" // named by its link or its text
				u.Link = fmt.Sprintf("https://news.example/live#p%d", i%1500)
			case 2:
				u.ID = "dup"
			case 3:
				u.Body, u.Headline = Body{}, " " // nothing to show
			case 4:
				u.Categories = []string{"Key event"}
			}
			s.Updates = append(s.Updates, u)
		}
		return s
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	inTurn := build()
	inTurn.Prepare()
	runtime.GOMAXPROCS(4)
	over := build()
	over.Prepare()
	if len(over.Updates) < 2000 || !reflect.DeepEqual(over.Updates, inTurn.Updates) {
		t.Fatalf("prepared over the cores: %d updates, in turn: %d, or they differ", len(over.Updates), len(inTurn.Updates))
	}
}
