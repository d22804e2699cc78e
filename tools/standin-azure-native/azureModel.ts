// STAND-IN for Azure. Models just enough of Azure Resource Manager for the real Pulumi engine to preview
// and deploy the azure-native resources this project uses, without an Azure account: resource ids, the
// names Azure would assign, and the defaults Azure applies (client certificates off unless asked for).

/** The subscription every stand-in resource lives in; all zeros so nobody mistakes it for a real one. */
export const STANDIN_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

/** The version of the real provider the installed SDK asks for, so the engine sees the plugin it expects. */
export function sdkVersion(): string {
    return (require("@pulumi/azure-native/package.json") as { version: string }).version;
}

/**
 * The file, beside the compiled stand-in, holding the schema it serves from GetSchema (derived from the SDK's
 * typings when the stand-in is built: see schema.ts).
 */
export const SCHEMA_FILE_NAME = "schema.json";

type Props = Record<string, unknown>;

/** How one azure-native resource type is named, identified and reported back by Azure. */
interface ArmType {
    /** The input that holds the Azure name; the provider picks one when the program leaves it out. */
    readonly nameProperty: string;
    readonly id: (inputs: Props, name: string) => string;
    readonly outputs?: (inputs: Props, name: string) => Props;
    /**
     * Set for the types whose outputs are Azure's response alone, as azure-native returns them: the inputs that are
     * no output (`resourceGroupName`, the site's `name`, `slot`) are not among them. Other types keep their inputs.
     */
    readonly responseOnly?: boolean;
}

const group = (inputs: Props) =>
    `/subscriptions/${STANDIN_SUBSCRIPTION_ID}/resourceGroups/${String(inputs.resourceGroupName)}`;

const ARM_TYPES: Record<string, ArmType> = {
    "resources:ResourceGroup": {
        nameProperty: "resourceGroupName",
        id: (_, name) => `/subscriptions/${STANDIN_SUBSCRIPTION_ID}/resourceGroups/${name}`,
        outputs: (inputs, name) => ({
            name,
            properties: { provisioningState: "Succeeded" },
            location: inputs.location ?? "westeurope",
        }),
    },
    "resources:Deployment": {
        nameProperty: "deploymentName",
        id: (inputs, name) => `${group(inputs)}/providers/Microsoft.Resources/deployments/${name}`,
        outputs: (inputs, name) => ({
            name,
            properties: {
                provisioningState: "Succeeded",
                mode: (inputs.properties as Props | undefined)?.mode,
                outputs: {},
            },
        }),
    },
    "web:AppServicePlan": {
        nameProperty: "name",
        id: (inputs, name) => `${group(inputs)}/providers/Microsoft.Web/serverfarms/${name}`,
        outputs: inputs => ({ kind: inputs.kind ?? "app", status: "Ready", location: inputs.location ?? "westeurope" }),
    },
    "web:WebApp": {
        nameProperty: "name",
        id: (inputs, name) => `${group(inputs)}/providers/Microsoft.Web/sites/${name}`,
        outputs: (inputs, name) => siteOutputs(inputs, `${name}.azurewebsites.net`),
    },
    "web:WebAppSlot": {
        nameProperty: "slot",
        id: (inputs, slot) => `${group(inputs)}/providers/Microsoft.Web/sites/${String(inputs.name)}/slots/${slot}`,
        outputs: (inputs, slot) => ({
            ...siteOutputs(inputs, `${String(inputs.name)}-${slot}.azurewebsites.net`),
            name: `${String(inputs.name)}/${slot}`,
        }),
    },
    // A site's basic-auth publishing-credentials policies (Microsoft.Web/sites/basicPublishingCredentialsPolicies
    // ftp and scm): the input `name` is the site's, and a slot's policy names its slot in `slot`; both are required.
    // Their outputs are Azure's response: the id, the policy's own name (`ftp`, `scm`), the type and `allow`
    // (azure-native also adds azureApiVersion and systemData, which nothing here reads).
    ...publishingCredentialsPolicies(),
};

