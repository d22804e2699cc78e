"""Runs examples/python/__main__.py (and, for the refusal case, the same app given clientCertMode "Optional")
through Pulumi's Automation API as an inline program: the engine drives the program in this process, so no Python
language host is needed. test/e2e/languages.test.ts runs this with the engine's settings in the environment
(SECURE_WEBAPP_*) and reads back the JSON it writes to SECURE_WEBAPP_RESULT.
"""
import importlib.util
import json
import os

import pulumi_secure_webapp as secure_webapp
from pulumi import automation as auto

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
EXAMPLE = os.path.join(REPO_ROOT, "examples", "python", "__main__.py")


def documented_program():
    spec = importlib.util.spec_from_file_location("payments_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines payments_app; the program runs only as __main__
    return module.payments_app


def optional_mode() -> None:
    """The payments app given the weak mode portal users call "Allow": the component must refuse it."""
    secure_webapp.SecureWebApp("payments", resource_group_name="rg-payments", server_farm_id="plan-payments",
                               client_cert_mode="Optional")


def main() -> None:
    settings = {name: os.environ["SECURE_WEBAPP_" + name] for name in
                ["CASE", "OPERATION", "PULUMI_ROOT", "POLICY_PACK", "WORK_DIR", "RESULT", "RESOURCE_GROUP", "SERVER_FARM"]}
    program = optional_mode if settings["CASE"] == "optional" else documented_program()
    stack = auto.create_or_select_stack(
        stack_name="dev", project_name="payments-python", program=program,
        opts=auto.LocalWorkspaceOptions(
            work_dir=settings["WORK_DIR"],
            pulumi_command=auto.PulumiCommand(root=settings["PULUMI_ROOT"], skip_version_check=True),
            project_settings=auto.ProjectSettings(name="payments-python", runtime="python"),
        ),
    )
    stack.set_config("resourceGroupName", auto.ConfigValue(value=settings["RESOURCE_GROUP"]))
    stack.set_config("serverFarmId", auto.ConfigValue(value=settings["SERVER_FARM"]))
    printed = []
    outcome = {"failed": False, "stderr": "", "outputs": {}}
    try:
        if settings["OPERATION"] == "up":
            result = stack.up(policy_packs=[settings["POLICY_PACK"]], color="never", on_output=printed.append)
            outcome["outputs"] = {key: value.value for key, value in result.outputs.items()}
        else:
            stack.preview(policy_packs=[settings["POLICY_PACK"]], color="never", on_output=printed.append)
    except auto.CommandError as error:
        outcome["failed"] = True
        outcome["stderr"] = str(error)
    outcome["stdout"] = "\n".join(printed)
    with open(settings["RESULT"], "w", encoding="utf-8") as file:
        json.dump(outcome, file)


if __name__ == "__main__":
    main()
