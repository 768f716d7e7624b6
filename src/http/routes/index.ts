import type { RouteSpec } from '../route.js';
import { accountRoutes } from './accounts.js';
import { currencyRoutes } from './currencies.js';
import { fundingRoutes } from './funding.js';
import { inboxRoutes } from './inbox.js';
import { participantRoutes } from './participants.js';
import { paymentRoutes } from './payments.js';

export const allRoutes: readonly RouteSpec[] = [...paymentRoutes, ...accountRoutes, ...inboxRoutes, ...participantRoutes, ...currencyRoutes, ...fundingRoutes];
