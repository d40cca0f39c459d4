-- Full-text search of a first-line agent: a word or two, sometimes with a filter or a sort.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local extras = {"", "", "&open=true", "&sort=created", "&priority=P2", "&status=RESOLVED"}

function setup(thread) common.setup(thread) end
function init(args) common.seed() end

function request()
  local q = common.word()
  if math.random(3) == 1 then
    q = q .. "%20" .. common.word()
  end
  local path = "/api/v1/search/tickets?q=" .. q .. "&size=20" .. extras[math.random(#extras)]
  return wrk.format("GET", path, common.headers())
end

function done(summary, latency, requests) common.done(summary, latency, requests) end
