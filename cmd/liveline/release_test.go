package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// releaseConfig is the part of GoReleaser's configuration that
// .goreleaser.yaml uses; a key it does not know is refused, so a key
// misspelt in the file fails the test instead of being ignored.
type releaseConfig struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Before      struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		ID           string   `yaml:"id"`
		Main         string   `yaml:"main"`
		Binary       string   `yaml:"binary"`
		Env          []string `yaml:"env"`
		Goos         []string `yaml:"goos"`
		Goarch       []string `yaml:"goarch"`
		Flags        []string `yaml:"flags"`
		Ldflags      []string `yaml:"ldflags"`
		ModTimestamp string   `yaml:"mod_timestamp"`
	} `yaml:"builds"`
	Archives []struct {
		ID              string   `yaml:"id"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
		NameTemplate string   `yaml:"name_template"`
		Files        []string `yaml:"files"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
	} `yaml:"checksum"`
	Snapshot struct {
		VersionTemplate string `yaml:"version_template"`
	} `yaml:"snapshot"`
	Changelog struct {
		Sort string `yaml:"sort"`
	} `yaml:"changelog"`
	Release struct {
		GitHub struct {
			Owner string `yaml:"owner"`
			Name  string `yaml:"name"`
		} `yaml:"github"`
	} `yaml:"release"`
}

var repoRoot = filepath.Join("..", "..")

func readReleaseConfig(t *testing.T) releaseConfig {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	var rc releaseConfig
	if err := dec.Decode(&rc); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	return rc
}

// TestReleaseConfig checks .goreleaser.yaml without the network: one
// build of this command for Linux, macOS and Windows on amd64 and arm64,
// static, whose ldflags stamp the variable --version reports; archives
// that hold files that exist or that a hook makes with a command that
// works.
func TestReleaseConfig(t *testing.T) {
	rc := readReleaseConfig(t)
	if rc.Version != 2 || rc.ProjectName != "liveline" {
		t.Errorf("version %d, project %q; want GoReleaser's version 2 and liveline", rc.Version, rc.ProjectName)
	}
	if len(rc.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(rc.Builds))
	}
	b := rc.Builds[0]
	if filepath.Clean(b.Main) != filepath.Join("cmd", "liveline") || b.Binary != "liveline" {
		t.Errorf("builds %q as %q, want cmd/liveline as liveline", b.Main, b.Binary)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("env %q: a cross-compiled release needs CGO_ENABLED=0", b.Env)
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("no build for %s", goos)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("no build for %s", arch)
		}
	}
	for _, goos := range b.Goos {
		for _, arch := range b.Goarch {
			// go list finds a package that has no file for a target
			// without compiling anything.
			cmd := exec.Command("go", "list", "-e", "-deps", "-f", "{{with .Error}}{{.}}{{end}}", "./cmd/liveline")
			cmd.Dir = repoRoot
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+arch, "CGO_ENABLED=0")
			out, err := cmd.CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "" {
				t.Errorf("%s/%s: %v\n%s", goos, arch, err, out)
			}
		}
	}

	var stamp []string
	for _, l := range b.Ldflags {
		for _, f := range strings.Fields(l) {
			if strings.HasPrefix(f, "main.") {
				stamp = append(stamp, f)
			}
		}
	}
	if !slices.Equal(stamp, []string{"main.version={{.Version}}"}) {
		t.Fatalf("ldflags %q, want -X main.version={{.Version}}", b.Ldflags)
	}
	// The variable exists and --version reports it: a build with the
	// flags as GoReleaser gives them says the version.
	ldflags := strings.ReplaceAll(strings.Join(b.Ldflags, " "), "{{.Version}}", "1.2.3")
	bin := buildLiveline(t, append(b.Flags, "-buildvcs=false", "-ldflags="+ldflags)...)
	if got := output(t, bin, "--version"); got != "liveline 1.2.3\n" {
		t.Errorf("a build stamped with 1.2.3 says %q", got)
	}

	made := map[string]bool{}
	for _, hook := range rc.Before.Hooks {
		cmdline := strings.Trim(strings.TrimPrefix(hook, "sh -c "), `"`)
		if cmdline == "mkdir -p completions" {
			continue
		}
		run, file, ok := strings.Cut(cmdline, " > ")
		args, isLiveline := strings.CutPrefix(run, "go run ./cmd/liveline ")
		if !ok || !isLiveline {
			t.Errorf("hook %q: want go run ./cmd/liveline ... > FILE", hook)
			continue
		}
		code, out, errOut := runCmd(t, "", strings.Fields(args)...)
		if code != 0 || out == "" {
			t.Errorf("hook %q: liveline %s exits %d, prints %d bytes: %s", hook, args, code, len(out), errOut)
		}
		made[file] = true
	}
	if len(rc.Archives) != 1 {
		t.Fatalf("%d archives, want 1", len(rc.Archives))
	}
	a := rc.Archives[0]
	if !slices.Equal(a.Formats, []string{"tar.gz"}) || len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Equal(a.FormatOverrides[0].Formats, []string{"zip"}) {
		t.Errorf("archives: %v, overrides %+v; want tar.gz, and zip for Windows", a.Formats, a.FormatOverrides)
	}
	for _, pattern := range a.Files {
		matched, err := filepath.Glob(filepath.Join(repoRoot, pattern))
		if err != nil {
			t.Errorf("archive file %q: %v", pattern, err)
		}
		for file := range made {
			if ok, _ := filepath.Match(pattern, file); ok {
				matched = append(matched, file)
			}
		}
		if len(matched) == 0 {
			t.Errorf("archive file %q: no such file, and no hook makes one", pattern)
		}
	}
}
