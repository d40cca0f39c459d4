-- Full-text search of a first-line agent: a word or two, sometimes with a filter or a sort; every facet counted.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

function setup(thread) common.setup(thread) end
function init(args) common.seed() end
function request() return common.search_request("") end
function done(summary, latency, requests) common.done(summary, latency, requests) end
