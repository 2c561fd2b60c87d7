package poll

import (
	"errors"
	"net/url"
)

// defaultParse is replaced by feed/parse.Parse once that package lands.
func defaultParse(body []byte, contentType string, base *url.URL) (*parsed, error) {
	return nil, errors.New("no parser available")
}

// defaultParseFunc is what New uses; tests swap it.
var defaultParseFunc parseFunc = defaultParse
