package main

import (
	"slices"
	"testing"
)

func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"liveline dump --format json feed.xml", []string{"liveline", "dump", "--format", "json", "feed.xml"}},
		{`  env HOME='a b' newsboat -u "x y"  `, []string{"env", "HOME=a b", "newsboat", "-u", "x y"}},
		{`a '' b`, []string{"a", "", "b"}},
	} {
		got, err := splitWords(tc.in)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("splitWords(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := splitWords(`a "b`); err == nil {
		t.Error("an open quote was accepted")
	}
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want target
	}{
		{"json:wall<=1.2", target{name: "json", metric: "wall", op: "<=", limit: 1.2, ref: "parse"}},
		{"text:cpu<1@newsboat", target{name: "text", metric: "cpu", op: "<", limit: 1, ref: "newsboat"}},
		{"json:rss<=1.5", target{name: "json", metric: "rss", op: "<=", limit: 1.5, ref: "parse"}},
	} {
		got, err := parseTarget(tc.spec, "parse")
		tc.want.spec = tc.spec
		if err != nil || got != tc.want {
			t.Errorf("parseTarget(%q) = %+v, %v; want %+v", tc.spec, got, err, tc.want)
		}
	}
	for _, bad := range []string{"json", "json:speed<=1", "json:wall<=fast", "json:wall=1"} {
		if _, err := parseTarget(bad, "parse"); err == nil {
			t.Errorf("parseTarget(%q) accepted", bad)
		}
	}
}
