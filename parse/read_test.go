package parse

import (
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
)

// endless is a reader that never ends: it gives the same bytes forever,
// and counts how many it gave.
type endless struct {
	fill byte
	n    int64
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.fill
	}
	e.n += int64(len(p))
	return len(p), nil
}

// sized is a reader of n bytes, generated as they are read.
type sized struct{ n int64 }

func (s *sized) Read(p []byte) (int, error) {
	if s.n <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), s.n)]
	for i := range p {
		p[i] = ' '
	}
	s.n -= int64(len(p))
	return len(p), nil
}

// TestReadEndless holds ReadInput and ParseReader to their limit on a
// reader that never ends: they stop just past it, with ErrLimit saying
// the limit, instead of reading until memory runs out.
func TestReadEndless(t *testing.T) {
	cfg := &Config{Limits: Limits{Input: 1 << 20}}
	r := &endless{fill: 'x'}
	src, err := cfg.ReadInput(r)
	if !errors.Is(err, ErrLimit) || src != nil {
		t.Fatalf("ReadInput = %d bytes, %v; want none and ErrLimit", len(src), err)
	}
	if want := "1:1: the input is larger than the limit of 1048576 bytes (Limits.Input); not read past it"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if r.n > 2<<20 {
		t.Errorf("read %d bytes of an endless input, limit 1 MiB", r.n)
	}
	r = &endless{fill: 'x'}
	rep, err := cfg.ParseReader(r)
	if !errors.Is(err, ErrLimit) || rep == nil || len(rep.Sections) != 0 {
		t.Fatalf("ParseReader = %v, %v; want an empty report and ErrLimit", rep, err)
	}
	if r.n > 2<<20 {
		t.Errorf("ParseReader read %d bytes of an endless input, limit 1 MiB", r.n)
	}
}

// TestReadInput reads inputs at the limit, one byte over, empty, and
// from a file, and passes a reader's own error on.
func TestReadInput(t *testing.T) {
	cfg := &Config{Limits: Limits{Input: 100000}}
	for _, n := range []int64{0, 1, 511, 512, 513, 4096, 99999, 100000} {
		src, err := cfg.ReadInput(&sized{n})
		if err != nil || int64(len(src)) != n || strings.Trim(string(src), " ") != "" {
			t.Errorf("%d bytes: got %d bytes, %v", n, len(src), err)
		}
	}
	if src, err := cfg.ReadInput(&sized{100001}); !errors.Is(err, ErrLimit) || src != nil {
		t.Errorf("one byte over: got %d bytes, %v; want ErrLimit", len(src), err)
	}
	boom := errors.New("boom")
	if _, err := cfg.ReadInput(io.MultiReader(strings.NewReader("abc"), &failing{boom})); err != boom {
		t.Errorf("failing reader: %v, want its error", err)
	}

	want, err := os.ReadFile("../testdata/seeds/000_f75296a9e8ded5b4.txt")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../testdata/seeds/000_f75296a9e8ded5b4.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, err := ReadInput(f); err != nil || string(got) != string(want) {
		t.Errorf("ReadInput(file) = %d bytes, %v; want the file's %d", len(got), err, len(want))
	}
	f2, err := os.Open("../testdata/seeds/000_f75296a9e8ded5b4.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	small := &Config{Limits: Limits{Input: int64(len(want) - 1)}}
	if got, err := small.ReadInput(f2); !errors.Is(err, ErrLimit) || got != nil {
		t.Errorf("a file one byte over the limit: %d bytes, %v; want ErrLimit", len(got), err)
	}
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }

// TestReadDevZero reads /dev/zero, which never ends, where there is one.
func TestReadDevZero(t *testing.T) {
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip("no /dev/zero:", err)
	}
	defer f.Close()
	_, err = (&Config{Limits: Limits{Input: 4 << 20}}).ParseReader(f)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "larger than the limit of 4194304 bytes") {
		t.Fatalf("ParseReader(/dev/zero) = %v, want ErrLimit", err)
	}
}

// TestReadHugeAllocs reads 2 GB through ParseReader with the default
// limits and measures the bytes allocated: no more than the limit and a
// little, not the input.
func TestReadHugeAllocs(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ParseReader(&sized{2 << 30})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("2 GB: %v, want ErrLimit", err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("2 GB input: %.1f MB allocated", float64(alloc)/1e6)
	if alloc > 50<<20 {
		t.Errorf("2 GB input: %d bytes allocated, want under 50 MiB", alloc)
	}
}
