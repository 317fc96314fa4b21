/** The PrometheusRule's YAML text, rendered from prometheus/alerts.rules.yml. */
export function render(): string;
