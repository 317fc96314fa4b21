// Writes prometheusrule.yaml (the Prometheus Operator's object) from prometheus/alerts.rules.yml,
// the one place the alerts are written, so Kubernetes and the local stack run the same rules.
// Usage: node deploy/monitoring/render-prometheusrule.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'prometheus', 'alerts.rules.yml');
const target = join(here, 'prometheusrule.yaml');

export function render() {
  const rules = parse(readFileSync(source, 'utf8'));
  const object = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'mrm-alerts',
      namespace: 'monitoring',
      labels: {
        'app.kubernetes.io/name': 'mrm-alerts',
        'app.kubernetes.io/part-of': 'mrm-ai-platform',
        // kube-prometheus-stack's Prometheus selects rules by its release label.
        release: 'kube-prometheus-stack',
      },
    },
    spec: { groups: rules.groups },
  };
  return (
    '# Generated from prometheus/alerts.rules.yml by render-prometheusrule.mjs: edit that file, then\n' +
    '# run `node deploy/monitoring/render-prometheusrule.mjs`.\n' +
    '---\n' +
    stringify(object, { lineWidth: 0 })
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = render();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('prometheusrule.yaml is out of date: run node deploy/monitoring/render-prometheusrule.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
  }
}
