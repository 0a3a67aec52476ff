package parse

import "github.com/opengovcn/annualreport/report"

// withLimits is a standard parser held to other limits, for tests.
type withLimits struct {
	Parser
	lim Limits
}

func (p withLimits) Parse(src []byte) (*report.Report, error) {
	return p.Parser.(limited).parseLimits(src, p.lim.orDefault())
}
