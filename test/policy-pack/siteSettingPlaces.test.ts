// Where each app type keeps the baseline rules' settings (policy-pack/families/siteSettingPlaces.ts), checked
// against the provider SDKs themselves: every path a family reads is an input of the type, every setting a family
// says the type lacks has no input of that name, and every default taken from @pulumi/azure is the one its doc
// comment states. A provider release that renames, adds or re-defaults a setting fails here.
import * as assert from "assert";
import { appFamilies } from "../../policy-pack/families/appFamilies";
import { isNoPlace, NoPlace, SettingPlace, SiteSettingId } from "../../policy-pack/baseline/siteSettings";
import { ProviderType, providerSdkPath, providerTypes } from "./providerTypes";
import { BASELINE_RULES } from "../../policy-pack/baseline/rules";
import {
    ARM_TEMPLATE_PLACES,
    MERGED_REQUEST_PLACES,
    REQUEST_BODY_PLACES,
} from "../../policy-pack/families/siteSettingPlaces";

/** The input names each setting goes by, in either provider, for the check that a type without one lacks it. */
const NAMES: Readonly<Record<SiteSettingId, RegExp>> = {
    httpsOnly: /^httpsOnly$/,
    minTlsVersion: /^siteConfig\.min(imum)?TlsVersion$/,
    scmMinTlsVersion: /^siteConfig\.scmMin(imum)?TlsVersion$/,
    ftpsState: /^siteConfig\.ftpsState$/,
    remoteDebuggingEnabled: /^siteConfig\.remoteDebuggingEnabled$/,
    http20Enabled: /^siteConfig\.http2?0?Enabled$/,
    identity: /^identity$/,
    publicNetworkAccess: /^(siteConfig\.)?publicNetworkAccess(Enabled)?$/,
    ftpBasicAuth: /^ftpPublishBasicAuthenticationEnabled$/,
    scmBasicAuth: /^(webdeploy|scm)PublishBasicAuthenticationEnabled$/,
    authSettingsV2Enabled: /^authSettingsV2\.authEnabled$/,
    authSettingsEnabled: /^authSettings\.enabled$/,
};

/**
 * Classic settings whose default the pack takes from @pulumi/azure though no doc comment of the type states it:
 * the web apps' `http2Enabled` (the function apps' doc says "Defaults to `false`", the same provider schema field).
 */
const UNDOCUMENTED_PROVIDER_DEFAULTS = new Set([
    "azure:appservice/linuxWebApp:LinuxWebApp siteConfig.http2Enabled",
    "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot siteConfig.http2Enabled",
    "azure:appservice/windowsWebApp:WindowsWebApp siteConfig.http2Enabled",
    "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot siteConfig.http2Enabled",
]);

describe("where each app type keeps the baseline settings, against the provider SDKs", function () {
    this.timeout(120_000);
    let types: Map<string, ProviderType>;

    before(() => {
        types = new Map(
            ["@pulumi/azure-native", "@pulumi/azure"]
                .flatMap(sdk => providerTypes(providerSdkPath(sdk)))
                .map(type => [type.token, type]),
        );
    });

    for (const [token, family] of Object.entries(appFamilies)) {
        it(`${token}: every path is an input, every missing setting is missing, every provider default documented`, () => {
            const type: ProviderType | undefined = types.get(token);
            assert.ok(type, `${token} is not a type of the installed SDKs`);
            assert.ok(family.siteSettings, `${token} declares no places`);
            for (const [setting, place] of Object.entries(family.siteSettings!) as [
                SiteSettingId,
                SettingPlace | NoPlace,
            ][]) {
                if (isNoPlace(place)) {
                    const present: string[] = type.inputPaths.filter(p => NAMES[setting].test(p));
                    assert.deepStrictEqual(present, [], `${token} has an input for ${setting}`);
                    continue;
                }
                assert.ok(type.inputPaths.includes(place.path), `${token} has no input ${place.path}`);
                if (place.unset.source !== "@pulumi/azure's") {
                    continue;
                }
                const documented: string | undefined = /Defaults to `([^`]+)`/.exec(
                    type.inputDocs.get(place.path) ?? "",
                )?.[1];
                if (UNDOCUMENTED_PROVIDER_DEFAULTS.has(`${token} ${place.path}`)) {
                    assert.strictEqual(documented, undefined, `${token} ${place.path} documents a default now`);
                    continue;
                }
                assert.ok(documented !== undefined, `${token} ${place.path} documents no default`);
                const parsed: unknown = documented === "true" ? true : documented === "false" ? false : documented;
                assert.deepStrictEqual(
                    place.meaning ? place.meaning(parsed) : parsed,
                    place.unset.becomes,
                    `${token} ${place.path}: documented default ${documented}`,
                );
            }
        });
    }
});

describe("where a site's request body keeps the baseline settings (generic Resource, AzAPI)", () => {
    const settings = Object.keys(ARM_TEMPLATE_PLACES) as SiteSettingId[];

    it("reads every setting at the template site's path with the template site's default: ARM gets the same body", () => {
        for (const setting of settings) {
            const [body, template] = [REQUEST_BODY_PLACES[setting], ARM_TEMPLATE_PLACES[setting]];
            assert.strictEqual(isNoPlace(body), isNoPlace(template), setting);
            assert.deepStrictEqual(body.unset, template.unset, setting);
            if (!isNoPlace(body) && !isNoPlace(template)) {
                assert.strictEqual(body.path, template.path, setting);
                assert.strictEqual(body.meaning, template.meaning, setting);
            }
        }
    });

    it("leaves no setting unjudged unseen: each is read on the site, or judged across the stack by its rule's stack part", () => {
        const stackParts = new Set(BASELINE_RULES.flatMap(rule => rule.stackPart ?? []));
        for (const setting of settings) {
            const place = REQUEST_BODY_PLACES[setting];
            const inStack = isNoPlace(place)
                ? place.judgedInStack
                : place.unsetNotJudged !== undefined && "judgedInStack" in place.unsetNotJudged
                  ? place.unsetNotJudged.judgedInStack
                  : undefined;
            assert.ok(!isNoPlace(place) || inStack !== undefined, setting);
            if (inStack !== undefined) {
                const owner = BASELINE_RULES.find(rule => rule.settings.includes(setting));
                assert.strictEqual(owner?.stackPart, inStack, `${setting} is judged by its own rule's stack part`);
                assert.ok(stackParts.has(inStack), setting);
            }
        }
        for (const setting of settings) {
            assert.deepStrictEqual(MERGED_REQUEST_PLACES[setting].unsetNotJudged, { kept: true }, setting);
        }
    });
});
