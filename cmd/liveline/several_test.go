package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed/fetch"
	"github.com/liveline-tui/liveline/feed/source"
	"github.com/liveline-tui/liveline/model"
)

func TestDumpTextHasASectionPerStory(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	code, out, errOut := runCmd(t, "", "dump", repoFile("strike.xml"), missing, repoFile("strike.json"))
	if code != 1 {
		t.Fatalf("exit %d, want 1 for the missing source; stderr %s", code, errOut)
	}
	if !strings.Contains(errOut, "missing.xml: no such file") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q, want one line on the missing source", errOut)
	}
	var heads []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "==> ") {
			heads = append(heads, line)
		}
	}
	want := []string{"==> " + repoFile("strike.xml") + " <==", "==> " + repoFile("strike.json") + " <=="}
	if strings.Join(heads, "\n") != strings.Join(want, "\n") {
		t.Fatalf("section heads %q, want %q", heads, want)
	}
	if !strings.HasPrefix(out, want[0]+"\n") {
		t.Errorf("output does not start with the first story's head: %q", out[:min(len(out), 80)])
	}
	// Each section is the story as a dump of it alone prints it.
	_, alone, _ := runCmd(t, "", "dump", repoFile("strike.json"))
	if !strings.HasSuffix(out, "\n\n"+want[1]+"\n"+alone) {
		t.Errorf("the second section differs from a dump of that story alone")
	}
}

func TestDumpJSONOfSeveralIsAnArrayOfStories(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	code, out, errOut := runCmd(t, "", "dump", "--format", "json", repoFile("strike.atom"), missing, repoFile("strike.xml"))
	if code != 1 || !strings.Contains(errOut, "missing.xml") {
		t.Fatalf("exit %d, stderr %q; want 1 and the missing source named", code, errOut)
	}
	var stories []map[string]any
	if err := json.Unmarshal([]byte(out), &stories); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	if len(stories) != 2 || stories[0]["story"] != repoFile("strike.atom") || stories[1]["story"] != repoFile("strike.xml") {
		t.Fatalf("stories %d, named %v and %v; want the two readable ones in order", len(stories), stories[0]["story"], stories[len(stories)-1]["story"])
	}
	// Each element is the single-story object, with the source added.
	_, alone, _ := runCmd(t, "", "dump", "--format", "json", repoFile("strike.xml"))
	var single map[string]any
	if err := json.Unmarshal([]byte(alone), &single); err != nil {
		t.Fatal(err)
	}
	if _, named := single["story"]; named {
		t.Error("a dump of one source names it; it should keep the object it always printed")
	}
	single["story"] = repoFile("strike.xml")
	a, _ := json.Marshal(single)
	b, _ := json.Marshal(stories[1])
	if !bytes.Equal(a, b) {
		t.Error("an element of the array differs from the story dumped alone")
	}

	code, out, _ = runCmd(t, "", "dump", "--format", "json", missing, missing+"2")
	if code != 1 || strings.TrimSpace(out) != "[]" {
		t.Errorf("every source failing: exit %d, output %q; want 1 and an empty array", code, out)
	}
}

// TestDumpFollowSeveral follows two feeds growing at different times and
// a file that is not there (yet): its errors are reported as it is
// watched, and the others are followed all the same.
func TestDumpFollowSeveral(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			a, b := &growingFeed{}, &growingFeed{}
			a.add(1)
			b.add(1)
			srvA, srvB := httptest.NewServer(a), httptest.NewServer(b)
			defer srvA.Close()
			defer srvB.Close()
			var out, errOut syncBuffer
			env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, location: time.UTC, getenv: func(string) string { return "" }}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan int)
			missing := filepath.Join(t.TempDir(), "missing.xml")
			args := []string{"dump", "--follow", "--format", format, "--interval", "100ms", srvA.URL + "/a", missing, srvB.URL + "/b"}
			go func() { done <- run(ctx, args, env) }()
			waitUntil(t, func() bool { return strings.Count(out.String(), "Picket report number 1") == 2 })
			b.add(2)
			waitUntil(t, func() bool { return strings.Contains(out.String(), "Picket report number 2") })
			a.add(2)
			a.add(3)
			waitUntil(t, func() bool { return strings.Contains(out.String(), "Picket report number 3") })
			cancel()
			if code := <-done; code != 1 {
				t.Errorf("exit %d, want 1: one source could never be read", code)
			}
			if !strings.Contains(errOut.String(), "missing.xml: no such file") {
				t.Errorf("stderr %q does not name the source that failed", errOut.String())
			}
			if format == "text" {
				checkFollowText(t, out.String(), srvA.URL+"/a", srvB.URL+"/b")
			} else {
				checkFollowJSON(t, out.String(), srvA.URL+"/a", srvB.URL+"/b", missing)
			}
		})
	}
}

