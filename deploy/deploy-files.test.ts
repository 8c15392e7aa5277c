import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DCLinter } from "dclint";
import { validate as validateDockerfile } from "dockerfile-utils";
import dockerfilelint from "dockerfilelint";
import * as apps from "kubernetes-models/apps/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as core from "kubernetes-models/v1";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/platform/env-schema";
import { type Manifest, renderKustomization } from "@/testing/deploy/render-kustomization";

// The deployment files, checked without a Docker engine or a cluster (none exists here):
// the Dockerfile linted by dockerfile-utils and dockerfilelint, compose.yaml validated by
// dclint (the Compose JSON schema it ships, and its rules), the Kubernetes base rendered
// as kustomize would and every object validated against the Kubernetes OpenAPI schemas
// (kubernetes-models), plus the references between them: what they do not prove is that
// the images build and the containers start, which needs an engine (deploy/README.md).

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
// The project's dclint rules (.dclintrc.yaml), as the CLI reads them.
const linter = () =>
  new DCLinter({ rules: parse(read(".dclintrc.yaml")).rules, quiet: true, debug: false, exclude: [] });

// Every variable the deployment files set is a setting some process reads.
const settings = new Set([
  ...Object.keys(envSchema.shape),
  // the Postgres image's, and the Inngest server's own
  "POSTGRES_USER",
  "POSTGRES_PASSWORD",
  "POSTGRES_DB",
  "PGDATA",
  "INNGEST_POSTGRES_URI",
]);

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");

  it("passes dockerfile-utils and dockerfilelint", () => {
    expect(validateDockerfile(dockerfile)).toEqual([]);
    expect(dockerfilelint.run(root, dockerfile)).toEqual([]);
  });

  it("builds on a tagged Node 24 image, at image build time, and runs as a non-root user", () => {
    const from = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]!);
    const stages = new Set([...dockerfile.matchAll(/^FROM \S+ AS (\S+)/gm)].map((match) => match[1]!));
    const pulled = from.filter((image) => !stages.has(image));
    expect(pulled).toEqual(["node:24-bookworm-slim"]);
    expect(dockerfile).toMatch(/^RUN npm run build/m);
    expect(dockerfile).toMatch(/^USER mergeline$/m);
    expect(dockerfile).toMatch(/apt-get install[^\n]*\\\n(?:[^\n]*\\\n)*\s+bubblewrap[^\n]*chromium/);
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD [^\n]*\/api\/health/m);
  });

  it("has an entry point that starts each process by name", () => {
    const entrypoint = path.join(root, "deploy/docker/entrypoint.sh");
    execFileSync("sh", ["-n", entrypoint]);
    const script = fs.readFileSync(entrypoint, "utf8");
    for (const [command, file] of [
      ["app", "scripts/serve-app.ts"],
      ["realtime", "realtime/main.ts"],
      ["engine", "inngest/local-engine/main.ts"],
      ["migrate", "scripts/migrate.ts"],
      ["all", "scripts/start.ts"],
    ]) {
      const branch = script.match(new RegExp(`\\n\\s+${command}\\)([\\s\\S]*?);;`))?.[1];
      expect(branch, command).toContain(`exec $tsx ${file}`);
      expect(fs.existsSync(path.join(root, file!))).toBe(true);
    }
  });
});

