package model

import "testing"

func TestJoinPages(t *testing.T) {
	first := &Snapshot{Updates: []Update{{ID: "f"}, {ID: "e"}}}
	j := JoinPages(first)
	added := j.Add(&Snapshot{Total: 6, Updates: []Update{{ID: "e"}, {ID: "d"}, {ID: "c"}}})
	if len(added) != 2 || added[0].ID != "d" || added[1].ID != "c" {
		t.Fatalf("added %+v", added)
	}
	if added = j.Add(&Snapshot{Total: 9, Updates: []Update{{ID: "c"}, {ID: "b"}, {ID: "b"}}}); len(added) != 1 || added[0].ID != "b" {
		t.Fatalf("added %+v", added)
	}
	var ids string
	for _, u := range first.Updates {
		ids += u.ID
	}
	if ids != "fedcb" {
		t.Errorf("joined %q", ids)
	}
	if first.Total != 6 {
		t.Errorf("total %d: the first page that states one wins", first.Total)
	}
}
