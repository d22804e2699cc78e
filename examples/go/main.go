// SecureWebApp from Go: the payments app of README.md, with a staging slot, both requiring client certificates.
// It runs in an existing resource group and App Service plan (Premium v3: Free and Shared plans do not support
// client certificates), given as stack config:
//
//	pulumi config set resourceGroupName rg-payments
//	pulumi config set serverFarmId /subscriptions/.../resourceGroups/rg-payments/providers/Microsoft.Web/serverfarms/plan-payments
//
// It passes the azure-secure-webapp policy pack with its default config (no exclusion paths).
// test/e2e/languages.test.ts runs this file (through inline_test.go).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/secure-webapp/secure-webapp/sdk/go/securewebapp"
)

func main() {
	pulumi.Run(paymentsApp)
}

func paymentsApp(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	app, err := securewebapp.NewSecureWebApp(ctx, "payments", &securewebapp.SecureWebAppArgs{
		ResourceGroupName: pulumi.String(cfg.Require("resourceGroupName")),
		ServerFarmId:      pulumi.String(cfg.Require("serverFarmId")),
		Kind:              pulumi.String("app,linux"),
		SiteConfig: &securewebapp.SiteConfigArgs{
			LinuxFxVersion: pulumi.String("NODE|22-lts"),
			MinTlsVersion:  pulumi.String("1.2"),
		},
		// The slot requires certificates too.
		Slots: map[string]securewebapp.SecureWebAppSlotInput{"staging": securewebapp.SecureWebAppSlotArgs{}},
	})
	if err != nil {
		return err
	}
	ctx.Export("url", app.Url)
	return nil
}
