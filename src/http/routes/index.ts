import type { RouteSpec } from '../route.js';
import { accountRoutes } from './accounts.js';
import { currencyRoutes } from './currencies.js';
import { dashboardRoutes } from './dashboard.js';
import { fundingRoutes } from './funding.js';
import { fxRoutes } from './fx.js';
import { inboxRoutes } from './inbox.js';
import { iso20022Routes } from './iso20022.js';
import { participantRoutes } from './participants.js';
import { paymentRoutes } from './payments.js';
import { settlementRoutes } from './settlement.js';
import { screeningRoutes } from './screening.js';

export const allRoutes: readonly RouteSpec[] = [...paymentRoutes, ...accountRoutes, ...inboxRoutes, ...participantRoutes, ...currencyRoutes, ...fundingRoutes, ...iso20022Routes, ...settlementRoutes, ...screeningRoutes, ...fxRoutes, ...dashboardRoutes];
