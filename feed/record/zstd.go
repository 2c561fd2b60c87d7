package record

import (
	"fmt"
	"math/bits"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Bodies in the second form of the format are zstd frames, each compressed
// on its own or against the same body of the fetch before it, used as a raw
// dictionary (what `zstd --patch-from` does). A live page that changes by
// one update between fetches then costs about that update on disk.

// maxBody is the largest body a recording gives back; a frame that says it
// holds more is taken for damage.
const maxBody = 1 << 30

// compressor compresses bodies. It keeps its zstd encoders from one body
// to the next, since making one costs more than compressing a small body.
// Writers share them through compressors.
type compressor struct {
	whole, delta *zstd.Encoder
	deltaWindow  int // the window delta was made with
}

// compress returns body as a zstd frame, compressed against dict when dict
// is not empty. An empty body gives an empty frame.
func (c *compressor) compress(body, dict []byte) ([]byte, error) {
	if len(body) == 0 {
		return nil, nil
	}
	if len(dict) == 0 {
		if c.whole == nil {
			enc, err := newEncoder()
			if err != nil {
				return nil, err
			}
			c.whole = enc
		}
		return c.whole.EncodeAll(body, nil), nil
	}
	// The window must reach back over the whole dictionary; it is fixed
	// when the encoder is made, so a larger one needs a new encoder.
	useDict := zstd.WithEncoderDictRaw(0, dict)
	if w := window(len(dict) + len(body)); c.delta == nil || w > c.deltaWindow {
		enc, err := newEncoder(zstd.WithWindowSize(w), useDict)
		if err != nil {
			return nil, err
		}
		if c.delta != nil {
			c.delta.Close()
		}
		c.delta, c.deltaWindow = enc, w
	} else if err := c.delta.ResetWithOptions(nil, useDict); err != nil {
		return nil, fmt.Errorf("compressing a body: %w", err)
	}
	return c.delta.EncodeAll(body, nil), nil
}

// compressors holds compressors between records: a recorder writes one a
// poll at most, and the encoders (a few MB of tables) need not wait with
// each writer.
var compressors = sync.Pool{New: func() any { return new(compressor) }}

func newEncoder(opts ...zstd.EOption) (*zstd.Encoder, error) {
	opts = append([]zstd.EOption{zstd.WithEncoderConcurrency(1), zstd.WithEncoderLevel(zstd.SpeedDefault)}, opts...)
	enc, err := zstd.NewWriter(nil, opts...)
	if err != nil {
		return nil, fmt.Errorf("compressing a body: %w", err)
	}
	return enc, nil
}

// window is the zstd window for compressing n bytes of dictionary and body:
// large enough to reach back over the whole dictionary, within zstd's
// limits.
func window(n int) int {
	w := 1 << bits.Len(uint(max(n-1, zstd.MinWindowSize)))
	return min(w, maxWindow)
}

// maxWindow bounds the zstd window, and so the memory a body takes to
// compress or decompress.
const maxWindow = 1 << 27

// decompress undoes compress.
func decompress(frame, dict []byte) ([]byte, error) {
	if len(frame) == 0 {
		return nil, nil
	}
	opts := []zstd.DOption{zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxBody),
		zstd.WithDecoderMaxWindow(maxWindow)}
	if len(dict) > 0 {
		opts = append(opts, zstd.WithDecoderDictRaw(0, dict))
	}
	dec, err := zstd.NewReader(nil, opts...)
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	return dec.DecodeAll(frame, nil)
}