func checkFollowJSON(t *testing.T, out, a, b, missing string) {
	t.Helper()
	news := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct {
			Event, Story string
			Update       struct{ Headline string }
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if ev.Story != a && ev.Story != b && ev.Story != missing {
			t.Fatalf("line without its story: %s", line)
		}
		if ev.Event == "new" {
			news[ev.Story] = append(news[ev.Story], ev.Update.Headline)
		}
	}
	if got := strings.Join(news[a], ", "); got != "Picket report number 1, Picket report number 2, Picket report number 3" {
		t.Errorf("new in %s: %s", a, got)
	}
	if got := strings.Join(news[b], ", "); got != "Picket report number 1, Picket report number 2" {
		t.Errorf("new in %s: %s", b, got)
	}
}

// checkFollowText checks that every run of lines is headed by its story,
// and that each story's updates come in order.
func checkFollowText(t *testing.T, out, a, b string) {
	t.Helper()
	story := ""
	news := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if head, ok := strings.CutPrefix(line, "==> "); ok {
			next := strings.TrimSuffix(head, " <==")
			if next == story {
				t.Errorf("a head repeats the story already shown: %q", line)
			}
			story = next
			continue
		}
		if strings.HasPrefix(line, "[new] ") {
			if story == "" {
				t.Fatalf("an update before any head: %q", line)
			}
			continue
		}
		if strings.HasPrefix(line, "Picket report number") {
			news[story] = append(news[story], line)
		}
	}
	if got := strings.Join(news[a], ", "); got != "Picket report number 1, Picket report number 2, Picket report number 3" {
		t.Errorf("new in %s: %s\n%s", a, got, out)
	}
	if got := strings.Join(news[b], ", "); got != "Picket report number 1, Picket report number 2" {
		t.Errorf("new in %s: %s\n%s", b, got, out)
	}
}

// TestFollowGoesOnWhenASourceCannotBeOpened follows the sources that
// open, and exits 1 at the end for the one that did not.
func TestFollowGoesOnWhenASourceCannotBeOpened(t *testing.T) {
	var out, errOut syncBuffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, location: time.UTC, getenv: func(string) string { return "" }}
	open := func(name string) (*source.Source, error) {
		if name == "broken" {
			return nil, errors.New("reading the recording broken: damaged beyond use")
		}
		return env.openSource(source.Classify(name), fetchFlags{maxSize: 1 << 20}, false, fetch.Validators{})
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- followAll(ctx, []string{"broken", repoFile("strike.xml")}, open, dumpOptions{format: "json"}, func(*model.Update) bool { return true }, env)
	}()
	waitUntil(t, func() bool { return strings.Contains(out.String(), `"event":"new"`) })
	cancel()
	if err := <-done; err != exitCode(1) {
		t.Errorf("followAll returned %v, want exit code 1", err)
	}
	if errOut.String() != "liveline: reading the recording broken: damaged beyond use\n" {
		t.Errorf("stderr %q", errOut.String())
	}

	if err := followAll(context.Background(), []string{"broken"}, open, dumpOptions{format: "json"}, nil, env); err == nil || err.Error() != "reading the recording broken: damaged beyond use" {
		t.Errorf("one source that cannot be opened: %v, want its error returned as it was", err)
	}
}
