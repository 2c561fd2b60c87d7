package main

import (
	"debug/buildinfo"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFromBuildInformation(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "d162beee52d92dd2201126bdf1d37908ef428e2b"},
		{Key: "vcs.time", Value: "2026-11-27T16:02:22Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	modified := append(vcs[:3:3], debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	info := func(version string, settings []debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/liveline-tui/liveline", Version: version}, Settings: settings}
	}
	for _, tc := range []struct {
		name    string
		stamped string
		info    *debug.BuildInfo
		ok      bool
		want    string
		product string
	}{
		{"no build information", "", nil, false, "(devel)", "devel"},
		{"go run or -buildvcs=false", "", info("(devel)", nil), true, "(devel)", "devel"},
		{"go install @v1.2.3", "", info("v1.2.3", nil), true, "v1.2.3", "1.2.3"},
		{"a release build", "1.2.3", info("v1.2.3", vcs), true, "1.2.3 (revision d162beee52d9, 2026-11-27T16:02:22Z)", "1.2.3"},
		{"a checkout with changes", "", info("v0.0.0-20261127160222-d162beee52d9+dirty", modified), true,
			"v0.0.0-20261127160222-d162beee52d9+dirty (revision d162beee52d9, 2026-11-27T16:02:22Z, with changes not committed)",
			"0.0.0-20261127160222-d162beee52d9+dirty"},
		{"version control but no version", "", info("", vcs), true, "(devel) (revision d162beee52d9, 2026-11-27T16:02:22Z)", "devel"},
	} {
		v := readVersion(tc.stamped, tc.info, tc.ok)
		if got := v.String(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		if got := v.Product(); got != tc.product {
			t.Errorf("%s: product %q, want %q", tc.name, got, tc.product)
		}
	}
}

// buildLiveline builds liveline with the go build flags given and returns
// the binary's path.
func buildLiveline(t *testing.T, flags ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds liveline")
	}
	bin := filepath.Join(t.TempDir(), "liveline")
	args := append(append([]string{"build", "-o", bin}, flags...), ".")
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin
}

// output runs bin with args and returns what it printed.
func output(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestVersionOfRealBuilds: a binary says what it was built from, through
// --version and "liveline version" alike.
func TestVersionOfRealBuilds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flags []string
		want  string // "" to read from the binary's build information
	}{
		{"without version control information", []string{"-buildvcs=false"}, "liveline (devel)\n"},
		{"with a release's version stamped in", []string{"-buildvcs=false", "-ldflags=-X main.version=9.8.7"}, "liveline 9.8.7\n"},
		// From a git clone, as in CI, the build records the revision; a
		// git worktree or a copy without .git records none.
		{"with version control information", []string{"-buildvcs=auto"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bin := buildLiveline(t, tc.flags...)
			want := tc.want
			if want == "" {
				info, err := buildinfo.ReadFile(bin)
				if err != nil {
					t.Fatal(err)
				}
				v := readVersion("", info, true)
				want = "liveline " + v.String() + "\n"
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" && !strings.Contains(want, "revision "+s.Value[:12]) {
						t.Errorf("the build records revision %s, but the version is %q", s.Value, want)
					}
				}
				t.Logf("built as %q", strings.TrimSpace(want))
			}
			for _, args := range [][]string{{"--version"}, {"version"}} {
				if got := output(t, bin, args...); got != want {
					t.Errorf("liveline %s: %q, want %q", args[0], got, want)
				}
			}
		})
	}
}
