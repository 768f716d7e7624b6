export {
  signatureHeaderName,
  signatureHeaderCharsMax,
  signatureToleranceSecondsDefault,
  signWebhook,
  verifyWebhookSignature,
} from './signature.js';
export { deliveryId, deliveryIdHeaderName, webhookUserAgent } from './post.js';
export {
  WebhookDispatcher,
  webhookDispatcherDefaults,
  type WebhookDeliveryReport,
  type WebhookDispatcherOptions,
  type WebhookSource,
  type WebhookTarget,
} from './dispatcher.js';