function publishingCredentialsPolicies(): Record<string, ArmType> {
    const site = (inputs: Props) => `${group(inputs)}/providers/Microsoft.Web/sites/${String(inputs.name)}`;
    const types: Record<string, ArmType> = {};
    for (const policy of ["ftp", "scm"] as const) {
        const resource = policy === "ftp" ? "WebAppFtpAllowed" : "WebAppScmAllowed";
        const response = (type: string) => (inputs: Props) => ({ name: policy, type, allow: inputs.allow });
        types[`web:${resource}`] = {
            nameProperty: "name",
            id: inputs => `${site(inputs)}/basicPublishingCredentialsPolicies/${policy}`,
            outputs: response("Microsoft.Web/sites/basicPublishingCredentialsPolicies"),
            responseOnly: true,
        };
        types[`web:${resource}Slot`] = {
            nameProperty: "name",
            id: inputs => `${site(inputs)}/slots/${String(inputs.slot)}/basicPublishingCredentialsPolicies/${policy}`,
            outputs: response("Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies"),
            responseOnly: true,
        };
    }
    return types;
}

/** The resource types the stand-in models (`<module>:<Resource>`), and so the ones its schema describes. */
export const MODELLED_TYPES: readonly string[] = Object.keys(ARM_TYPES);

/** What Azure reports for a site: the defaults it applies when a setting is left out (certificates off). */
function siteOutputs(inputs: Props, hostName: string): Props {
    return {
        resourceGroup: inputs.resourceGroupName,
        defaultHostName: hostName,
        hostNames: [hostName],
        enabledHostNames: [hostName, hostName.replace(".azurewebsites.net", ".scm.azurewebsites.net")],
        state: "Running",
        kind: inputs.kind ?? "app",
        clientCertEnabled: inputs.clientCertEnabled ?? false,
        clientCertMode: inputs.clientCertMode ?? "Required",
        httpsOnly: inputs.httpsOnly ?? false,
        outboundIpAddresses: "20.105.224.17,20.105.224.18",
        location: inputs.location ?? "westeurope",
    };
}

/**
 * `azure-native:web/v20220901:WebApp` and `azure-native:web:WebApp` are the same Azure type; the model is
 * keyed by module and name without the API version.
 */
export function armTypeKey(token: string): string {
    const [, module = "", name = ""] = token.split(":");
    return `${module.split("/")[0]}:${name}`;
}

function armType(token: string): ArmType {
    return (
        ARM_TYPES[armTypeKey(token)] ?? {
            nameProperty: "name",
            id: (inputs, name) => `${group(inputs)}/providers/standin.${armTypeKey(token).replace(":", "/")}/${name}`,
        }
    );
}

/** The type token and logical name a URN carries (`urn:pulumi:stack::project::parent$type::name`). */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const types = (parts[2] ?? "").split("$");
    return { type: types[types.length - 1], name: parts.slice(3).join("::") };
}

/**
 * Check: fills in the Azure name when the program leaves it out, keeping the one chosen earlier so that an
 * unchanged program does not rename (and so replace) the resource. Azure names are the logical name plus a
 * random suffix, as the real provider does.
 */
export function checkInputs(urn: string, olds: Props, news: Props): Props {
    const { type, name } = parseUrn(urn);
    const { nameProperty } = armType(type);
    if (news[nameProperty] !== undefined) {
        return news;
    }
    const previous = olds[nameProperty];
    const autoName = typeof previous === "string" ? previous : `${name}${Math.random().toString(16).slice(2, 10)}`;
    return { ...news, [nameProperty]: autoName };
}

/**
 * Create: the id Azure would assign and the properties it would report back. azure-native's outputs carry the id
 * too (its response's `id`), which is what a stack policy reads to tell which site a child resource belongs to.
 */
export function createResource(urn: string, inputs: Props): { id: string; outs: Props } {
    const model = armType(parseUrn(urn).type);
    const name = String(inputs[model.nameProperty]);
    const id = model.id(inputs, name);
    const response = { id, ...(model.outputs?.(inputs, name) ?? { name }) };
    return { id, outs: model.responseOnly ? response : { ...inputs, ...response } };
}

/** The inputs whose change makes Azure create a new resource rather than update it in place. */
const REPLACE_ON_CHANGE = ["resourceGroupName", "name", "slot", "deploymentName", "location"];

/** Diff: which of the program's inputs differ from what was deployed, and whether that needs a replacement. */
export function diffInputs(olds: Props, news: Props): { changes: boolean; replaces: string[] } {
    const changed = Object.keys(news).filter(key => JSON.stringify(news[key]) !== JSON.stringify(olds[key]));
    return { changes: changed.length > 0, replaces: changed.filter(key => REPLACE_ON_CHANGE.includes(key)) };
}
