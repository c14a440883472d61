import { defineSuite } from './suite.mjs';

defineSuite('postgres');
