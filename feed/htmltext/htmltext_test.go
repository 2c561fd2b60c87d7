package htmltext

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/model"
)

func TestParseBlocks(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text", "First para.\n\nSecond  para\nwraps.", "First para.\n\nSecond para wraps."},
		{"entities only", "Fish &amp; chips", "Fish & chips"},
		{"paragraphs", "<p>One</p>\n<p>Two <b>bold</b> end</p>", "One\n\nTwo bold end"},
		{"br", "line one<br>line two", "line one\n\nline two"},
		{"bullets", "<p>In numbers:</p><ul><li>26,000 rostered</li><li><p>39% turned up</p></li></ul>", "In numbers:\n\n- 26,000 rostered\n- 39% turned up"},
		{"ordered", "<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"},
		{"nested", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"},
		{"quote", "<blockquote><p>We are ready for talks.</p></blockquote><p>After</p>", "> We are ready for talks.\n\nAfter"},
		{"heading", "<h2>Latest</h2><p>text</p>", "Latest\n\ntext"},
		{"pre", "<pre>  a  b\n  c</pre>", "  a  b\n  c"},
		{"script and style", "<p>keep</p><script>alert(1)</script><style>p{}</style><p>this</p>", "keep\n\nthis"},
		{"link", `<p>Read <a href="https://example.test/report">the report</a> now.</p>`, "Read the report [1] now."},
		{"javascript link dropped", `<p><a href="javascript:alert(1)">x</a></p>`, "x"},
		{"escape in entity", "<p>a&#27;[31mb</p>", "ab"},
		{"raw escape", "<p>a\x1b[31mb\x1b]0;t\x07c</p>", "abc"},
		{"whitespace", "<p>  spaced   <em>out</em>  words </p>", "spaced out words"},
		{"unclosed", "<p>open <b>bold", "open bold"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.in, nil).PlainText()
			if got != tc.want {
				t.Errorf("Parse(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseStylesAndLinks(t *testing.T) {
	base, _ := url.Parse("https://news.example.test/live/strike")
	b := Parse(`<p>The <strong>BMA</strong> said <em>"any time"</em>; see <a href="/report">report</a> and <a href="/report">again</a>, <code>x=1</code>.</p>`, base)
	if len(b.Blocks) != 1 {
		t.Fatalf("blocks = %d", len(b.Blocks))
	}
	if len(b.Links) != 1 || b.Links[0] != "https://news.example.test/report" {
		t.Fatalf("links = %q", b.Links)
	}
	var styles []model.SpanStyle
	for _, s := range b.Blocks[0].Spans {
		styles = append(styles, s.Style)
		if s.Style&model.LinkText != 0 && s.Ref != 1 {
			t.Fatalf("link span ref = %d", s.Ref)
		}
	}
	want := []model.SpanStyle{0, model.Strong, 0, model.Emphasis, 0, model.LinkText, 0, model.LinkText, 0, model.Code, 0}
	if len(styles) != len(want) {
		t.Fatalf("styles = %v, want %v", styles, want)
	}
	for i := range want {
		if styles[i] != want[i] {
			t.Fatalf("styles = %v, want %v", styles, want)
		}
	}
}

func TestListNumbersAndDepth(t *testing.T) {
	b := Parse("<ol><li>a</li><li>b<ol><li>c</li></ol></li></ol>", nil)
	got := []model.Block{}
	got = append(got, b.Blocks...)
	if len(got) != 3 || got[1].Number != 2 || got[2].Depth != 1 || got[2].Number != 1 {
		t.Fatalf("blocks = %+v", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<ul><li>x</li></ul>", "<a href='http://x'>y</a>", "a&#27;b", "<pre>\x1b[1m</pre>", "<blockquote><ol><li>q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := Parse(s, nil)
		text := b.PlainText()
		for _, r := range text {
			if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f {
				t.Fatalf("control %U in %q", r, text)
			}
		}
		for _, bl := range b.Blocks {
			for _, sp := range bl.Spans {
				if sp.Ref < 0 || sp.Ref > len(b.Links) {
					t.Fatalf("span ref %d out of %d links", sp.Ref, len(b.Links))
				}
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	body := strings.Repeat(`<p>Around <strong>4,000</strong> operations were cancelled, according to <a href="https://example.test/nhs">NHS England</a>.</p><ul><li>26,000 rostered</li><li>39% turned up</li></ul>`, 3)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Parse(body, nil)
	}
}

func TestSpacingAroundInlineElements(t *testing.T) {
	for in, want := range map[string]string{
		"<p>ठ<b>x</b></p>":                "ठx",
		"<p>a&nbsp;<b>b</b></p>":          "a b",
		"<p>a\n  <b>b</b>\tc  d</p>":      "a b c d",
		"<p>  lead <i>mid</i> trail </p>": "lead mid trail",
	} {
		if got := Parse(in, nil).PlainText(); got != want {
			t.Errorf("Parse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestManyLinksKeepTheirNumbers(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, `<a href="https://e.example/%d">l%d</a> `, i%25, i)
	}
	body := Parse("<p>"+b.String()+"</p>", nil)
	if len(body.Links) != 25 {
		t.Fatalf("%d links, want 25", len(body.Links))
	}
	for _, sp := range body.Blocks[0].Spans {
		var i int
		if _, err := fmt.Sscanf(sp.Text, "l%d", &i); err != nil {
			continue
		}
		if want := fmt.Sprintf("https://e.example/%d", i%25); body.Links[sp.Ref-1] != want {
			t.Errorf("%s refers to %s, want %s", sp.Text, body.Links[sp.Ref-1], want)
		}
	}
}

func TestTagNamesAnyCase(t *testing.T) {
	got := Parse("<P>one</P ><UL\n><LI>two</li></ul><Script>x</SCRIPT><BlockQuote><p>three</p></BLOCKQUOTE>", nil).PlainText()
	if want := "one\n\n- two\n\n> three"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The scanner reads what it accepts as x/net/html's Tokenizer does: the
// two build the same body from every fragment the scanner takes on.
func FuzzScannerMatchesTokenizer(f *testing.F) {
	for _, s := range []string{
		`<p>Around <strong>4,000</strong> operations were cancelled, according to <a href="https://example.test/nhs?a=1&amp;b=2">NHS England</a>.</p><ul><li>26,000 rostered</li><li>39% turned up</li></ul>`,
		"<p>a < b <3 and a<</p>", "<P CLASS=x>one</P ><UL\n><LI>two</li></ul>", "<br/><br /><p a=/>x</p><img src=x/>",
		`<a HREF='/x' href="/y">y</a><a href=/z>z</a><a href>e</a><a =x href = "q" >q</a>`, "<p>&amp; &lt;b&gt; &copy &notit; &#27;</p>",
		"<blockquote><p>We are ready.</p></blockquote>", "<pre>  a\n  b</pre>", "<p>x<!-- c --></p>", "<p>x</ p>", "<script>a<b</script>",
		"<p>cut <b", "<a href=\"x", "text only <", "<td>a</td><td>b</td>", "<a a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 href=x>m</a>",
		"<ul><li><p>x</p></li></ul><ol><li>a<ol><li>b</li></ol></li></ol>", "<h2>Latest</h2>\n<p>text</p>\r\n", "<p>\x00</p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		simple, ok := parseSimple(s, nil)
		if !ok {
			return
		}
		if tokens := parseTokens(s, nil); !reflect.DeepEqual(simple, tokens) {
			t.Errorf("%q:\nscanner   %+v\ntokenizer %+v", s, simple, tokens)
		}
	})
}

// The scanner takes on the markup feeds carry, links with query strings
// and self-closing tags among it.
func TestScannerReadsCommonMarkup(t *testing.T) {
	for _, s := range []string{
		`<p>Around <strong>4,000</strong> were <em>cancelled</em>, says <a href="https://e.test/r?a=1&amp;b=2">NHS England</a>.</p>`,
		`<ul><li>26,000 rostered</li></ul><br/><img src="x.jpg" alt="A picket"/><blockquote><p>Quote</p></blockquote>`,
	} {
		if _, ok := parseSimple(s, nil); !ok {
			t.Errorf("the scanner left %q to the tokenizer", s)
		}
	}
}
