// Provider types that look like a route to an App Service app, and are not one. The coverage test
// (test/policy-pack/coverage.test.ts) walks every resource type of @pulumi/azure-native and classic @pulumi/azure
// and fails on a type that carries client-certificate settings, creates a Microsoft.Web/sites-family resource, or
// holds a template Azure deploys or refers to a policy definition, unless the registry covers it or this list says why
// it cannot create an app.

const containerAppTemplate =
    "an Azure Container Apps resource (Microsoft.App): its `template` lists containers, not an ARM template, " +
    "and its ingress client-certificate mode belongs to Container Apps, not to an App Service site";
const apiManagementBackend =
    "an API Management backend: the certificate is the one API Management presents to a Service Fabric backend";
const fluxCredentials =
    "a Flux configuration on Kubernetes: the certificate is the service principal's credential for pulling from Blob storage";
const cassandra =
    "a Cosmos DB managed Cassandra cluster: the certificates are its clients' certificates for the database";
const whatIf = "a deployment stack what-if: Azure reports what the template would change and deploys nothing";
const policySet =
    "a policy set definition (initiative): it lists policy definitions by id and applies none of them until it is " +
    "assigned; an assignment of a custom set is reported (families/policyAssignment.ts), and a built-in set lists " +
    "only built-in definitions";
const iotCentral =
    "an IoT Central application: `template` names an IoT Central application template, not an ARM template";

/** Each type token and why it cannot create or change an App Service app. */
export const typesThatCannotCreateApps: ReadonlyMap<string, string> = new Map([
    ["azure-native:apimanagement:Backend", apiManagementBackend],
    ["azure-native:apimanagement:WorkspaceBackend", apiManagementBackend],
    ["azure:apimanagement/backend:Backend", apiManagementBackend],
    [
        "azure:apimanagement/service:Service",
        "an API Management service: clientCertificateEnabled is its gateway's own client-certificate negotiation",
    ],
    ["azure-native:app:ContainerApp", containerAppTemplate],
    ["azure-native:app:Job", containerAppTemplate],
    ["azure:containerapp/app:App", containerAppTemplate],
    ["azure:containerapp/job:Job", containerAppTemplate],
    [
        "azure-native:appplatform:Job",
        "an Azure Spring Apps job: `template` describes its job's containers, not an ARM template",
    ],
    ["azure-native:awsconnector:ApiGatewayStage", "an inventory record of an AWS API Gateway stage, read from AWS"],
    [
        "azure-native:awsconnector:LightsailInstance",
        "an inventory record of an AWS Lightsail instance, read from AWS; `blueprintId` is a Lightsail image",
    ],
    ["azure-native:cosmosdb:CassandraCluster", cassandra],
    ["azure:cosmosdb/cassandraCluster:CassandraCluster", cassandra],
    [
        "azure-native:eventgrid:Client",
        "an Event Grid MQTT client: the certificate authenticates the client to the namespace",
    ],
    ["azure-native:kubernetesconfiguration:FluxConfiguration", fluxCredentials],
    ["azure:arckubernetes/fluxConfiguration:FluxConfiguration", fluxCredentials],
    ["azure:containerservice/fluxConfiguration:FluxConfiguration", fluxCredentials],
    [
        "azure-native:signalrservice:SignalR",
        "an Azure SignalR Service: tls.clientCertEnabled is the service's own client-certificate setting",
    ],
    [
        "azure-native:webpubsub:WebPubSub",
        "an Azure Web PubSub service: tls.clientCertEnabled is the service's own client-certificate setting",
    ],
    [
        "azure:servicefabric/cluster:Cluster",
        "a Service Fabric cluster: the certificates identify the cluster's admin and read-only clients",
    ],
    [
        "azure-native:devtestlab:ArtifactSource",
        "a DevTest Labs repository of templates: deploying one is a devtestlab:Environment, which is checked",
    ],
    ["azure-native:iotcentral:App", iotCentral],
    ["azure-native:authorization:PolicySetDefinition", policySet],
    ["azure-native:authorization:PolicySetDefinitionAtManagementGroup", policySet],
    ["azure-native:authorization:PolicySetDefinitionVersion", policySet],
    ["azure-native:authorization:PolicySetDefinitionVersionAtManagementGroup", policySet],
    ["azure:management/groupPolicySetDefinition:GroupPolicySetDefinition", policySet],
    ["azure:policy/policySetDefinition:PolicySetDefinition", policySet],
    ["azure:iotcentral/application:Application", iotCentral],
    ["azure-native:resources:DeploymentStacksWhatIfResultsAtManagementGroup", whatIf],
    ["azure-native:resources:DeploymentStacksWhatIfResultsAtResourceGroup", whatIf],
    ["azure-native:resources:DeploymentStacksWhatIfResultsAtSubscription", whatIf],
    [
        "azure-native:resources:TemplateSpec",
        "a template spec's name and description: its templates are in resources:TemplateSpecVersion, which is checked",
    ],
]);
