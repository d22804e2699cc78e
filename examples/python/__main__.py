"""SecureWebApp from Python: the payments app of README.md, with a staging slot, both requiring client
certificates. It runs in an existing resource group and App Service plan (Premium v3: Free and Shared plans do
not support client certificates), given as stack config:

    pulumi config set resourceGroupName rg-payments
    pulumi config set serverFarmId /subscriptions/.../resourceGroups/rg-payments/providers/Microsoft.Web/serverfarms/plan-payments

It passes the azure-secure-webapp policy pack with its default config (no exclusion paths).
test/e2e/languages.test.ts runs this file.
"""
import pulumi
import pulumi_secure_webapp as secure_webapp


def payments_app() -> None:
    config = pulumi.Config()
    app = secure_webapp.SecureWebApp(
        "payments",
        resource_group_name=config.require("resourceGroupName"),
        server_farm_id=config.require("serverFarmId"),
        kind="app,linux",
        site_config=secure_webapp.SiteConfigArgs(linux_fx_version="NODE|22-lts", min_tls_version="1.2"),
        slots={"staging": secure_webapp.SecureWebAppSlotArgs()},  # the slot requires certificates too
    )
    pulumi.export("url", app.url)


if __name__ == "__main__":  # `pulumi up` runs this file as the program
    payments_app()
