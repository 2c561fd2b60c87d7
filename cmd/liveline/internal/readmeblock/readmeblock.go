// Package readmeblock keeps the README's generated lists in step with the
// code they describe, for the tests of the packages that own those lists.
package readmeblock

import (
	"os"
	"strings"
	"testing"
)

// Block is one generated list: the text between the marker lines Start
// and End must be Want.
type Block struct {
	Start, End, Want string
}

// Check reports each block of the file at path whose text is out of date,
// naming rerun (the command that rewrites it); with update it rewrites
// them instead.
func Check(t testing.TB, path string, blocks []Block, update bool, rerun string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, b := range blocks {
		i, j := strings.Index(doc, b.Start), strings.Index(doc, b.End)
		if i < 0 || j < i {
			t.Fatalf("the README has no block between %q and %q", b.Start, b.End)
		}
		i += len(b.Start)
		if doc[i:j] == b.Want {
			continue
		}
		if !update {
			t.Errorf("the README's list after %q is out of date; run %s", strings.TrimSpace(b.Start), rerun)
			continue
		}
		doc = doc[:i] + b.Want + doc[j:]
	}
	if update && doc != string(data) {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
