package parse

import (
	"io"
	"io/fs"

	"github.com/opengovcn/annualreport/report"
)

// ReadInput reads an input from r as Config.ReadInput does, within
// DefaultLimits.Input.
func ReadInput(r io.Reader) ([]byte, error) {
	return (&Config{}).ReadInput(r)
}

// ParseReader reads an input from r and parses it as Config.ParseReader
// does, with the Standard parsers and DefaultLimits.
func ParseReader(r io.Reader) (*report.Report, error) {
	return (&Config{}).ParseReader(r)
}

// ReadInput reads r to its end, but never more than Limits.Input bytes
// and one: an input larger than the limit (a 2 GB file, /dev/zero, a pipe
// fed forever) is not read past it, and gets no bytes and an *Error
// wrapping ErrLimit that says "larger than" the limit. The bytes read
// are held in pieces until the end, then copied together once, so that
// an input over the limit costs no more memory than the limit. A regular
// file (an r with a Stat method, such as an *os.File) that is larger than
// the limit by its size is refused without being read. An error reading
// r is returned as it is.
func (c *Config) ReadInput(r io.Reader) ([]byte, error) {
	limit := c.limits().Input
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			if fi.Size() > limit {
				return nil, readLimitError(limit)
			}
			if fi.Size() > 0 {
				// One buffer of the file's size and a little more, to
				// see its end (or that it has grown) in one read.
				return readPieces(r, limit, int(fi.Size())+512)
			}
		}
	}
	return readPieces(r, limit, 512)
}

// readPieces reads r to its end, but no more than limit+1 bytes, into
// pieces of growing size starting at first (up to 4 MiB a piece), and
// returns them joined; over the limit, it returns the error for it.
func readPieces(r io.Reader, limit int64, first int) ([]byte, error) {
	lr := io.LimitReader(r, limit+1)
	var (
		pieces [][]byte
		total  int64
		size   = int(min(int64(first), limit+1))
	)
	for {
		buf := make([]byte, size)
		n, err := io.ReadFull(lr, buf)
		total += int64(n)
		if n > 0 {
			pieces = append(pieces, buf[:n])
		}
		switch err {
		case nil:
			size = min(2*size, 4<<20)
			continue
		case io.EOF, io.ErrUnexpectedEOF:
		default:
			return nil, err
		}
		break
	}
	if total > limit {
		return nil, readLimitError(limit)
	}
	switch len(pieces) {
	case 0:
		return []byte{}, nil
	case 1:
		return pieces[0], nil
	}
	src := make([]byte, 0, total)
	for _, p := range pieces {
		src = append(src, p...)
	}
	return src, nil
}

// readLimitError is the error for a reader's input over limit bytes.
func readLimitError(limit int64) *Error {
	return limitError(1, 1, "the input is larger than the limit of %d bytes (Limits.Input); not read past it", limit)
}
