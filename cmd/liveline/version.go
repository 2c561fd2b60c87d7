package main

import (
	"runtime/debug"
	"strings"
)

// version is the release's version, stamped in by the release build
// (-ldflags "-X main.version=1.2.3", see .goreleaser.yaml). Without it,
// liveline reports the module version the Go command recorded.
var version string

// devel is the version of a build that has none: built from a checkout
// without version control information, or run with go run.
const devel = "(devel)"

// buildVersion is what a binary knows of the code it was built from.
type buildVersion struct {
	Version  string // a release or module version, or devel
	Revision string // the commit, when built from a version-controlled checkout
	Time     string // the commit's time (RFC 3339)
	Modified bool   // the checkout had changes not committed
}

// readVersion reads the version: the stamped one when there is one, else
// the module's from the build information, else devel; and the revision
// and its time when the Go command recorded them.
func readVersion(stamped string, info *debug.BuildInfo, ok bool) buildVersion {
	v := buildVersion{Version: stamped}
	if ok {
		if v.Version == "" {
			v.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.Time = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if v.Version == "" {
		v.Version = devel
	}
	return v
}

// currentVersion is this binary's version.
func currentVersion() buildVersion {
	info, ok := debug.ReadBuildInfo()
	return readVersion(version, info, ok)
}

// String is the version as --version prints it: "v1.2.3 (revision
// 0123456789ab, 2026-11-27T16:02:00Z)", or "(devel)" alone.
func (v buildVersion) String() string {
	var build []string
	if v.Revision != "" {
		build = append(build, "revision "+shortRevision(v.Revision))
	}
	if v.Time != "" {
		build = append(build, v.Time)
	}
	if v.Modified {
		build = append(build, "with changes not committed")
	}
	if len(build) == 0 {
		return v.Version
	}
	return v.Version + " (" + strings.Join(build, ", ") + ")"
}

// Product is the version as the User-Agent gives it: a token without a
// leading v, "devel" for a build without one.
func (v buildVersion) Product() string {
	if v.Version == devel {
		return "devel"
	}
	return strings.TrimPrefix(v.Version, "v")
}

// shortRevision shortens a commit hash to the 12 characters that name it
// in practice.
func shortRevision(r string) string {
	if len(r) > 12 {
		return r[:12]
	}
	return r
}
