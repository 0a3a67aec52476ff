package parse

import (
	"context"
	"errors"
	"fmt"
)

// A stopper tells a parser, every few lines, rows or elements, whether
// the context of its Config is done: a deadline passed or the caller
// gone. The nil *stopper, a parse without a context, never stops.
type stopper struct {
	ctx context.Context
	n   int   // steps since the context was last asked
	err error // the context's error, once it is done
	// Where the parse stopped: the line stop was given, and the column
	// when a parser that counts in offsets sets them.
	line, col int
	off       int // the byte offset where a parser that counts in offsets stopped
	// budget, when not 0, is how many more steps a stopper without a
	// context lets pass (see forBind).
	budget int
}

// stopEvery is how many steps go between two looks at the context: a
// look takes a lock, a step (a line, a row, an element) a few hundred
// nanoseconds at least.
const stopEvery = 64

func newStopper(ctx context.Context) *stopper {
	if ctx == nil || ctx.Done() == nil {
		return nil // context.Background() and the like: never done
	}
	return &stopper{ctx: ctx}
}

// stop reports whether the parse must stop: it asks the context every
// stopEvery calls, and keeps answering true once it is done. line is
// where the parse is, recorded when it stops.
func (s *stopper) stop(line int) bool {
	if s == nil {
		return false
	}
	if s.err != nil {
		return true
	}
	if s.budget > 0 {
		if s.budget--; s.budget == 0 {
			s.err, s.line, s.col = errGraceOver, line, 1
			return true
		}
		return false
	}
	if s.n++; s.n < stopEvery {
		return false
	}
	s.n = 0
	if s.err = s.ctx.Err(); s.err != nil {
		s.line, s.col = line, 1
		return true
	}
	return false
}

// doneError is the error of a parse whose context was done before it
// began: at 1:1, nothing read.
func (s *stopper) doneError() error {
	s.err, s.line, s.col = s.ctx.Err(), 1, 1
	return s.error()
}

// bindGrace is how many steps (cells, nodes) Bind and the HTML emitter
// may go on for with what a parser read before its context was done: the
// report holds what was read, or as much of it as that binds (some
// 65,000 cells: a few milliseconds; a report has 300). Steps, not time:
// on a busy machine a time might bind nothing.
const bindGrace = 1 << 16

// errGraceOver ends bindGrace; it is never reported (the stop that led to
// the grace is).
var errGraceOver = errors.New("the grace after a stop is over")

// forBind returns the stopper Bind is to heed: s while its context is not
// done; once it is, one that lets Bind go on for bindGrace steps. The
// second function is for callers to defer (it releases nothing now).
func (s *stopper) forBind() (*stopper, func()) {
	if !s.stopped() {
		return s, func() {}
	}
	return &stopper{budget: bindGrace}, func() {}
}

// stopped returns whether the parse was stopped.
func (s *stopper) stopped() bool { return s != nil && s.err != nil }

// error returns the error of a stopped parse, at the position where it
// stopped: a *Error wrapping the context's error (context.DeadlineExceeded
// or context.Canceled). It returns nil (an error interface holding no
// *Error) when the parse was not stopped.
func (s *stopper) error() error {
	if !s.stopped() {
		return nil
	}
	return &Error{Line: s.line, Col: s.col, Err: s.err,
		Msg: fmt.Sprintf("stopped here: %v (Config.Context); the rest of the input is not read", s.err)}
}
