//go:build tools

// Package tools pins the Pulumi CLI that the end-to-end tests, the demo and the benchmark build when no
// `pulumi` 3.229 or newer is on PATH. Nothing here is compiled into the package; `go build` of the CLI's main
// package from this module resolves exactly the versions recorded in go.mod and go.sum.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
