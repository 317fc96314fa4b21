// The seed's numbers for the Kubernetes objects (/work/shared/seed/Deployment.md, "Kubernetes Setup"
// unless noted), as the manifests must reproduce them.

// Seed → Kubernetes Setup → Namespaces (`default` is listed as "not used in production").
export const SEED_NAMESPACES = ['mrm-production', 'mrm-staging', 'mrm-workers', 'monitoring', 'logging'];

// Seed → Deployments → API Deployment.
export const SEED_API = {
  name: 'mrm-api',
  namespace: 'mrm-production',
  replicas: 5,
  rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
  containerPort: 3000,
  resources: { requests: { memory: '1Gi', cpu: '500m' }, limits: { memory: '2Gi', cpu: '1000m' } },
  liveness: { path: '/health', port: 3000, initialDelaySeconds: 30, periodSeconds: 10 },
  readiness: { path: '/ready', port: 3000, initialDelaySeconds: 5, periodSeconds: 5 },
  nodeSelector: { 'node-type': 'api' },
  toleration: { key: 'node-type', operator: 'Equal', value: 'api', effect: 'NoSchedule' },
  templateLabels: { app: 'mrm-api', version: 'v1.0.0' },
};

// Seed → HorizontalPodAutoscaler.
export const SEED_API_HPA = {
  name: 'mrm-api-hpa',
  minReplicas: 5,
  maxReplicas: 20,
  metrics: [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
  ],
  behavior: {
    scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
    scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
  },
};

// Seed → Worker Deployment; its 3–10 range from the High-Level Diagram (production cluster).
export const SEED_WORKER = {
  name: 'mrm-worker',
  namespace: 'mrm-workers',
  replicas: 3,
  queueName: 'sync,reports,email',
  resources: { requests: { memory: '2Gi', cpu: '1000m' }, limits: { memory: '4Gi', cpu: '2000m' } },
  nodeSelector: { 'node-type': 'workers' },
  hpa: { minReplicas: 3, maxReplicas: 10 },
};

// Seed → High-Level Diagram: Frontend (Next.js) pods 3–10 in production.
export const SEED_WEB = { hpa: { minReplicas: 3, maxReplicas: 10 } };

// Seed → High-Level Diagram, staging cluster: API 2–5, workers 1–3, frontend 1–2.
export const SEED_STAGING = {
  api: { min: 2, max: 5 },
  worker: { min: 1, max: 3 },
  web: { min: 1, max: 2 },
};

// Seed → Service.
export const SEED_SERVICE = { name: 'mrm-api-service', type: 'ClusterIP', port: 80, targetPort: 3000, selector: { app: 'mrm-api' } };

// Seed → Ingress.
export const SEED_INGRESS = {
  name: 'mrm-ingress',
  annotations: {
    'kubernetes.io/ingress.class': 'nginx',
    'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
    'nginx.ingress.kubernetes.io/rate-limit': '100',
  },
  tls: { host: 'api.mrm-ai.com', secretName: 'mrm-tls' },
  backend: { service: 'mrm-api-service', port: 80 },
};

// The server image's roles and the web image (docs/operations.md#processes).
export const IMAGES = ['ghcr.io/mrm-ai/mrm-server', 'ghcr.io/mrm-ai/mrm-web'];
