// Command pulumi-sdkgen writes the Python or Go SDK of a Pulumi package from its schema, with Pulumi's own code
// generators, exactly as `pulumi package add` has them written: the schema is bound, marked as a local package
// (SupportPack, which `package add` always sets and `pulumi package gen-sdk` does not), and handed to the
// language's GeneratePackage. `pulumi package gen-sdk` would ask the language host to do this; the end-to-end
// tests run without one, so this tool calls the generators directly.
//
//	pulumi-sdkgen <schema.json> <python|go> <output folder>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// version is stamped at build time (tools/engine/sdkGenerator.ts) with the pulumi/pkg version go.mod pins.
var version = "dev"

func main() {
	if len(os.Args) == 2 && os.Args[1] == "version" {
		fmt.Println(version)
		return
	}
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-sdkgen <schema.json> <python|go> <output folder>")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func generate(schemaFile, language, outDir string) error {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	// The package refers to no other package's types, so binding never loads one.
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	if err != nil {
		return fmt.Errorf("binding %s: %w", schemaFile, err)
	}
	if diags.HasErrors() {
		return fmt.Errorf("binding %s: %s", schemaFile, diags.Error())
	}
	pkg.SupportPack = true

	var files map[string][]byte
	switch language {
	case "python":
		files, err = pygen.GeneratePackage("pulumi-sdkgen", pkg, nil, nil)
	case "go":
		files, err = gogen.GeneratePackage("pulumi-sdkgen", pkg, nil)
	default:
		return fmt.Errorf("unknown language %q: python or go", language)
	}
	if err != nil {
		return fmt.Errorf("generating the %s SDK: %w", language, err)
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	for name, content := range files {
		target := filepath.Join(outDir, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
