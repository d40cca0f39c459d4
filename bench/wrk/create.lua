-- Ticket creation at fixed concurrency: requesters file tickets for themselves (POST /api/v1/tickets).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local n = 0
local channels = {"PORTAL", "PORTAL", "PORTAL", "EMAIL", "PHONE"}

function setup(thread) common.setup(thread) end
function init(args) common.seed() end

function request()
  n = n + 1
  local t = common.titles[math.random(#common.titles)]
  local body = string.format('{"title":%s,"description":%s,"channel":"%s"}',
    common.json_string(t[1]),
    common.json_string(string.format("%s Zgłoszenie %d/%d z testu obciążenia.", t[2], thread_id or 0, n)),
    channels[math.random(#channels)])
  return wrk.format("POST", "/api/v1/tickets", common.headers({["Content-Type"] = "application/json"}), body)
end

function done(summary, latency, requests) common.done(summary, latency, requests) end
