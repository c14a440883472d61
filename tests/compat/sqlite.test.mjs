import { defineSuite } from './suite.mjs';

defineSuite('sqlite');
