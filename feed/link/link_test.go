package link

import (
	"net/url"
	"strings"
	"testing"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestResolveSchemeRule: only http and https addresses with a host are
// kept, whatever the base and however the link is written.
func TestResolveSchemeRule(t *testing.T) {
	for _, tc := range []struct{ name, base, ref, want string }{
		{"absolute https", "", "https://a.example/live", "https://a.example/live"},
		{"absolute http kept as written", "https://b.example/", "HTTP://a.example/x/../y#p3", "HTTP://a.example/x/../y#p3"},
		{"trimmed", "", "  https://a.example/  ", "https://a.example/"},
		{"relative against base", "https://a.example/live/today", "../feed.xml", "https://a.example/feed.xml"},
		{"fragment against base", "https://a.example/live", "#post-3", "https://a.example/live#post-3"},
		{"scheme-relative", "https://a.example/live", "//cdn.example/f", "https://cdn.example/f"},
		{"relative without base", "", "/live/talks", ""},
		{"fragment without base", "", "#p3", ""},
		{"empty", "https://a.example/", "", ""},
		{"blank", "https://a.example/", "   ", ""},
		{"javascript", "https://a.example/", "javascript:alert(1)", ""},
		{"mailto", "https://a.example/", "mailto:desk@a.example", ""},
		{"file", "", "file:///etc/passwd", ""},
		{"file against a web base", "https://a.example/", "file:///etc/passwd", ""},
		{"ftp", "", "ftp://a.example/x", ""},
		{"data", "", "data:text/html,<b>x</b>", ""},
		{"no host", "", "https:///path", ""},
		{"no host, opaque", "https://a.example/", "http:foo", ""},
		{"relative against a file base", "file:///home/me/page.html", "next.html", ""},
		{"unparseable", "", "https://a.example/%zz", ""},
		{"too long", "", "https://a.example/" + strings.Repeat("a", MaxLen), ""},
		{"control sequences stripped", "", "https://a.example/\x1b[31mlive\u202e", "https://a.example/live"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Resolve(mustURL(t, tc.base), tc.ref); got != tc.want {
				t.Errorf("Resolve(%q, %q) = %q, want %q", tc.base, tc.ref, got, tc.want)
			}
		})
	}
}

func TestAddressDropsTheFragment(t *testing.T) {
	base := mustURL(t, "https://a.example/live")
	for ref, want := range map[string]string{
		"/older#top":                     "https://a.example/older",
		"https://b.example/feed.xml#x":   "https://b.example/feed.xml",
		"?page=2":                        "https://a.example/live?page=2",
		"file:///etc/passwd":             "",
		"https://b.example/feed.xml?q=1": "https://b.example/feed.xml?q=1",
	} {
		if got := Address(base, ref); got != want {
			t.Errorf("Address(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestBase(t *testing.T) {
	for addr, want := range map[string]string{
		"https://a.example/live?page=2": "https://a.example/live?page=2",
		"HTTP://a.example/feed":         "http://a.example/feed",
		"/home/me/saved.xml":            "",
		"saved.xml":                     "",
		"-":                             "",
		"file:///home/me/saved.xml":     "",
	} {
		got := ""
		if u := Base(addr); u != nil {
			got = u.String()
		}
		if got != want {
			t.Errorf("Base(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestIsWeb(t *testing.T) {
	for s, want := range map[string]bool{
		"https://a.example": true, "HTTP://A.EXAMPLE": true, "http:/x": false,
		"file:///x": false, "-": false, "saved.xml": false, "": false,
	} {
		if IsWeb(s) != want {
			t.Errorf("IsWeb(%q) = %v", s, !want)
		}
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("https://a.example/live", "../x#y")
	f.Add("", "javascript:alert(1)")
	f.Add("https://a.example/", "//\x1b]0;x\x07host/")
	f.Fuzz(func(t *testing.T, base, ref string) {
		b, err := url.Parse(base)
		if err != nil {
			b = nil
		}
		got := Resolve(b, ref)
		if got == "" {
			return
		}
		u, err := url.Parse(got)
		if err != nil || !Allowed(u) {
			t.Fatalf("Resolve(%q, %q) = %q, which is not an allowed address", base, ref, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
				t.Fatalf("control character in %q", got)
			}
		}
	})
}