describe("compose.yaml", () => {
  it("passes dclint: the Compose schema and its rules", () => {
    const [result] = linter().lintFiles([path.join(root, "compose.yaml")], false);
    expect(result!.messages).toEqual([]);
  });

  it("dclint does find what is wrong (the check is not a no-op)", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-compose-")), "compose.yaml");
    fs.writeFileSync(file, "services:\n  app:\n    image: 3\n    restartt: always\n");
    const [result] = linter().lintFiles([file], false);
    expect(result!.errorCount).toBeGreaterThan(0);
  });

  it("runs the app, the sidecar, a self-hosted Inngest with keys, and Postgres with pgvector", () => {
    const compose = parse(read("compose.yaml")) as {
      services: Record<string, { command?: string[]; image?: string; environment?: Record<string, string> }>;
    };
    expect(Object.keys(compose.services).sort()).toEqual(["app", "inngest", "postgres", "realtime"]);
    expect(compose.services.app!.command).toEqual(["app"]);
    expect(compose.services.realtime!.command).toEqual(["realtime"]);
    expect(compose.services.inngest!.command!.slice(0, 2)).toEqual(["inngest", "start"]);
    expect(compose.services.postgres!.image).toMatch(/^pgvector\/pgvector:/);
    const example = read("deploy/compose/mergeline.env.example");
    const names = [...example.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]!);
    expect(names).toEqual(expect.arrayContaining(["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "DATABASE_URL"]));
    const set = [
      ...names,
      ...Object.values(compose.services).flatMap((service) => Object.keys(service.environment ?? {})),
    ];
    expect(set.filter((name) => !settings.has(name))).toEqual([]);
  });
});

describe("Kubernetes base (deploy/kubernetes/base)", () => {
  const manifests = renderKustomization(path.join(root, "deploy/kubernetes/base"));
  const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
  const models: Record<string, new (data: never) => { validate: () => void }> = {
    "v1/Namespace": core.Namespace,
    "v1/ConfigMap": core.ConfigMap,
    "v1/Secret": core.Secret,
    "v1/Service": core.Service,
    "apps/v1/Deployment": apps.Deployment,
    "apps/v1/StatefulSet": apps.StatefulSet,
    "networking.k8s.io/v1/Ingress": networking.Ingress,
  };
  type Pod = {
    metadata: { labels: Record<string, string> };
    spec: {
      containers: Array<{
        name: string;
        image: string;
        ports?: Array<{ name?: string; containerPort: number }>;
        envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
        env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
        readinessProbe?: unknown;
        livenessProbe?: unknown;
      }>;
    };
  };
  const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")];
  const podOf = (manifest: Manifest) => (manifest.spec as { template: Pod }).template;

  it("renders every object, each valid against the Kubernetes schema of its kind", () => {
    expect(manifests.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`).sort()).toEqual([
      "ConfigMap/mergeline-config",
      "ConfigMap/postgres-init",
      "Deployment/inngest",
      "Deployment/realtime",
      "Ingress/mergeline",
      "Namespace/mergeline",
      "Secret/mergeline-secrets",
      "Service/app",
      "Service/inngest",
      "Service/postgres",
      "Service/realtime",
      "StatefulSet/app",
      "StatefulSet/postgres",
    ]);
    for (const manifest of manifests) {
      const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion}/${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest as never).validate()).not.toThrow();
      if (manifest.kind !== "Namespace") expect(manifest.metadata.namespace).toBe("mergeline");
    }
  });

  it("the schema check does find what is wrong (the check is not a no-op)", () => {
    const broken = structuredClone(byKind("Deployment")[0]!) as Manifest & { spec: { replicas: unknown } };
    broken.spec.replicas = "two";
    expect(() => new apps.Deployment(broken as never).validate()).toThrow(/replicas/);
  });

  it("ties together: selectors, config and secret references, probes, images, settings", () => {
    const configMaps = new Map(
      byKind("ConfigMap").map((map) => [map.metadata.name, (map as { data?: object }).data ?? {}]),
    );
    const secrets = new Map(
      byKind("Secret").map((secret) => [secret.metadata.name, (secret as { stringData?: object }).stringData ?? {}]),
    );
    for (const service of byKind("Service")) {
      const selector = (service.spec as { selector: Record<string, string> }).selector;
      const matched = workloads.filter((workload) =>
        Object.entries(selector).every(([key, value]) => podOf(workload).metadata.labels[key] === value),
      );
      expect(matched.map((workload) => workload.metadata.name)).toEqual([service.metadata.name]);
    }
    for (const workload of workloads) {
      for (const container of podOf(workload).spec.containers) {
        expect(container.image, container.name).toMatch(/^[^:]+:[^:]+$/);
        expect(container.readinessProbe, `${container.name} readiness`).toBeDefined();
        expect(container.livenessProbe, `${container.name} liveness`).toBeDefined();
        for (const source of container.envFrom ?? []) {
          if (source.configMapRef) expect(configMaps.has(source.configMapRef.name)).toBe(true);
          if (source.secretRef) expect(secrets.has(source.secretRef.name)).toBe(true);
        }
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) expect(Object.keys(secrets.get(ref.name) ?? {})).toContain(ref.key);
          if (!container.image.startsWith("inngest/")) expect(settings.has(variable.name), variable.name).toBe(true);
        }
      }
    }
    const mergelineImages = workloads
      .flatMap((workload) => podOf(workload).spec.containers)
      .filter((container) => !/^(inngest|pgvector)\//.test(container.image));
    expect(new Set(mergelineImages.map((container) => container.image))).toEqual(
      new Set(["ghcr.io/example/mergeline:latest"]),
    );
    const shared = Object.keys(configMaps.get("mergeline-config")!);
    expect(shared.filter((name) => !settings.has(name))).toEqual([]);
    const secretNames = Object.keys(secrets.get("mergeline-secrets")!);
    expect(secretNames.filter((name) => !settings.has(name))).toEqual([]);
  });

  it("routes /socket.io/ to the sidecars and the rest to the app", () => {
    const [ingress] = byKind("Ingress");
    const paths = (
      ingress!.spec as {
        rules: Array<{ http: { paths: Array<{ path: string; backend: { service: { name: string } } }> } }>;
      }
    ).rules[0]!.http.paths.map((entry) => [entry.path, entry.backend.service.name]);
    expect(paths).toEqual([
      ["/socket.io/", "realtime"],
      ["/", "app"],
    ]);
  });
});
