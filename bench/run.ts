/**
 * `npm run bench` (not part of the tests): Lambda bundle sizes and cold import times, DynamoDB
 * round trips per route, API latency under load on the local stack, weapp package sizes.
 */
import { benchApi } from './api-load'
import { benchBundles } from './bundles'
import { benchVerification } from './verify'
import { benchWeapp } from './weapp'

await benchBundles()
benchVerification()
await benchApi()
benchWeapp()
