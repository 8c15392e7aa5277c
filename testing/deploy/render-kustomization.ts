import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
};

// The fields of a Kustomization this renderer knows. kustomize itself is not on npm: the
// test renders the base with the subset it uses, and refuses any other field rather than
// ignoring it.
const known = new Set(["apiVersion", "kind", "namespace", "labels", "resources", "images"]);
const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass"]);

type Kustomization = {
  namespace?: string;
  labels?: Array<{ pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }>;
  resources?: string[];
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
};

type PodSpec = { containers?: Array<{ image?: string }>; initContainers?: Array<{ image?: string }> };

function podSpecOf(manifest: Manifest): PodSpec | undefined {
  const spec = manifest.spec as {
    template?: { spec?: PodSpec };
    jobTemplate?: { spec?: { template?: { spec?: PodSpec } } };
  };
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

/**
 * `kustomize build <dir>` for the fields of known: resources (files, or directories with a
 * kustomization.yaml of their own), namespace (on namespaced objects), labels (on metadata,
 * and on pod templates with includeTemplates), images (name -> newName:newTag).
 */
export function renderKustomization(dir: string): Manifest[] {
  const file = path.join(dir, "kustomization.yaml");
  const kustomization = parseAllDocuments(fs.readFileSync(file, "utf8"))[0]!.toJS() as Kustomization &
    Record<string, unknown>;
  const unknown = Object.keys(kustomization).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${file}: fields this renderer does not know: ${unknown.join(", ")}`);
  const manifests: Manifest[] = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.join(dir, resource);
    if (fs.statSync(target).isDirectory()) manifests.push(...renderKustomization(target));
    else
      for (const document of parseAllDocuments(fs.readFileSync(target, "utf8"))) {
        if (document.errors.length > 0) throw new Error(`${target}: ${document.errors[0]!.message}`);
        const value = document.toJS() as Manifest | null;
        if (value) manifests.push(value);
      }
  }
  for (const manifest of manifests) {
    if (kustomization.namespace && !clusterScoped.has(manifest.kind))
      manifest.metadata.namespace = kustomization.namespace;
    for (const { pairs, includeTemplates } of kustomization.labels ?? []) {
      manifest.metadata.labels = { ...manifest.metadata.labels, ...pairs };
      const template = (manifest.spec as { template?: { metadata?: { labels?: Record<string, string> } } })?.template;
      if (includeTemplates && template)
        template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...pairs } };
    }
    const pod = podSpecOf(manifest);
    for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
      const [name, tag] = (container.image ?? "").split(":");
      const image = kustomization.images?.find((candidate) => candidate.name === name);
      if (image) container.image = `${image.newName ?? name}:${image.newTag ?? tag ?? "latest"}`;
    }
  }
  return manifests;
}
