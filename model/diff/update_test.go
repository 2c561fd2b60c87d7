package diff

import (
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

func TestEdit(t *testing.T) {
	at := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	read := func(headline, text string) *model.Snapshot {
		s := &model.Snapshot{Updates: []model.Update{{ID: "a", Headline: headline, Body: model.TextBody(text), Published: at}}}
		s.Prepare()
		return s
	}
	st := model.NewStory()
	st.Merge(read("Talks resume", "Union and operator meet at ten.\n\nNo trains run."))
	if _, _, ok := Edit(st.ByID("a")); ok {
		t.Error("an update never edited has a diff")
	}
	st.Merge(read("Talks resume", "Union and operator meet at eleven.\n\nNo trains run."))
	h, txt, ok := Edit(st.ByID("a"))
	if !ok || Changed(h) || show(h) != "Talks resume" {
		t.Errorf("headline: %v %s", ok, show(h))
	}
	if want := "Union and operator meet at [-ten-]{+eleven+}.\n\nNo trains run."; show(txt) != want {
		t.Errorf("text:\n got %s\nwant %s", show(txt), want)
	}
	if _, _, ok := Edit(nil); ok {
		t.Error("nil update has a diff")
	}
}
