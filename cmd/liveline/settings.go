package main

import (
	"time"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/config"
	"github.com/liveline-tui/liveline/tui/notify"
)

// loadSettings reads the config file: the one --config names (which must
// exist), else the default one, if there is one.
func loadSettings(path string, given bool, env *environment) (*config.Settings, error) {
	if !given {
		path = config.Path(env.getenv)
	}
	return config.Load(path, given, env.getenv)
}

// settingsUI is what the config file and the reader's flags ask of the
// UI; a flag given wins over the file.
func settingsUI(s *config.Settings, o readerFlags, notifyGiven bool) uiOptions {
	ui := uiOptions{
		mouse:   s.Mouse && !o.noMouse,
		notify:  s.Notify,
		theme:   s.Theme,
		colours: s.Colours,
		keys:    s.Keys,
	}
	if notifyGiven {
		ui.notify = notify.Off
		if o.notify != "" {
			ui.notify, _ = notify.ParseMode(string(o.notify))
		}
	}
	return ui
}

// storyInterval is the time between a story's checks: --interval when
// given, else the story's own, else the config file's default, else
// flagValue (liveline's default). set says it was chosen on purpose, so a
// short interval is honoured.
func storyInterval(st config.Story, s *config.Settings, flagValue time.Duration, flagGiven bool) (d time.Duration, set bool) {
	switch {
	case flagGiven:
		return flagValue, true
	case st.Interval > 0:
		return st.Interval, true
	case s.Interval > 0:
		return s.Interval, true
	}
	return flagValue, false
}
