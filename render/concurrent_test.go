package render_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// TestConcurrentUse renders every report in every format from several
// goroutines at once, with shared renderer values and shared reports, and
// checks each output against what a lone render writes. Run with -race (as
// .ci/run does) it also catches a renderer that writes to the report or to
// package state.
func TestConcurrentUse(t *testing.T) {
	rds := []render.Renderer{render.JSON{}, render.JSON{Compact: true}, render.Text{},
		render.HTML{Fragment: true}, render.CSV{BOM: true}}
	for _, f := range formats {
		rds = append(rds, f.rd)
	}
	var rs []*report.Report
	for _, r := range reports(t) {
		rs = append(rs, r)
	}
	want := make([][]byte, len(rs)*len(rds))
	for i, r := range rs {
		for j, rd := range rds {
			want[i*len(rds)+j] = renderTo(t, rd, r)
		}
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for k := range want {
				k := (k + w*len(want)/8) % len(want)
				r, rd := rs[k/len(rds)], rds[k%len(rds)]
				var b bytes.Buffer
				if err := rd.Render(&b, r); err != nil {
					t.Errorf("%T: %v", rd, err)
					continue
				}
				if !bytes.Equal(b.Bytes(), want[k]) {
					t.Errorf("%T on %s: concurrent output differs", rd, r.Agency)
				}
			}
		})
	}
	wg.Wait()
}
