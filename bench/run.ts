import { loadCatalog } from "../src/catalog/load-catalog.js";
import { loadConfig } from "../src/config/config.js";
import { benchAnnouncements } from "./announce-cost.js";
import { benchCore } from "./core-answer.js";
import { benchServiceMemory } from "./service-memory.js";
import { benchServiceThroughput } from "./service-throughput.js";
import { benchSlack } from "./slack-throughput.js";
import { printTable, type BenchRow } from "./measure.js";
import { benchStores } from "./store-cost.js";
import { benchSurveys } from "./survey-cost.js";

/** `npm run bench`: every measurement of one run, in one table. */
const catalog = await loadCatalog(loadConfig().CATALOG_DIR);
const rows: BenchRow[] = [...benchCore(catalog), ...(await benchStores(catalog)), ...(await benchSurveys(catalog)), ...(await benchSlack(catalog)), ...(await benchAnnouncements()), ...(await benchServiceThroughput()), ...(await benchServiceMemory())];
console.log(printTable(rows));
console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}`);
