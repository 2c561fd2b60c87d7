package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed/state"
	"github.com/liveline-tui/liveline/model"
)

// runIn runs liveline in process with the environment variables given,
// and returns its exit code and output.
func runIn(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, location: time.UTC,
		getenv: func(k string) string { return vars[k] }}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code = run(ctx, args, env)
	return code, out.String(), errOut.String()
}

func TestRecentListsTheStoriesReadNewestFirst(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"HOME": home}
	code, out, errOut := runIn(t, vars, "recent")
	if code != 0 || out != "" || !strings.Contains(errOut, "no story read yet") {
		t.Fatalf("with no state: exit %d, out %q, err %q", code, out, errOut)
	}

	dir, err := state.Dir(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	save := func(source, title string, saved time.Time, read ...string) {
		t.Helper()
		snap := &model.Snapshot{Title: title, Updates: []model.Update{
			{ID: "a", Headline: "One", Body: model.TextBody("one"), Published: at},
			{ID: "b", Headline: "Two", Body: model.TextBody("two"), Published: at.Add(time.Minute)},
		}}
		snap.Prepare()
		story := model.NewStory()
		story.Merge(snap)
		s := state.Capture(source, story)
		s.Read, s.Saved = read, saved
		if err := state.Save(dir, source, s); err != nil {
			t.Fatal(err)
		}
	}
	save("https://news.example/live/strike", "Rail strike: the second day of walkouts across the whole network", at, "a")
	save("/feeds/budget.xml", "Budget \x1b[31mday", at.Add(26*time.Hour), "a", "b")

	code, out, errOut = runIn(t, vars, "recent")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "LAST READ         UNREAD  TITLE                                     SOURCE\n" +
		"2026-11-26 11:00       0  Budget day                                /feeds/budget.xml\n" +
		"2026-11-25 09:00       1  Rail strike: the second day of walkouts…  https://news.example/live/strike\n"
	if out != want {
		t.Errorf("recent printed\n%s\nwant\n%s", out, want)
	}

	if code, _, errOut := runIn(t, vars, "recent", "extra"); code != 2 || !strings.Contains(errOut, "recent takes no argument") {
		t.Errorf("recent with an argument: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runIn(t, map[string]string{}, "recent"); code != 1 || !strings.Contains(errOut, "neither XDG_STATE_HOME nor HOME is set") {
		t.Errorf("recent with nowhere to look: exit %d, %q", code, errOut)
	}
}
