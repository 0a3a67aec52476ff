package parse

// TokenKind tells what a Token is.
type TokenKind uint8

// Token kinds.
const (
	LineToken   TokenKind = iota // a line of text outside tables: a title, a heading, prose
	CellToken                    // a table cell
	RowEndToken                  // the end of a table row, where the layout marks it
)

// Token is what a layout's tokenizer gives the shared binder: lines of text
// and table cells, each with its position in the input (1-based line and
// column, the column in characters). A cell's Text is its text as published,
// with the lines of a cell broken over lines joined by "\n".
//
// A layout that marks where table rows end emits a RowEndToken there; one
// that does not (text copied from a web page often loses it) need not: the
// binder also starts a new row where a row label follows a complete row.
type Token struct {
	Kind TokenKind
	Text string
	Line int
	Col  int
}

// appendToken appends the token {kind, text, line, col} to toks, setting
// the new element's fields in place when toks has room: appending a Token
// value copies it with a bulk write barrier while the collector runs, a
// field takes one. The tokenizers append a token per line and per cell.
func appendToken(toks []Token, kind TokenKind, text string, line, col int) []Token {
	if len(toks) == cap(toks) {
		return append(toks, Token{Kind: kind, Text: text, Line: line, Col: col})
	}
	toks = toks[:len(toks)+1]
	t := &toks[len(toks)-1]
	t.Kind, t.Text, t.Line, t.Col = kind, text, line, col
	return toks
}
