package main

// Runs the program of main.go (and, for the refusal case, the same app given clientCertMode "Optional") through
// Pulumi's Automation API as an inline program: the engine drives the program in this process, so no Go language
// host is needed. test/e2e/languages.test.ts runs it with the engine's settings in the environment; run alone,
// `go test` skips it.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/secure-webapp/secure-webapp/sdk/go/securewebapp"
)

// optionalMode is the payments app given the weak mode portal users call "Allow": the component must refuse it.
func optionalMode(ctx *pulumi.Context) error {
	_, err := securewebapp.NewSecureWebApp(ctx, "payments", &securewebapp.SecureWebAppArgs{
		ResourceGroupName: pulumi.String("rg-payments"),
		ServerFarmId:      pulumi.String("plan-payments"),
		ClientCertMode:    securewebapp.ClientCertMode("Optional"),
	})
	return err
}

// outcome is what the test in TypeScript reads back: what the CLI printed, whether it failed, the stack outputs.
type outcome struct {
	Failed  bool                   `json:"failed"`
	Stdout  string                 `json:"stdout"`
	Stderr  string                 `json:"stderr"`
	Outputs map[string]interface{} `json:"outputs"`
}

func TestInlineProgram(t *testing.T) {
	settings := map[string]string{}
	for _, name := range []string{"CASE", "OPERATION", "PULUMI_ROOT", "POLICY_PACK", "WORK_DIR", "RESULT", "RESOURCE_GROUP", "SERVER_FARM"} {
		settings[name] = os.Getenv("SECURE_WEBAPP_" + name)
	}
	if settings["CASE"] == "" {
		t.Skip("run by test/e2e/languages.test.ts, which sets SECURE_WEBAPP_CASE and the engine's settings")
	}
	program := paymentsApp
	if settings["CASE"] == "optional" {
		program = optionalMode
	}
	ctx := context.Background()
	command, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: settings["PULUMI_ROOT"], SkipVersionCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	project := workspace.Project{Name: "payments-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "payments-go", program,
		auto.Pulumi(command), auto.WorkDir(settings["WORK_DIR"]), auto.Project(project))
	if err != nil {
		t.Fatal(err)
	}
	for key, value := range map[string]string{"resourceGroupName": settings["RESOURCE_GROUP"], "serverFarmId": settings["SERVER_FARM"]} {
		if err := stack.SetConfig(ctx, key, auto.ConfigValue{Value: value}); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	result := outcome{}
	if settings["OPERATION"] == "up" {
		up, err := stack.Up(ctx, optup.PolicyPacks(settings["POLICY_PACK"]), optup.Color("never"),
			optup.ProgressStreams(&stdout), optup.ErrorProgressStreams(&stderr))
		result.Failed = err != nil
		result.Outputs = map[string]interface{}{}
		for key, output := range up.Outputs {
			result.Outputs[key] = output.Value
		}
	} else {
		_, err := stack.Preview(ctx, optpreview.PolicyPacks(settings["POLICY_PACK"]), optpreview.Color("never"),
			optpreview.ProgressStreams(&stdout), optpreview.ErrorProgressStreams(&stderr))
		result.Failed = err != nil
	}
	result.Stdout, result.Stderr = stdout.String(), stderr.String()
	data, err := json.Marshal(result)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settings["RESULT"], data, 0o644); err != nil {
		t.Fatal(err)
	}
}
