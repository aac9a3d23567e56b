/** Prometheus counters of the outbox, per topic and outcome (issue 13.6), on the /metrics registry. */
import client from 'prom-client';
import { metricsRegistry } from './http/observability';

const deliveries = new client.Counter({
  name: 'outbox_deliveries_total',
  help: 'Outbox delivery attempts by topic and outcome (delivered, retry, failed, lost-lease)',
  labelNames: ['topic', 'outcome'],
  registers: [metricsRegistry],
});

const operatorActions = new client.Counter({
  name: 'outbox_operator_actions_total',
  help: 'Operator actions on outbox messages by topic and action (retry, give_up)',
  labelNames: ['topic', 'action'],
  registers: [metricsRegistry],
});

export function countDelivery(topic: string, outcome: string): void {
  deliveries.inc({ topic, outcome });
}

export function countOperatorAction(topic: string, action: 'retry' | 'give_up'): void {
  operatorActions.inc({ topic, action });
}
