package repair

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/feed/sniff"
)

func TestCleanBodyIsReturnedAsIs(t *testing.T) {
	for _, s := range []string{
		"",
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>Caf\u00e9 &amp; &#8217; &#x2014; &#9;</title></channel></rss>",
		"{\"title\": \"plain \\u001b JSON escapes are the JSON parser's business\"}",
		"<?xml version='1.0'?><feed/>",
	} {
		in := []byte(s)
		out := UTF8(in, "application/xml")
		if len(in) > 0 && &out[0] != &in[0] || len(out) != len(in) {
			t.Errorf("UTF8(%q) copied or changed a clean body: %q", s, out)
		}
	}
}

func TestCharsets(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		ct   string
		want string // a substring of the result
	}{
		{"utf-8 BOM", []byte("\xEF\xBB\xBF<rss>caf\xC3\xA9</rss>"), "", "<rss>café</rss>"},
		{"utf-16le BOM", utf16le("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss>café</rss>"), "", `encoding="utf-8"?><rss>café</rss>`},
		{"utf-16be BOM", utf16be("\uFEFF<rss>café</rss>"), "", "<rss>café</rss>"},
		{"utf-16le no BOM", utf16le("<rss>café</rss>"), "", "<rss>café</rss>"},
		{"latin-1 declared", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>caf\xE9 \xA33</t>"), "", `<?xml version="1.0" encoding="utf-8"?><t>café £3</t>`},
		{"single quotes in declaration", []byte("<?xml version='1.0' encoding = 'windows-1252'?><t>\x93q\x94</t>"), "", "encoding = 'utf-8'?><t>\u201cq\u201d</t>"},
		{"declaration wins over header", []byte("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>\xE9</t>"), "text/xml; charset=utf-8", "<t>é</t>"},
		{"header charset", []byte("<t>caf\xE9</t>"), "application/rss+xml; charset=ISO-8859-1", "<t>café</t>"},
		{"header koi8-r", []byte("<t>\xF0\xD2\xC9\xD7\xC5\xD4</t>"), "text/xml; charset=koi8-r", "<t>Привет</t>"},
		{"header says utf-8, bytes are latin-1", []byte("<t>caf\xE9</t>"), "text/xml; charset=utf-8", "<t>café</t>"},
		{"document says utf-8, bytes are broken", []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>caf\xE9</t>"), "", "<t>caf\uFFFD</t>"},
		{"unlabelled legacy bytes", []byte("<t>\x93smart\x94 \x96 caf\xE9</t>"), "", "<t>\u201csmart\u201d \u2013 café</t>"},
		{"mislabelled utf-8", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>caf\xC3\xA9</t>"), "", `encoding="utf-8"?><t>café</t>`},
		{"unknown label", []byte("<?xml version=\"1.0\" encoding=\"x-bogus\"?><t>ok</t>"), "", `encoding="utf-8"?><t>ok</t>`},
		{"ascii says utf-16", []byte("<?xml version=\"1.0\" encoding=\"UTF-16\"?><t>ok</t>"), "", `encoding="utf-8"?><t>ok</t>`},
		{"html meta charset", []byte("<!DOCTYPE html><html><head><meta charset=\"windows-1251\"></head><body>\xCF\xF0\xE8</body></html>"), "", "<body>При</body>"},
		{"html http-equiv", []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><p>caf\xE9</p>"), "text/html; charset=utf-8", "<p>café</p>"},
		{"invalid utf-8 with real utf-8", []byte("<t>caf\xC3\xA9 \xFF \xC3</t>"), "", "<t>café \uFFFD \uFFFD</t>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := UTF8(tt.in, tt.ct)
			if !utf8.Valid(out) {
				t.Fatalf("result is not UTF-8: %q", out)
			}
			if !bytes.Contains(out, []byte(tt.want)) {
				t.Errorf("got %q, want it to contain %q", out, tt.want)
			}
		})
	}
}

func TestForbiddenCharacters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a&#0;b", "ab"},
		{"a&#1;b&#x1f;c&#31;d", "abcd"},
		{"tab&#9;lf&#10;cr&#13;x&#x9;", "tab&#9;lf&#10;cr&#13;x&#x9;"},
		{"surrogate &#xD800; &#55296;!", "surrogate \uFFFD \uFFFD!"},
		{"range &#1114112; &#x110000; &#x10FFFF;", "range \uFFFD \uFFFD &#x10FFFF;"},
		{"huge &#99999999999999999999999999; ok", "huge \uFFFD ok"},
		{"nonchars &#xFFFE; &#xffff;", "nonchars \uFFFD \uFFFD"},
		{"raw \xEF\xBF\xBE x", "raw \uFFFD x"},
		{"csi &#27;[31mred&#27;[0m.", "csi red."},
		{"hex &#x1B;[1;2Hmove", "hex move"},
		{"osc &#x1b;]0;title&#7;after", "osc after"},
		{"osc st &#27;]8;;http://x/&#27;\\link&#27;]8;;&#27;\\ end", "osc st link end"},
		{"raw \x1b[31mred\x1b[0m \x07bell \x08bs", "raw red bell bs"},
		{"raw osc \x1b]52;c;ZXZpbA==\x07 gone", "raw osc  gone"},
		{"two \x1bc reset", "two  reset"},
		{"<t>\x1b]0;unterminated</t><u>kept</u>", "<t></t><u>kept</u>"},
		{"<![CDATA[\x1b]0;x]]><u>kept</u>", "<![CDATA[]]><u>kept</u>"},
		{"not refs &amp;#27; &# &#; &#x; &#12 &#xZZ;", "not refs &amp;#27; &# &#; &#x; &#12 &#xZZ;"},
		{"end &#27;", "end "},
		{"end \x1b", "end "},
		{"end \x1b[", "end "},
	}
	for _, tt := range tests {
		got := string(UTF8([]byte(tt.in), ""))
		if got != tt.want {
			t.Errorf("UTF8(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFixturesBecomeWellFormed checks that every test feed the repair pass
// can save is accepted by encoding/xml afterwards.
func TestFixturesBecomeWellFormed(t *testing.T) {
	for _, name := range []string{"latin1.xml", "cp1252-nodecl.xml", "bom.xml", "utf16le-bom.xml", "invalid-utf8.xml", "charref.xml", "escapes-raw.xml", "escapes-entities.xml"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bad", name))
			if err != nil {
				t.Fatal(err)
			}
			out := UTF8(in, "")
			if !utf8.Valid(out) {
				t.Fatalf("not UTF-8: %q", out)
			}
			if bytes.Contains(out, []byte{0x1b}) || bytes.Contains(out, []byte("&#27;")) {
				t.Errorf("escape left: %q", out)
			}
			d := xml.NewDecoder(bytes.NewReader(out))
			for {
				_, err := d.Token()
				if err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("not well-formed after repair: %v\n%s", err, out)
					}
					break
				}
			}
		})
	}
}

