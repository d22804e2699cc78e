//go:build tools

// Package tools pins the Pulumi YAML language host (`pulumi-language-yaml`) that the end-to-end tests, the demo
// and the benchmark build when none is on PATH, so that the CLI can run the YAML programs in examples/. Nothing
// here is compiled into the package; `go build` of the host's main package from this module resolves exactly
// the versions recorded in go.mod and go.sum.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
