package gen

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

func TestFeed(t *testing.T) {
	a := Feed(50, 100)
	if !bytes.Equal(a, Feed(50, 100)) {
		t.Fatal("not deterministic")
	}
	if n := bytes.Count(a, []byte("<item>")); n != 50 {
		t.Fatalf("%d items", n)
	}
	if i, j := bytes.Index(a, []byte("gen-149<")), bytes.Index(a, []byte("gen-100<")); i < 0 || j < i {
		t.Error("not newest first")
	}
	d := xml.NewDecoder(bytes.NewReader(a))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatal(err)
			}
			break
		}
	}
	for i := range 30 {
		if n := len(Item(i).HTML); n < 450 || n > 800 {
			t.Errorf("update %d body is %d bytes", i, n)
		}
		if !strings.Contains(Item(i).HTML, "<a href") {
			t.Errorf("update %d has no link", i)
		}
	}
}
