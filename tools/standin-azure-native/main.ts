// STAND-IN for the azure-native provider plugin. The Pulumi engine starts this program as
// `pulumi-resource-azure-native` (found on PATH ahead of any real plugin) and talks to it over the standard
// provider gRPC protocol. Instead of calling Azure it answers from `azureModel.ts` and appends every request
// it receives, with its inputs, as one JSON line to the file named by STANDIN_AZURE_NATIVE_RECORD: the
// record of exactly what would have been sent to Azure. Take it off PATH to deploy to real Azure.
import * as provider from "@pulumi/pulumi/provider";
import * as fs from "fs";
import * as path from "path";
import {
    checkInputs,
    createResource,
    diffInputs,
    SCHEMA_FILE_NAME,
    sdkVersion,
    STANDIN_SUBSCRIPTION_ID,
} from "./azureModel";
import { record } from "./record";

const standInAzureNative: provider.Provider = {
    version: sdkVersion(),
    // Asked for by Pulumi YAML, which type-checks programs against it; written when the stand-in was built.
    async getSchema() {
        return fs.readFileSync(path.join(__dirname, SCHEMA_FILE_NAME), "utf8");
    },
    async check(urn, olds, news) {
        record("check", urn, news);
        return { inputs: checkInputs(urn, olds ?? {}, news) };
    },
    async diff(_id, _urn, olds, news) {
        return diffInputs(olds, news);
    },
    async create(urn, inputs) {
        const result = createResource(urn, inputs);
        record("create", urn, inputs, result.id);
        return result;
    },
    async update(id, urn, olds, news) {
        record("update", urn, news, id);
        return { outs: { ...olds, ...createResource(urn, news).outs } };
    },
    async delete(id, urn, props) {
        record("delete", urn, props, id);
    },
    async read(id, urn, props) {
        record("read", urn, props ?? {}, id);
        return { id, props };
    },
    async invoke(token, inputs) {
        record("invoke", token, inputs);
        if (token === "azure-native:authorization:getClientConfig") {
            return {
                outputs: {
                    subscriptionId: STANDIN_SUBSCRIPTION_ID,
                    tenantId: STANDIN_SUBSCRIPTION_ID,
                    clientId: STANDIN_SUBSCRIPTION_ID,
                    objectId: STANDIN_SUBSCRIPTION_ID,
                },
            };
        }
        throw new Error(`the azure-native stand-in does not model the function ${token}`);
    },
};

provider.main(standInAzureNative, process.argv.slice(2)).catch(err => {
    console.error(err);
    process.exit(1);
});
