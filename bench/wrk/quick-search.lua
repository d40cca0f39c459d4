-- The same searches as search.lua from a quick search box that shows no facets (facets=none).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

function setup(thread) common.setup(thread) end
function init(args) common.seed() end
function request() return common.search_request("&facets=none") end
function done(summary, latency, requests) common.done(summary, latency, requests) end