func FuzzUTF8(f *testing.F) {
	for _, s := range []string{
		"", "<rss/>", "\xEF\xBB\xBF<a>x</a>", "\xFF\xFE<\x00a\x00>\x00", "<?xml version=\"1.0\" encoding=\"latin1\"?><a>\xE9</a>",
		"&#27;[31m", "&#x1b;]0;t&#7;", "\x1b[1m\x1b]8;;u\x1b\\", "&#xD800;&#1114112;&#0;", "caf\xC3\xA9\xFF\xC3",
		"<html><meta charset=koi8-r><p>\xF0</p>", "&#99999999999999999999;", "<![CDATA[\x1b]0;x]]>",
	} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("<t>\xE9</t>"), "text/xml; charset=iso-8859-1")
	f.Fuzz(func(t *testing.T, in []byte, ct string) {
		orig := bytes.Clone(in)
		out := UTF8(in, ct)
		if !bytes.Equal(in, orig) {
			t.Fatal("input modified")
		}
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 out: %q", out)
		}
		for _, c := range out {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				t.Fatalf("control byte %#x left in %q", c, out)
			}
		}
		if strings.Contains(string(out), "\uFFFE") || strings.Contains(string(out), "\uFFFF") {
			t.Fatalf("non-character left in %q", out)
		}
		if again := UTF8(out, ""); !bytes.Equal(again, out) && !hasDecl(out) {
			t.Fatalf("not idempotent:\n%q\n%q", out, again)
		}
	})
}

// hasDecl reports bodies whose charset a second pass may read differently
// (an HTML meta or XML declaration naming another charset is obeyed again).
func hasDecl(b []byte) bool {
	return bytes.Contains(bytes.ToLower(b), []byte("<?xml")) || sniff.Page(b)
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func utf16be(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

func BenchmarkUTF8Clean(b *testing.B) {
	body := bytes.Repeat([]byte("<item><title>Caf\u00e9 &amp; news</title><description>&lt;p&gt;Plain text with &#8217; references.&lt;/p&gt;</description></item>\n"), 50000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		UTF8(body, "application/rss+xml")
	}
}

// plainWord lets through exactly the words of eight printable ASCII bytes
// other than '&': every byte value in every place, and random words.
func TestPlainWord(t *testing.T) {
	plain := func(w [8]byte) bool {
		for _, c := range w {
			if c < 0x20 || c >= 0x80 || c == '&' {
				return false
			}
		}
		return true
	}
	check := func(w [8]byte) {
		if got, want := plainWord(binary.LittleEndian.Uint64(w[:])), plain(w); got != want {
			t.Fatalf("plainWord(%q) = %v, want %v", w, got, want)
		}
	}
	for _, fill := range []byte{' ', 'a', '~', 0x7f, '%', '\''} {
		for at := range 8 {
			for v := range 256 {
				var w [8]byte
				for i := range w {
					w[i] = fill
				}
				w[at] = byte(v)
				check(w)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var w [8]byte
		for i := range w {
			w[i] = byte(0x18 + r.IntN(0x70)) // mostly ASCII, some below 0x20 and above 0x7f
		}
		check(w)
	}
}
