module github.com/opengovcn/annualreport

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/klippa-app/go-pdfium v1.21.5
	github.com/tetratelabs/wazero v1.12.0
	golang.org/x/net v0.62.0
	golang.org/x/text v0.44.0
)

require (
	github.com/google/uuid v1.6.0 // indirect
	github.com/jolestar/go-commons-pool/v2 v2.1.2 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
