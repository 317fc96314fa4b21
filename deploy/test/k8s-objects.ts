// Reading rendered Kubernetes objects in the tests: finding one, its pod spec and containers, and
// checking each against its schema (kubernetes-models) or, for CRDs, its expected shape.
import { expect } from 'vitest';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { Obj } from './kustomize.js';

export function get(objs: Obj[], kind: string, name: string, namespace?: string): Obj {
  const found = objs.filter(
    (o) => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace),
  );
  expect(found, `${kind} ${namespace ?? '*'}/${name}`).toHaveLength(1);
  return found[0];
}

export function podSpec(o: Obj): Obj {
  return o.spec.template.spec;
}

export function containers(o: Obj): Obj[] {
  const spec = podSpec(o);
  return [...(spec.initContainers ?? []), ...spec.containers];
}

export function workloads(objs: Obj[]): Obj[] {
  return objs.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
}

export function env(container: Obj, name: string): Obj {
  const e = (container.env ?? []).find((x: Obj) => x.name === name);
  expect(e, `${container.name}: env ${name}`).toBeDefined();
  return e;
}

export function probe(p: Obj) {
  return { path: p.httpGet.path, port: p.httpGet.port, initialDelaySeconds: p.initialDelaySeconds, periodSeconds: p.periodSeconds };
}

// kubernetes-models has no classes for the CRDs used here (ExternalSecret, SecretStore, ArgoCD's
// Application and AppProject); those get the hand-written shape checks in `crdShape` instead.
const models: Record<string, (o: Obj) => void> = {
  'v1/Namespace': (o) => new Namespace(o as any).validate(),
  'v1/Service': (o) => new Service(o as any).validate(),
  'v1/ServiceAccount': (o) => new ServiceAccount(o as any).validate(),
  'v1/ConfigMap': (o) => new ConfigMap(o as any).validate(),
  'apps/v1/Deployment': (o) => new Deployment(o as any).validate(),
  'autoscaling/v2/HorizontalPodAutoscaler': (o) => new HorizontalPodAutoscaler(o as any).validate(),
  'batch/v1/Job': (o) => new Job(o as any).validate(),
  'networking.k8s.io/v1/Ingress': (o) => new Ingress(o as any).validate(),
  'networking.k8s.io/v1/NetworkPolicy': (o) => new NetworkPolicy(o as any).validate(),
  'policy/v1/PodDisruptionBudget': (o) => new PodDisruptionBudget(o as any).validate(),
};

export function crdShape(o: Obj): void {
  const id = `${o.apiVersion}/${o.kind}`;
  switch (id) {
    case 'external-secrets.io/v1beta1/ExternalSecret':
      expect(o.metadata.namespace).toBeTruthy();
      expect(o.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'aws-secrets-manager' });
      expect(o.spec.target.name).toBe(o.metadata.name);
      expect(o.spec.dataFrom.length).toBeGreaterThan(0);
      for (const d of o.spec.dataFrom) expect(d.extract.key).toMatch(/^mrm\/(production|staging)\/[a-z-]+$/);
      return;
    case 'external-secrets.io/v1beta1/SecretStore':
      expect(o.spec.provider.aws.service).toBe('SecretsManager');
      expect(o.spec.provider.aws.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      expect(o.spec.provider.aws.auth.jwt.serviceAccountRef.name).toBe('external-secrets-reader');
      return;
    case 'argoproj.io/v1alpha1/Application':
      expect(o.metadata.namespace).toBe('argocd');
      expect(o.spec.project).toBe('mrm');
      expect(o.spec.source.repoURL).toMatch(/^https:\/\/github\.com\/.+\.git$/);
      expect(typeof o.spec.source.targetRevision).toBe('string');
      expect(typeof o.spec.source.path).toBe('string');
      expect(o.spec.destination.name ?? o.spec.destination.server).toBeTruthy();
      return;
    case 'argoproj.io/v1alpha1/AppProject':
      expect(o.metadata.namespace).toBe('argocd');
      expect(o.spec.sourceRepos.length).toBeGreaterThan(0);
      expect(o.spec.destinations.length).toBeGreaterThan(0);
      return;
    default:
      throw new Error(`no schema check for ${id} (${o.metadata?.name})`);
  }
}

export function validate(o: Obj): void {
  const model = models[`${o.apiVersion}/${o.kind}`];
  if (model) model(o);
  else crdShape(o);
}
