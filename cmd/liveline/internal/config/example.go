package config

import _ "embed" // for Example

// Example is a config file that sets every setting, each explained in a
// comment: the README and the manual page show it.
//
//go:embed example.toml
var Example string
